// The thread policy under competition: one training epoch of the article's model (Dense 60-30-1
// with Dropout and L1/L2, 20,000 x 60 samples, batch 50) and of the digits CNN of the examples
// (Conv2D 16 on 8x8x1, max pooling, Dense 64-10; 2,000 samples, batch 32) and of a conv-heavier
// MNIST-sized CNN ("cnn28": Conv2D 32 and 64 on 28x28x1, max pooling, Dense 10; 2,000 samples,
// batch 32), each on an idle
// machine and with one competing CPU-bound process that this benchmark starts (a busy loop in a
// child process). OpenMP reads its wait policy once, when libtorch loads, so every measurement
// runs in a fresh child process per policy; rounds alternate the policies.
// Policies: "off" (KERASPORT_THREAD_POLICY=off: libtorch's default spinning workers), "on"
// (KerasPort's passive wait), "spinN" (GOMP_SPINCOUNT=N in the environment, which the policy
// leaves alone), each optionally with "-Nt" (keras.config.set_num_threads(N): N threads throughout,
// no choice by the model's size), e.g. "on-1t"; without it, fit chooses (IntraOpThreads).
// Usage: dotnet KerasPort.Benchmarks.dll threads [--rounds 5] [--epochs 2] [--policies off,on,...]
//        [--models dense,cnn,cnn28]
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasPort.Benchmarks;

internal static partial class Threads
{
    private static readonly string[] Models = ["dense", "cnn", "cnn28"];

