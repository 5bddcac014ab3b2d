using System.Diagnostics;
using System.Text.Json.Nodes;
using KerasPort.Preprocessing.Image;
using static TorchSharp.torch;

namespace KerasPort.Benchmarks;

/// <summary>
/// The article's augmentation (rotation 40, shifts 0.2, shear 0.2, zoom 0.4, brightness [0.5, 1.5],
/// horizontal flip, rescale 1/255, fill "nearest") through <c>flow</c> on 224x224x3 images, then
/// keras-preprocessing's own ImageDataGenerator on the same configuration under Debian's python3,
/// in the same run; prints images/s of both and the ratio. Use <c>taskset -c 0,1</c> to fix the
/// number of cores. Options: --images N (C#, default 1024), --keras-images N (default 128),
/// --batch N (32), --size N (224), --rounds N (3: both are measured in turn N times and the best
/// round of each counts, since other processes on a shared machine only ever slow a round down),
/// --python PATH (/usr/bin/python3),
/// --keras-git DIR (a git directory of keras-team/keras-preprocessing; required unless --no-keras), --no-keras,
/// --torch-threads N (libtorch's intra-op threads; by default libtorch's own choice).
/// </summary>
public static class Augmentation
{
    public static int run(string[] args)
    {
        int images = Args.get(args, "--images", 1024);
        int keras_images = Args.get(args, "--keras-images", 128);
        int batch = Args.get(args, "--batch", 32);
        int size = Args.get(args, "--size", 224);
        string python = Args.get(args, "--python", "/usr/bin/python3");
        bool with_keras = !args.Contains("--no-keras");
        string git = with_keras ? Args.required(args, "--keras-git", "a git directory of keras-team/keras-preprocessing (or --no-keras)") : "";

        int torch_threads = Args.get(args, "--torch-threads", 0);
        if (torch_threads > 0) TorchSharp.torch.set_num_threads(torch_threads);
        int cores = Environment.ProcessorCount;
        Console.WriteLine($"Article augmentation on {size}x{size}x3, batches of {batch}, {cores} cores available, " +
                          $"libtorch intra-op threads {TorchSharp.torch.get_num_threads()}");
        int rounds = Args.get(args, "--rounds", 3);
        (double per_s, double per_cpu_s) ours = (0, 0), keras = (0, 0);
        for (int r = 0; r < rounds; r++)
        {
            ours = best(ours, measure(images, batch, size));
            if (with_keras) keras = best(keras, measure_keras(python, git, keras_images, batch, size));
        }
        report("KerasPort flow", ours);
        if (!with_keras) return 0;
        report("keras-preprocessing (python3)", keras);
        Console.WriteLine($"ratio, wall clock:                   {ours.per_s / keras.per_s,8:F1}x");
        // On a busy machine the wall clock mostly measures the other processes; CPU time does not.
        Console.WriteLine($"ratio, per CPU-second:               {ours.per_cpu_s / keras.per_cpu_s,8:F1}x " +
                          $"(x{cores} cores if the batch spreads over all of them: {cores * ours.per_cpu_s / keras.per_cpu_s:F1}x)");
        return 0;
    }

    // The same pattern as the Python script: integer values in [0, 255].
    internal static Tensor pattern(int n, int size)
    {
        var i = arange(size).reshape(1, size, 1, 1);
        var j = arange(size).reshape(1, 1, size, 1);
        var c = arange(3).reshape(1, 1, 1, 3);
        var k = arange(n).reshape(n, 1, 1, 1);
        return ((i * 3 + j * 5 + c * 50 + k * 7) % 256).to_type(ScalarType.Float32);
    }

    internal static (double, double) best((double per_s, double per_cpu_s) a, (double per_s, double per_cpu_s) b) =>
        (Math.Max(a.per_s, b.per_s), Math.Max(a.per_cpu_s, b.per_cpu_s));

    internal static void report(string what, (double per_s, double per_cpu_s) rate) =>
        Console.WriteLine($"{what + ":",-37}{rate.per_s,8:F1} images/s, {rate.per_cpu_s,8:F1} images per CPU-second");

    private static (double per_s, double per_cpu_s) measure(int count, int batch, int size)
    {
        var datagen = new ImageDataGenerator(rotation_range: 40, width_shift_range: 0.2, height_shift_range: 0.2,
                                             brightness_range: [0.5, 1.5], rescale: 1.0 / 255, shear_range: 0.2,
                                             zoom_range: 0.4, horizontal_flip: true, fill_mode: "nearest");
        using var x = pattern(batch, size);
        using var it = datagen.flow(x, batch_size: batch, seed: 1);
        it.next().x.Dispose();   // warm-up: JIT, thread pool
        int done = 0;
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        while (done < count)
        {
            using var b = it.next().x;
            done += (int)b.shape[0];
        }
        double wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        return (done / wall, done / (process.TotalProcessorTime - cpu).TotalSeconds);
    }

    // Extracts keras_preprocessing from the fetched source into a temporary folder (never kept).
    private static (double per_s, double per_cpu_s) measure_keras(string python, string git, int count, int batch, int size)
    {
        string temp = Path.Combine(Path.GetTempPath(), "kp-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(temp);
        try
        {
            shell("/bin/sh", ["-c", $"git --git-dir '{git}' archive HEAD keras_preprocessing | tar -x -C '{temp}'"], null);
            string script = Path.Combine(AppContext.BaseDirectory, "scripts", "augmentation_keras.py");
            string output = shell(python, [script, count.ToString(), batch.ToString(), size.ToString()], temp);
            var result = JsonNode.Parse(output.Trim().Split('\n')[^1])!;
            return ((double)result["images_per_s"]!, (double)result["images_per_cpu_s"]!);
        }
        finally
        {
            Directory.Delete(temp, true);
        }
    }

    internal static string shell(string file, string[] arguments, string? pythonpath)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        if (pythonpath is not null)
        {
            start.Environment["PYTHONPATH"] = pythonpath;
            start.Environment["OMP_NUM_THREADS"] = "1";
        }
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} failed ({process.ExitCode}): {stderr.Result}");
        return stdout;
    }
}
