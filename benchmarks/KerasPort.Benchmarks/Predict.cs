// Inference overhead: KerasPort's predict against a bare TorchSharp forward pass of the same
// layers (the article's model: Dense 60-30-1 with Dropout; nn.Linear, ReLU, Dropout, Sigmoid in
// eval mode holding the same weights). Two ratios: predict on one sample against one bare forward
// pass, and predict over 10,000 rows in batches of 32 against a bare loop over the same batches
// (each in its own dispose scope, copied into a preallocated output). predict_on_batch and
// model.__call__ on one sample are measured beside them. Rounds alternate the order of the
// contenders; each prints best and median microseconds per call over the rounds, CPU seconds
// per call, the ratios and the load average.
// Usage: dotnet KerasPort.Benchmarks.dll predict [--rounds 7] [--calls 2000] [--loops 5]
using System.Diagnostics;
using System.Globalization;
using KerasPort.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasPort.Benchmarks;

internal static class Predict
{
    private const int Rows = 10_000;
    private const int BatchSize = 32;

    public static int run(string[] args)
    {
        int rounds = Args.get(args, "--rounds", 7);
        int calls = Args.get(args, "--calls", 2000);
        int loops = Args.get(args, "--loops", 5);
        keras.utils.set_random_seed(1);
        Console.WriteLine($"{Environment.ProcessorCount} cores, {keras.config.num_threads()} intra-op threads, load average at start: {Threads.load_average()}");

        var model = Threads.dense_model();
        var bare = bare_model(model);
        var generator = new torch.Generator(2026);
        var x = torch.randn([Rows, 60], generator: generator);
        var one = x.narrow(0, 0, 1).clone();
        check_same_outputs(model, bare, x);

        // Per contender: seconds per unit (wall, cpu), one entry per round.
        var contenders = new (string name, string unit, int repeats, Action body)[]
        {
            ("bare forward, 1 sample", "call", calls, () => bare_forward(bare, one).Dispose()),
            ("predict, 1 sample", "call", calls, () => model.predict(one, verbose: 0).Dispose()),
            ("predict_on_batch, 1 sample", "call", calls, () => model.predict_on_batch(one).Dispose()),
            ("model.__call__, 1 sample", "call", calls, () => call_model(model, one)),
            ("bare loop, 10k rows", "pass", loops, () => bare_loop(bare, x).Dispose()),
            ("predict, 10k rows", "pass", loops, () => model.predict(x, batch_size: BatchSize, verbose: 0).Dispose()),
        };
        var results = contenders.Select(_ => new List<(double wall, double cpu)>()).ToArray();
        // Warm-up: every contender runs for a second, past the JIT's tiers.
        foreach (var c in contenders)
            for (var warm = Stopwatch.StartNew(); warm.Elapsed.TotalSeconds < 1;) c.body();

        using var self = Process.GetCurrentProcess();
        for (int round = 0; round < rounds; round++)
        {
            var order = Enumerable.Range(0, contenders.Length);
            foreach (int i in round % 2 == 0 ? order : order.Reverse())
            {
                var (_, _, repeats, body) = contenders[i];
                self.Refresh();
                var cpu = self.TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                for (int r = 0; r < repeats; r++) body();
                double wall = watch.Elapsed.TotalSeconds;
                self.Refresh();
                results[i].Add((wall / repeats, (self.TotalProcessorTime - cpu).TotalSeconds / repeats));
            }
            Console.WriteLine($"round {round + 1}/{rounds} done, load average {Threads.load_average()}");
        }

        Console.WriteLine();
        Console.WriteLine($"microseconds per unit over {rounds} rounds (best / median); CPU microseconds per unit (median)");
        for (int i = 0; i < contenders.Length; i++)
        {
            var r = results[i];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{contenders[i].name,-28} per {contenders[i].unit,-4} {r.Min(e => e.wall) * 1e6,10:F1} {Threads.median(r.Select(e => e.wall)) * 1e6,10:F1}   cpu {Threads.median(r.Select(e => e.cpu)) * 1e6,10:F1}"));
        }
        Console.WriteLine();
        ratio("predict 1 sample / bare forward (target 1.3)", results[1], results[0]);
        ratio("predict_on_batch / bare forward", results[2], results[0]);
        ratio("model.__call__ / bare forward", results[3], results[0]);
        ratio("predict 10k rows / bare loop (target 1.2)", results[5], results[4]);
        Console.WriteLine($"load average at end: {Threads.load_average()}");
        model.Dispose();
        return 0;
    }

    private static void ratio(string what, List<(double wall, double cpu)> ours, List<(double wall, double cpu)> bare) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what,-46} best {ours.Min(e => e.wall) / bare.Min(e => e.wall):F2}, median {Threads.median(ours.Select(e => e.wall)) / Threads.median(bare.Select(e => e.wall)):F2}, cpu (median) {Threads.median(ours.Select(e => e.cpu)) / Threads.median(bare.Select(e => e.cpu)):F2}"));

    /// <summary>The same layers in TorchSharp's own modules, holding the Keras model's weights (Linear keeps the kernel transposed).</summary>
    private static nn.Module<Tensor, Tensor> bare_model(Sequential model)
    {
        var weights = model.get_weights();
        var layers = new List<nn.Module<Tensor, Tensor>>();
        for (int i = 0; i < weights.Length; i += 2)
        {
            var linear = nn.Linear(weights[i].shape[0], weights[i].shape[1]);
            using (no_grad())
            {
                linear.weight!.copy_(weights[i].t());
                linear.bias!.copy_(weights[i + 1]);
            }
            layers.Add(linear);
            layers.Add(i + 2 < weights.Length ? nn.ReLU() : nn.Sigmoid());
            if (i + 2 < weights.Length) layers.Add(nn.Dropout(0.2));
        }
        var net = nn.Sequential(layers);
        net.eval();
        return net;
    }

    private static Tensor bare_forward(nn.Module<Tensor, Tensor> net, Tensor x)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        return net.forward(x).MoveToOuterDisposeScope();
    }

    /// <summary>The bare loop, on one thread as predict runs this model (<c>IntraOpThreads</c>): the ratio measures the overhead, not the thread count.</summary>
    private static Tensor bare_loop(nn.Module<Tensor, Tensor> net, Tensor x)
    {
        int threads = torch.get_num_threads();
        torch.set_num_threads(1);
        try
        {
            return bare_loop_body(net, x);
        }
        finally
        {
            torch.set_num_threads(threads);
        }
    }

    private static Tensor bare_loop_body(nn.Module<Tensor, Tensor> net, Tensor x)
    {
        using var _ = no_grad();
        long rows = x.shape[0];
        var output = empty([rows, 1]);
        for (long start = 0; start < rows; start += BatchSize)
        {
            using var scope = NewDisposeScope();
            long length = Math.Min(BatchSize, rows - start);
            output.narrow(0, start, length).copy_(net.forward(x.narrow(0, start, length)));
        }
        return output;
    }

    private static void call_model(Sequential model, Tensor x)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        model.__call__(x);
    }

    /// <summary>Both sides compute the same thing (to float32 rounding: Linear runs addmm, Dense matmul then add).</summary>
    private static void check_same_outputs(Sequential model, nn.Module<Tensor, Tensor> bare, Tensor x)
    {
        using var ours = model.predict(x, batch_size: BatchSize, verbose: 0);
        using var theirs = bare_loop(bare, x);
        double difference = ours.sub(theirs).abs().max().item<float>();
        Console.WriteLine($"largest difference between predict and the bare loop: {difference:G3}");
        if (difference > 1e-5) throw new InvalidOperationException("the bare model does not compute the model's function");
    }
}
