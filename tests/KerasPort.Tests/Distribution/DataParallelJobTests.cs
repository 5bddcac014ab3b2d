using System.Globalization;
using KerasPort.Tests.TestSupport;

namespace KerasPort.Tests.Distribution;

/// <summary>
/// Data-parallel fit over MPI, end to end: tests/KerasPort.MpiHost launched with
/// <c>mpiexec -n 2</c> (MPICH) and, for the reference, as one process. Skipped, with the reason,
/// where <c>mpiexec.mpich</c> is not installed (.ci/run installs it).
/// </summary>
[NonParallelizable]
public class DataParallelJobTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private static readonly Lazy<(string single, string job, string output)> Trained = new(train);

    [Test]
    public void Two_ranks_give_the_history_predictions_and_weights_of_one_process()
    {
        var (single, job, _) = Trained.Value;
        // The BatchNormalization model's batch statistics come from each rank's rows: not one process's.
        var expected = read(Path.Combine(single, "train.rank0.txt")).Where(kv => !kv.Key.StartsWith("normalized", StringComparison.Ordinal)).ToDictionary();
        var actual = read(Path.Combine(job, "train.rank0.txt")).Where(kv => !kv.Key.StartsWith("normalized", StringComparison.Ordinal)).ToDictionary();
        Assert.That(actual.Keys, Is.EquivalentTo(expected.Keys));
        foreach (var (key, values) in expected)
        {
            // float32 sums in another order: a few ulps.
            Assert.That(actual[key], Has.Length.EqualTo(values.Length), key);
            for (int i = 0; i < values.Length; i++)
                Assert.That(actual[key][i], Is.EqualTo(values[i]).Within(2e-6 + 2e-6 * Math.Abs(values[i])), $"{key}[{i}]");
        }
    }

    [Test]
    public void Every_rank_ends_with_the_same_weights_and_logs_batch_normalization_included()
    {
        var (_, job, _) = Trained.Value;
        Assert.That(File.ReadAllText(Path.Combine(job, "train.rank1.txt")), Is.EqualTo(File.ReadAllText(Path.Combine(job, "train.rank0.txt"))));
    }

    [Test]
    public void Progress_checkpoints_and_csv_logs_come_from_rank_zero_only()
    {
        var (_, job, output) = Trained.Value;
        Assert.That(File.Exists(Path.Combine(job, "log.rank0.csv")), Is.True);
        Assert.That(File.Exists(Path.Combine(job, "ckpt.rank0.weights.h5")), Is.True);
        Assert.That(File.Exists(Path.Combine(job, "log.rank1.csv")), Is.False);
        Assert.That(File.Exists(Path.Combine(job, "ckpt.rank1.weights.h5")), Is.False);
        Assert.That(output.Split('\n').Count(l => l.StartsWith("Epoch 1/4", StringComparison.Ordinal)), Is.EqualTo(1), output);
        // The CSV log holds the global numbers, the History's.
        var history_loss = read(Path.Combine(job, "train.rank0.txt"))["fit loss"];
        var csv = File.ReadAllLines(Path.Combine(job, "log.rank0.csv"));
        int column = Array.IndexOf(csv[0].Split(','), "loss");
        Assert.That(csv.Skip(1).Select(l => double.Parse(l.Split(',')[column], CultureInfo.InvariantCulture)), Is.EqualTo(history_loss).Within(1e-6));
    }

    // "fail": rank 1 throws from a callback in fit. "fail_evaluate": rank 1 throws inside evaluate and
    // the program catches it, so only the abort guard keeps rank 0 from waiting forever.
    [TestCase("fail", "rank one gives up at epoch 2")]
    [TestCase("fail_evaluate", "rank one gives up in evaluate")]
    public void A_rank_that_fails_ends_the_job_on_every_rank_naming_the_rank(string job, string error)
    {
        string dir = fresh_directory();
        var (exit_code, output, elapsed) = run_job(2, job, dir);
        Assert.That(exit_code, Is.Not.EqualTo(0), output);
        Assert.That(output, Does.Contain("rank 1 of 2 failed"), $"exit code {exit_code}, after {elapsed.TotalSeconds:F1} s");
        Assert.That(output, Does.Contain(error));
        Assert.That(Directory.GetFiles(dir), Is.Empty, "no rank went on to finish");
        Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(60)));
    }

    [Test]
    public void Differing_models_a_global_batch_smaller_than_the_ranks_and_differing_data_fail_on_every_rank_before_any_step()
    {
        string dir = fresh_directory();
        var (exit_code, output, _) = run_job(2, "mismatch", dir);
        Assert.That(exit_code, Is.EqualTo(0), output);
        for (int rank = 0; rank < 2; rank++)
        {
            var lines = File.ReadAllLines(Path.Combine(dir, $"mismatch.rank{rank}.txt"));
            Assert.That(lines[0], Does.StartWith("models InvalidOperationException: DataParallel: rank 1 differs from rank 0"));
            Assert.That(lines[0], Does.Contain("Rank 1 has weight 0 (kernel): shape (6, 5)"));
            Assert.That(lines[0], Does.Contain("rank 0 has weight 0 (kernel): shape (6, 4)"));
            Assert.That(lines[1], Does.StartWith("batch ArgumentException: Invalid value received for argument batch_size."));
            Assert.That(lines[1], Does.Contain("at least 2. Received: batch_size=1"));
            Assert.That(lines[2], Does.Contain("Rank 1 has training rows: 19, batches per epoch: 2; rank 0 has training rows: 20, batches per epoch: 2."));
            // The errors left every rank in step: the next fit runs.
            Assert.That(lines[3], Is.EqualTo("after ok"));
        }
    }

    private static (string single, string job, string output) train()
    {
        string single = fresh_directory(), job = fresh_directory();
        mpiexec();
        var (single_exit, single_output, _) = ChildProcess.execute("dotnet", [host(), "train", single], Timeout);
        Assert.That(single_exit, Is.EqualTo(0), single_output);
        var (exit_code, output, _) = run_job(2, "train", job);
        Assert.That(exit_code, Is.EqualTo(0), output);
        return (single, job, output);
    }

    private static (int exit_code, string output, TimeSpan elapsed) run_job(int ranks, string name, string dir)
    {
        return ChildProcess.execute(mpiexec(), ["-n", ranks.ToString(CultureInfo.InvariantCulture), "dotnet", host(), name, dir], Timeout);
    }

    // MPICH's launcher, or the test is skipped with the reason.
    private static string mpiexec() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "mpiexec.mpich")).FirstOrDefault(File.Exists)
        ?? throw new IgnoreException("mpiexec.mpich is not installed (apt-get install mpich): the data-parallel tests need MPICH.");

    private static string host() => Path.Combine(TestContext.CurrentContext.TestDirectory, "KerasPort.MpiHost.dll");

    private static string fresh_directory()
    {
        string dir = Path.Combine(Path.GetTempPath(), "kerasport-mpi-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    // "name key v1 v2 ..." lines (weights as "weight v1 ...", numbered by order) into named number arrays.
    private static Dictionary<string, double[]> read(string path)
    {
        var result = new Dictionary<string, double[]>();
        int weight = 0;
        foreach (var line in File.ReadAllLines(path))
        {
            var parts = line.Split(' ');
            int skip = parts[0] is "fit" or "small" or "sequence" or "dataset" ? 2 : 1;
            string key = parts[0] is "weight" or "normalized" ? $"{parts[0]} {weight++}" : string.Join(' ', parts.Take(skip));
            result[key] = parts.Skip(skip).Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        }
        return result;
    }
}
