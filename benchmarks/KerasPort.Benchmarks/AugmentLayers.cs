using System.Diagnostics;
using System.Text.Json.Nodes;
using KerasPort.Layers;
using static TorchSharp.torch;

namespace KerasPort.Benchmarks;

/// <summary>
/// The tutorials' in-model augmentation, <c>RandomFlip("horizontal")</c>, <c>RandomRotation(0.1)</c>,
/// <c>RandomZoom(0.1)</c>, <c>Rescaling(1/255)</c>, called with training on 224x224x3 batches of 32, then
/// Keras 3.15.1's own layers on its torch backend (<c>augment_layers_keras.py</c> under Debian's python3) in the
/// same run; prints images/s of both and the ratio. Options: --images N (C#, default 640), --keras-images N
/// (default 64), --batch N (32), --size N (224), --rounds N (3; the best round of each side counts),
/// --python PATH (/usr/bin/python3), --keras-runtime DIR and --keras-source DIR (the keras-runtime shim folder
/// and Keras's source at tag v3.15.1; both required unless --no-keras), --no-keras.
/// </summary>
public static class AugmentLayers
{
    public static int run(string[] args)
    {
        int images = Args.get(args, "--images", 640);
        int keras_images = Args.get(args, "--keras-images", 64);
        int batch = Args.get(args, "--batch", 32);
        int size = Args.get(args, "--size", 224);
        int rounds = Args.get(args, "--rounds", 3);
        string python = Args.get(args, "--python", "/usr/bin/python3");
        bool with_keras = !args.Contains("--no-keras");
        string runtime = with_keras ? Args.required(args, "--keras-runtime", "the keras-runtime shim folder (or --no-keras)") : "";
        string source = with_keras ? Args.required(args, "--keras-source", "Keras's source at tag v3.15.1 (or --no-keras)") : "";
        Console.WriteLine($"Augmentation layers (flip, rotation 0.1, zoom 0.1, rescaling) on {size}x{size}x3, batches of {batch}, " +
                          $"{Environment.ProcessorCount} cores available");
        (double per_s, double per_cpu_s) ours = (0, 0), keras = (0, 0);
        for (int r = 0; r < rounds; r++)
        {
            ours = Augmentation.best(ours, measure(images, batch, size));
            if (with_keras) keras = Augmentation.best(keras, measure_keras(python, runtime, source, keras_images, batch, size));
        }
        Augmentation.report("KerasPort layers", ours);
        if (!with_keras) return 0;
        Augmentation.report("Keras 3.15.1 layers (torch, python3)", keras);
        Console.WriteLine($"ratio, wall clock:                   {ours.per_s / keras.per_s,8:F1}x");
        Console.WriteLine($"ratio, per CPU-second:               {ours.per_cpu_s / keras.per_cpu_s,8:F1}x");
        return 0;
    }

    private static (double per_s, double per_cpu_s) measure(int count, int batch, int size)
    {
        keras.utils.set_random_seed(1);
        Layer[] pipeline = [new RandomFlip("horizontal"), new RandomRotation(0.1), new RandomZoom(0.1), new Rescaling(1.0 / 255)];
        using var x = Augmentation.pattern(batch, size);
        Tensor step()
        {
            using var scope = NewDisposeScope();
            var y = x;
            foreach (var layer in pipeline) y = layer.__call__(y, training: true);
            return y.MoveToOuterDisposeScope();
        }
        step().Dispose();   // warm-up: JIT, thread pool
        int done = 0;
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        while (done < count)
        {
            using var y = step();
            done += (int)y.shape[0];
        }
        double wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        return (done / wall, done / (process.TotalProcessorTime - cpu).TotalSeconds);
    }

    private static (double per_s, double per_cpu_s) measure_keras(string python, string runtime, string source, int count, int batch, int size)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "scripts", "augment_layers_keras.py");
        string output = Augmentation.shell(python, [script, runtime, source, count.ToString(), batch.ToString(), size.ToString()], null);
        var result = JsonNode.Parse(output.Trim().Split('\n')[^1])!;
        return ((double)result["images_per_s"]!, (double)result["images_per_cpu_s"]!);
    }
}
