// Dataset overhead: model.fit on a KerasPort.Data.Dataset pipeline (from_tensor_slices, map,
// batch, prefetch; the shape of P3's and P4's pipelines) against model.fit on the same tensors,
// unshuffled, on 20,000 x 60 samples in batches of 50; both in this run, alternating epochs and
// keeping each side's fastest. Also the pipeline alone (no model): batches per second.
// Usage: dotnet run -c Release --project benchmarks/KerasPort.Benchmarks -- dataset [--timed-epochs N]
using System.Diagnostics;
using KerasPort.Data;
using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasPort.Benchmarks;

internal static class DatasetFit
{
    public static int run(string[] args)
    {
        int timed_epochs = Args.get(args, "--timed-epochs", 5);
        torch.set_num_threads(1);
        var generator = new torch.Generator(2026);
        var x = torch.randn([20000, 60], generator: generator);
        var y = x.narrow(1, 0, 10).sum(1, keepdim: true).gt(0).to_type(ScalarType.Float32);
        var ds = Dataset.from_tensor_slices((x, y)).map((a, b) => (a, b), num_parallel_calls: Dataset.AUTOTUNE).batch(50).prefetch(Dataset.AUTOTUNE);

        var model = new Sequential([keras.Input([60]), new Dense(60, activation: "relu"), new Dense(30, activation: "relu"), new Dense(1, activation: "sigmoid")]);
        model.compile(loss: "binary_crossentropy", optimizer: new Adam(), metrics: ["accuracy"]);
        model.fit(x, y, batch_size: 50, epochs: 1, verbose: 0, shuffle: false);
        model.fit(ds, epochs: 1, verbose: 0, shuffle: false);

        double tensors = double.MaxValue, dataset = double.MaxValue, pipeline = double.MaxValue;
        for (int e = 0; e < timed_epochs; e++)
        {
            var watch = Stopwatch.StartNew();
            model.fit(x, y, batch_size: 50, epochs: 1, verbose: 0, shuffle: false);
            tensors = Math.Min(tensors, watch.Elapsed.TotalSeconds);
            watch.Restart();
            model.fit(ds, epochs: 1, verbose: 0, shuffle: false);
            dataset = Math.Min(dataset, watch.Elapsed.TotalSeconds);
            watch.Restart();
            foreach (var batch in ds)
                using (var scope = NewDisposeScope())
                    scope.Attach(batch);
            pipeline = Math.Min(pipeline, watch.Elapsed.TotalSeconds);
        }
        Console.WriteLine($"fit on tensors:  {tensors:F3} s/epoch ({400 / tensors:F0} steps/s)");
        Console.WriteLine($"fit on Dataset:  {dataset:F3} s/epoch ({400 / dataset:F0} steps/s), {dataset / tensors:F2}x the tensor epoch");
        Console.WriteLine($"pipeline alone:  {pipeline:F3} s/pass ({400 / pipeline:F0} batches/s, {20000 / pipeline:F0} elements/s)");
        return 0;
    }
}