    public static int run(string[] args)
    {
        int rounds = Args.get(args, "--rounds", 5);
        int epochs = Args.get(args, "--epochs", 2);
        int p = Array.IndexOf(args, "--policies");
        string[] policies = p >= 0 && p + 1 < args.Length ? args[p + 1].Split(',') : ["off", "on"];
        string[] models = Args.get(args, "--models", string.Join(',', Models)).Split(',');
        if (models.FirstOrDefault(m => !Models.Contains(m)) is { } unknown)
            throw new ArgumentException($"Unknown model {unknown} in --models: expected some of {string.Join(", ", Models)}.");

        Console.WriteLine($"{Environment.ProcessorCount} cores, load average at start: {load_average()}");
        // (policy, model, competing) -> per-epoch (wall s, cpu s)
        var results = new Dictionary<(string, string, bool), List<(double wall, double cpu)>>();
        var libgomp = new Dictionary<string, string>();
        for (int round = 0; round < rounds; round++)
        {
            // Alternate the order, so neither policy always runs right after the other.
            var order = round % 2 == 0 ? policies : policies.Reverse().ToArray();
            foreach (string policy in order)
            {
                var (lines, omp) = run_child(policy, epochs, models);
                libgomp[policy] = omp;
                foreach (var line in lines)
                {
                    var key = (policy, line.model, line.competing);
                    if (!results.TryGetValue(key, out var list)) results[key] = list = [];
                    list.Add((line.wall, line.cpu));
                }
            }
            Console.WriteLine($"round {round + 1}/{rounds} done, load average {load_average()}");
        }

        foreach (string policy in policies) Console.WriteLine($"policy {policy}: libgomp sees {libgomp[policy]}");
        Console.WriteLine();
        Console.WriteLine("one epoch, seconds (best / median over all epochs of all rounds); CPU seconds per epoch (median);");
        Console.WriteLine("compete/idle: of the medians, and the median of each competing epoch over the idle epoch just before it");
        Console.WriteLine("(adjacent epochs of one process: this VM's core speed drifts by a third from process to process)");
        Console.WriteLine($"{"model",-6} {"policy",-7} {"idle best",10} {"median",8} {"cpu",6} {"compete best",13} {"median",8} {"cpu",6} {"compete/idle",13} {"paired",7}");
        foreach (string model in models)
            foreach (string policy in policies)
            {
                var idle = results[(policy, model, false)];
                var busy = results[(policy, model, true)];
                double idle_med = median(idle.Select(r => r.wall)), busy_med = median(busy.Select(r => r.wall));
                // Both lists hold each child's epochs in its order: element k of each is one idle/competing pair.
                double paired = median(idle.Zip(busy, (i, b) => b.wall / i.wall));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{model,-6} {policy,-7} {idle.Min(r => r.wall),10:F3} {idle_med,8:F3} {median(idle.Select(r => r.cpu)),6:F2} " +
                    $"{busy.Min(r => r.wall),13:F3} {busy_med,8:F3} {median(busy.Select(r => r.cpu)),6:F2} {busy_med / idle_med,13:F2} {paired,7:F2}"));
            }
        if (policies.Length > 1)
        {
            Console.WriteLine();
            Console.WriteLine($"against {policies[0]} (median epoch time ratio; below 1 is faster)");
            foreach (string model in models)
                foreach (string policy in policies.Skip(1))
                    foreach (bool competing in new[] { false, true })
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"{model,-6} {policy,-7} {(competing ? "competing" : "idle"),-10} {median(results[(policy, model, competing)].Select(r => r.wall)) / median(results[(policies[0], model, competing)].Select(r => r.wall)):F2}"));
        }
        Console.WriteLine($"load average at end: {load_average()}");
        return 0;
    }

    /// <summary>Runs the measurements of one policy in a fresh process; returns its results and libgomp's view of the wait policy.</summary>
    private static (List<(string model, bool competing, double wall, double cpu)>, string omp) run_child(string policy, int epochs, string[] models)
    {
        var start = self_start_info("threads-child", "--policy", policy, "--epochs", epochs.ToString(CultureInfo.InvariantCulture), "--models", string.Join(',', models));
        start.Environment["OMP_DISPLAY_ENV"] = "VERBOSE";
        if (policy.StartsWith("off", StringComparison.Ordinal)) start.Environment[Backend.ThreadPolicy.switch_variable] = "off";
        else if (policy.StartsWith("spin", StringComparison.Ordinal)) start.Environment["GOMP_SPINCOUNT"] = policy[4..].Split('-')[0];
        else if (!policy.StartsWith("on", StringComparison.Ordinal)) throw new ArgumentException($"Unknown policy {policy}: expected off, on or spinN, optionally with -Nt (N threads).");
        var (stdout, stderr) = ChildProcesses.run_to_end(start, $"child for policy {policy}");
        var lines = stdout.Split('\n').Where(l => l.StartsWith("RESULT\t", StringComparison.Ordinal)).Select(l =>
        {
            var f = l.Split('\t');
            return (f[1], f[2] == "competing", double.Parse(f[3], CultureInfo.InvariantCulture), double.Parse(f[4], CultureInfo.InvariantCulture));
        }).ToList();
        string omp = string.Join(", ", OmpSetting().Matches(stderr).Select(m => $"{m.Groups[1].Value}={m.Groups[2].Value}").Distinct());
        omp += "; fit's threads: " + string.Join(", ", stdout.Split('\n').Where(l => l.StartsWith("THREADS\t", StringComparison.Ordinal)).Select(l => l.Split('\t')).Select(f => $"{f[1]} {f[2].Trim()}"));
        return (lines, omp);
    }

    // libgomp prints OMP_WAIT_POLICY='PASSIVE' for its default as well; the spin count tells them apart.
    [GeneratedRegex(@"(GOMP_SPINCOUNT|OMP_NUM_THREADS) = '([^']*)'")]
    private static partial Regex OmpSetting();

    [GeneratedRegex(@"-(\d+)t$")]
    private static partial Regex ThreadCount();

    /// <summary>The child: per model, a warm-up epoch, then <paramref name="epochs"/> pairs of an idle and a competing epoch.</summary>
    public static int child(string[] args)
    {
        int p = Array.IndexOf(args, "--policy");
        string policy = args[p + 1];
        int epochs = Args.get(args, "--epochs", 2);
        string[] models = Args.get(args, "--models", string.Join(',', Models)).Split(',');
        if (ThreadCount().Match(policy) is { Success: true } count) keras.config.set_num_threads(int.Parse(count.Groups[1].Value, CultureInfo.InvariantCulture));
        keras.utils.set_random_seed(1);

        var generator = new torch.Generator(2026);
        var dense_x = torch.randn([20000, 60], generator: generator);
        var dense_y = dense_x.narrow(1, 0, 10).sum(1, keepdim: true).gt(0).to_type(ScalarType.Float32);
        var cnn_x = torch.rand([2000, 8, 8, 1], generator: generator);
        var cnn_y = torch.randint(0, 10, [2000], generator: generator).to_type(ScalarType.Float32);
        var cnn28_x = torch.rand([2000, 28, 28, 1], generator: generator);

        foreach (string model_name in models)
        {
            var (model, x, y, batch) = model_name switch
            {
                "dense" => (dense_model(), dense_x, dense_y, 50),
                "cnn" => (cnn_model(), cnn_x, cnn_y, 32),
                _ => (cnn28_model(), cnn28_x, cnn_y, 32),
            };
            var seen = new ThreadsSeen();
            model.fit(x, y, batch_size: batch, epochs: 1, verbose: 0, callbacks: [seen]);
            Console.WriteLine($"THREADS\t{model_name}\t{seen.threads}");
            for (int e = 0; e < epochs; e++)
            {
                foreach (bool competing in new[] { false, true })
                {
                    using var competitor = competing ? Competitor.start() : null;
                    using var self = Process.GetCurrentProcess();
                    var cpu = self.TotalProcessorTime;
                    var watch = Stopwatch.StartNew();
                    model.fit(x, y, batch_size: batch, epochs: 1, verbose: 0);
                    double wall = watch.Elapsed.TotalSeconds;
                    self.Refresh();
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"RESULT\t{model_name}\t{(competing ? "competing" : "idle")}\t{wall:R}\t{(self.TotalProcessorTime - cpu).TotalSeconds:R}"));
                }
            }
        }
        return 0;
    }

    internal static Sequential dense_model()
    {
        var model = new Sequential();
        model.add(new Dense(60, input_shape: [60], activation: "relu", kernel_regularizer: keras.regularizers.l1(0.01)));
        model.add(new Dropout(0.2));
        model.add(new Dense(30, activation: "relu", kernel_regularizer: keras.regularizers.l2(0.001)));
        model.add(new Dropout(0.2));
        model.add(new Dense(1, activation: "sigmoid"));
        model.compile(loss: "binary_crossentropy", optimizer: new Adam(), metrics: ["accuracy"]);
        return model;
    }

    private static Sequential cnn_model()
    {
        var model = new Sequential();
        model.add(new Conv2D(16, kernel_size: 3, activation: "relu", padding: "same", input_shape: [8, 8, 1]));
        model.add(new MaxPooling2D(pool_size: 2));
        model.add(new Flatten());
        model.add(new Dense(64, activation: "relu"));
        model.add(new Dense(10, activation: "softmax"));
        model.compile(loss: "sparse_categorical_crossentropy", optimizer: new Adam(), metrics: ["accuracy"]);
        return model;
    }

    private static Sequential cnn28_model()
    {
        var model = new Sequential();
        model.add(new Conv2D(32, kernel_size: 3, activation: "relu", input_shape: [28, 28, 1]));
        model.add(new MaxPooling2D(pool_size: 2));
        model.add(new Conv2D(64, kernel_size: 3, activation: "relu"));
        model.add(new MaxPooling2D(pool_size: 2));
        model.add(new Flatten());
        model.add(new Dense(10, activation: "softmax"));
        model.compile(loss: "sparse_categorical_crossentropy", optimizer: new Adam(), metrics: ["accuracy"]);
        return model;
    }

    /// <summary>A process of this benchmark started in <paramref name="mode"/>, through the same host that runs this one.</summary>
    internal static ProcessStartInfo self_start_info(params string[] args)
    {
        string host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        // Under `dotnet KerasPort.Benchmarks.dll`, the host needs the assembly; the apphost does not.
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") start.ArgumentList.Add(typeof(Threads).Assembly.Location);
        foreach (string a in args) start.ArgumentList.Add(a);
        return start;
    }

    /// <summary>The 1, 5 and 15 minute load averages (Linux), or "n/a".</summary>
    internal static string load_average()
        => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    internal static double median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

