// Throughput benchmarks against the Keras originals. Usage:
//   dotnet run -c Release --project benchmarks/KerasPort.Benchmarks -- <name> [options]
// Each benchmark lives in its own file and registers here by name.
var benchmarks = new Dictionary<string, Func<string[], int>>
{
    ["augmentation"] = KerasPort.Benchmarks.Augmentation.run,
    ["augmentation-child"] = KerasPort.Benchmarks.Augmentation.child,
    ["fit"] = KerasPort.Benchmarks.Fit.run,
    ["dataset"] = KerasPort.Benchmarks.DatasetFit.run,
    ["augment_layers"] = KerasPort.Benchmarks.AugmentLayers.run,
    ["threads"] = KerasPort.Benchmarks.Threads.run,
    ["threads-child"] = KerasPort.Benchmarks.Threads.child,
    ["predict"] = KerasPort.Benchmarks.Predict.run,
    ["spin"] = KerasPort.Benchmarks.Competitor.spin,
    ["data_parallel"] = KerasPort.Benchmarks.DataParallelFit.run,
    ["data_parallel-child"] = KerasPort.Benchmarks.DataParallelFit.child,
};

string name = args.Length > 0 ? args[0] : "augmentation";
if (!benchmarks.TryGetValue(name, out var benchmark))
{
    Console.Error.WriteLine($"Unknown benchmark {name}. Known: {string.Join(", ", benchmarks.Keys)}");
    return 2;
}
try
{
    return benchmark(args.Skip(1).ToArray());
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
