// Data-parallel fit over MPI against one process: the same seeded CNN (two 32-filter 3x3
// convolutions on 24x24x1 inputs, pooling, Dense 10; 4,096 rows, global batch 128, Adam) trained
// by `mpiexec -n 1` and `mpiexec -n 2`, each rank on one intra-op thread and bound to its own core.
// Rounds alternate the two; each prints the fit seconds of rank 0 (after a warm-up epoch), best and
// median over the rounds, the speed-up and the load average.
// Usage: dotnet KerasPort.Benchmarks.dll data_parallel [--rounds 3] [--epochs 3] [--mpiexec mpiexec.mpich] [--ranks 2]
using System.Diagnostics;
using System.Globalization;
using KerasPort.Distribution;
using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Optimizers;

namespace KerasPort.Benchmarks;

internal static class DataParallelFit
{
    public static int run(string[] args)
    {
        int rounds = Args.get(args, "--rounds", 3);
        int epochs = Args.get(args, "--epochs", 3);
        int ranks = Args.get(args, "--ranks", 2);
        string mpiexec = Args.get(args, "--mpiexec", "mpiexec.mpich");
        Console.WriteLine($"{Environment.ProcessorCount} cores, load average at start: {Threads.load_average()}");
        var seconds = new Dictionary<int, List<double>> { [1] = [], [ranks] = [] };
        for (int round = 0; round < rounds; round++)
            foreach (int n in round % 2 == 0 ? new[] { 1, ranks } : new[] { ranks, 1 })
            {
                double s = run_job(mpiexec, n, epochs);
                seconds[n].Add(s);
                Console.WriteLine($"round {round + 1}: {n} rank(s): {s:F2} s for {epochs} epochs (load {Threads.load_average()})");
            }
        foreach (var (n, values) in seconds)
            Console.WriteLine($"{n} rank(s): best {values.Min():F2} s, median {Threads.median(values):F2} s");
        Console.WriteLine($"speed-up of {ranks} ranks over 1: best {seconds[1].Min() / seconds[ranks].Min():F2}x, median {Threads.median(seconds[1]) / Threads.median(seconds[ranks]):F2}x");
        Console.WriteLine($"load average at end: {Threads.load_average()}");
        return 0;
    }

    private static double run_job(string mpiexec, int ranks, int epochs)
    {
        var self = Threads.self_start_info("data_parallel-child", "--epochs", epochs.ToString(CultureInfo.InvariantCulture));
        var start = ChildProcesses.launched_by(mpiexec, ["-bind-to", "core", "-n", ranks.ToString(CultureInfo.InvariantCulture)], self);
        var (stdout, _) = ChildProcesses.run_to_end(start, $"{mpiexec} -n {ranks}");
        var line = stdout.Split('\n').FirstOrDefault(l => l.StartsWith("FIT_SECONDS\t", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"no FIT_SECONDS line from {mpiexec} -n {ranks}:\n{stdout}");
        return double.Parse(line.Split('\t')[1], CultureInfo.InvariantCulture);
    }

    /// <summary>One rank: a warm-up epoch, then the timed fit; rank 0 prints the seconds.</summary>
    public static int child(string[] args)
    {
        int epochs = Args.get(args, "--epochs", 3);
        keras.distribution.initialize();
        if (keras.distribution.num_processes() > 1) keras.distribution.set_distribution(new DataParallel());
        keras.config.set_num_threads(1);
        keras.utils.set_random_seed(1);
        using var x = keras.random.uniform([4096, 24, 24, 1], seed: 2);
        using var y = keras.random.randint([4096], 0, 10, seed: 3);
        using var model = new Sequential([
            keras.Input(shape: [24, 24, 1]),
            new Conv2D(32, 3, activation: "relu"),
            new Conv2D(32, 3, activation: "relu"),
            new MaxPooling2D(),
            new Flatten(),
            new Dense(10, activation: "softmax"),
        ]);
        model.compile(optimizer: new Adam(), loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
        model.fit(x, y, batch_size: 128, epochs: 1, verbose: 0);
        var clock = Stopwatch.StartNew();
        model.fit(x, y, batch_size: 128, epochs: epochs, verbose: 0);
        double seconds = clock.Elapsed.TotalSeconds;
        if (keras.distribution.process_id() == 0) Console.WriteLine($"FIT_SECONDS\t{seconds.ToString("R", CultureInfo.InvariantCulture)}");
        return 0;
    }
}