/// <summary>The intra-op thread count fit ran with (read at the end of an epoch, inside fit).</summary>
internal sealed class ThreadsSeen : KerasPort.Callbacks.Callback
{
    public int threads { get; private set; }

    public override void on_epoch_end(int epoch, IDictionary<string, double>? logs = null) => threads = keras.config.num_threads();
}

/// <summary>One CPU-bound competing process: a busy loop in a child process, stopped on dispose.</summary>
internal sealed class Competitor : IDisposable
{
    private readonly Process _process;

    private Competitor(Process process) => _process = process;

    public static Competitor start()
    {
        var start = Threads.self_start_info("spin");
        start.RedirectStandardOutput = true;
        var process = Process.Start(start)!;
        // Wait until it spins, so the measured epoch starts under competition.
        process.StandardOutput.ReadLine();
        return new Competitor(process);
    }

    /// <summary>The child's body: spin for at most two minutes (so a crashed parent leaves nothing behind).</summary>
    public static int spin(string[] args)
    {
        Console.WriteLine("spinning");
        Console.Out.Flush();
        var watch = Stopwatch.StartNew();
        double x = 0;
        while (watch.Elapsed.TotalSeconds < 120) x += Math.Sqrt(x + 1);
        return x > 0 ? 0 : 1;
    }

    public void Dispose()
    {
        _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
    }
}
