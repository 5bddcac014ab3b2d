using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using KerasPort.Preprocessing.Image;
using static TorchSharp.torch;

namespace KerasPort.Benchmarks;

/// <summary>
/// The article's augmentation (rotation 40, shifts 0.2, shear 0.2, zoom 0.4, brightness [0.5, 1.5],
/// horizontal flip, rescale 1/255, fill "nearest") through <c>flow</c>, against keras-preprocessing's
/// own ImageDataGenerator (commit 3e38006) on the same configuration under Debian's python3, in the
/// same run. Each KerasPort measurement runs in a child process pinned by <c>taskset</c> to core 0,
/// to core 1 or to both, and as two one-core processes at once (the machine's ceiling for two
/// cores), through <c>next()</c> and through <c>it[i]</c>; rounds interleave every measurement, so
/// the load of the shared machine touches all alike. Prints best and median images/s, CPU seconds
/// and page faults per image, the load average of each round, and the ratios.
/// Options: --sizes LIST (224,64), --images N (KerasPort images at 224 px, default 512; more on smaller
/// images, in proportion to the pixels; each measurement lasts at least a second however many that takes), --keras-images N (64 at 224 px, likewise), --batch N (32),
/// --rounds N (3), --python PATH (/usr/bin/python3), --taskset PATH (/usr/bin/taskset),
/// --keras-git DIR (a git directory of keras-team/keras-preprocessing; required unless --no-keras), --no-keras.
/// </summary>
public static class Augmentation
{
    private const string KerasCommit = "3e38006";
    // Each core alone (the cores of a virtual machine need not be equally fast), both, and "0+1":
    // two one-core processes at once, one on each core, whose summed rate is what the two cores
    // give to work that shares nothing (their ceiling for one process on both).
    private static readonly string[] CoreSets = ["0", "1", "0,1", "0+1"];
    private static readonly string[] Accesses = ["next", "getitem"];

    private sealed record Rate(double per_s, double cpu_s_per_image, double faults_per_image);

    public static int run(string[] args)
    {
        int[] sizes = Args.get(args, "--sizes", "224,64").Split(',').Select(int.Parse).ToArray();
        int images = Args.get(args, "--images", 512);
        int keras_images = Args.get(args, "--keras-images", 64);
        int batch = Args.get(args, "--batch", 32);
        int rounds = Args.get(args, "--rounds", 3);
        string python = Args.get(args, "--python", "/usr/bin/python3");
        string taskset = Args.get(args, "--taskset", "/usr/bin/taskset");
        bool with_keras = !args.Contains("--no-keras");
        string git = with_keras ? Args.required(args, "--keras-git", "a git directory of keras-team/keras-preprocessing (or --no-keras)") : "";

        Console.WriteLine($"Article augmentation, batches of {batch}, {Environment.ProcessorCount} cores, load average at start: {Threads.load_average()}");
        var results = new Dictionary<string, List<Rate>>();
        void add(string key, Rate rate)
        {
            if (!results.TryGetValue(key, out var list)) results[key] = list = [];
            list.Add(rate);
        }
        for (int r = 0; r < rounds; r++)
        {
            foreach (int size in sizes)
            {
                double pixels = 224.0 * 224 / (size * size);
                if (with_keras) add($"{size} keras", measure_keras(python, taskset, git, (int)(keras_images * pixels), batch, size));
                // Alternate the order of the core sets, so neither always runs right after Python.
                foreach (string cores in r % 2 == 0 ? CoreSets : CoreSets.Reverse())
                    foreach (string access in Accesses)
                        add($"{size} {access} {cores}", measure_child(taskset, cores, access, (int)(images * pixels), batch, size));
            }
            Console.WriteLine($"round {r + 1}/{rounds} done, load average {Threads.load_average()}");
        }

        Console.WriteLine();
        Console.WriteLine($"{"",-38}{"images/s best",14}{"median",9}{"CPU ms/image",14}{"faults/image",14}");
        foreach (int size in sizes)
        {
            Console.WriteLine($"{size}x{size}x3");
            if (with_keras) print("keras-preprocessing 3e38006, 1 core", results[$"{size} keras"]);
            foreach (string access in Accesses)
                foreach (string cores in CoreSets)
                    print($"KerasPort {(access == "next" ? "next()" : "it[i]")}, {cores switch { "0,1" => "2 cores", "0+1" => "2 processes, 1 core each", _ => "core " + cores }}", results[$"{size} {access} {cores}"]);
        }
        Console.WriteLine();
        Console.WriteLine("ratios, best (median):");
        foreach (int size in sizes)
            foreach (string access in Accesses)
            {
                var one = results[$"{size} {access} 0"];
                var other = results[$"{size} {access} 1"];
                var two = results[$"{size} {access} 0,1"];
                var apart = results[$"{size} {access} 0+1"];
                string what = $"{size} px, {(access == "next" ? "next()" : "it[i]")}:";
                Console.WriteLine($"{what,-20} 2 cores / 1 core {ratio(two, one)}, core 1 / core 0 {ratio(other, one)}, 2 cores / (core 0 + core 1 alone) {sum_ratio(two, one, other)},");
                Console.WriteLine($"{"",-20} 2 cores / 2 one-core processes at once {ratio(two, apart)}, 2 one-core processes / 1 core {ratio(apart, one)}");
                if (!with_keras) continue;
                var keras = results[$"{size} keras"];
                Console.WriteLine($"{"",-20} 2 cores / keras 1 core {ratio(two, keras)}, 1 core / keras 1 core {ratio(one, keras)}, " +
                                  $"per CPU-second {keras.Min(k => k.cpu_s_per_image) / one.Min(o => o.cpu_s_per_image):F1}x " +
                                  $"({Threads.median(keras.Select(k => k.cpu_s_per_image)) / Threads.median(one.Select(o => o.cpu_s_per_image)):F1}x)");
            }
        return 0;
    }

    // What two cores reach of the two cores' rates each alone: 1 is perfect scaling, whatever their speeds.
    private static string sum_ratio(List<Rate> two, List<Rate> first, List<Rate> second) =>
        $"{two.Max(x => x.per_s) / (first.Max(x => x.per_s) + second.Max(x => x.per_s)):F2} " +
        $"({Threads.median(two.Select(x => x.per_s)) / (Threads.median(first.Select(x => x.per_s)) + Threads.median(second.Select(x => x.per_s))):F2})";

    private static string ratio(List<Rate> a, List<Rate> b) =>
        $"{a.Max(x => x.per_s) / b.Max(x => x.per_s):F2}x ({Threads.median(a.Select(x => x.per_s)) / Threads.median(b.Select(x => x.per_s)):F2}x)";

    private static void print(string what, List<Rate> rates) =>
        Console.WriteLine($"  {what,-36}{rates.Max(x => x.per_s),14:F1}{Threads.median(rates.Select(x => x.per_s)),9:F1}" +
                          $"{1000 * Threads.median(rates.Select(x => x.cpu_s_per_image)),14:F3}{Threads.median(rates.Select(x => x.faults_per_image)),14:F1}");

    // One KerasPort measurement in a child process on the given cores (taskset), so that the
    // runtime sizes its render threads to them; "0+1" runs one child on each core at once and sums their rates.
    private static Rate measure_child(string taskset, string cores, string access, int images, int batch, int size)
    {
        if (cores == "0+1")
        {
            var both = new[] { "0", "1" }.Select(core => Task.Run(() => measure_child(taskset, core, access, images, batch, size))).ToArray();
            var rates = both.Select(t => t.Result).ToArray();
            return new Rate(rates.Sum(r => r.per_s), rates.Average(r => r.cpu_s_per_image), rates.Average(r => r.faults_per_image));
        }
        var self = Threads.self_start_info("augmentation-child", access, images.ToString(), batch.ToString(), size.ToString());
        var (output, _) = ChildProcesses.run_to_end(ChildProcesses.launched_by(taskset, ["-c", cores], self), $"augmentation child on cores {cores}");
        var v = output.Trim().Split('\n')[^1].Split('\t').Skip(1).Select(t => double.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        return new Rate(v[0], v[1], v[2]);
    }

    /// <summary>The child's body: one measurement; prints "RESULT images/s CPU-s/image faults/image".</summary>
    public static int child(string[] args)
    {
        string access = args[0];
        int count = int.Parse(args[1]), batch = int.Parse(args[2]), size = int.Parse(args[3]);
        var datagen = new ImageDataGenerator(rotation_range: 40, width_shift_range: 0.2, height_shift_range: 0.2,
                                             brightness_range: [0.5, 1.5], rescale: 1.0 / 255, shear_range: 0.2,
                                             zoom_range: 0.4, horizontal_flip: true, fill_mode: "nearest");
        using var x = pattern(batch * 4, size);
        using var it = datagen.flow(x, batch_size: batch, seed: 1);
        int index = 0;
        // it[i] as fit takes it: the batches of an epoch in order, then on_epoch_end.
        Tensor take()
        {
            if (access == "next") return it.next().x;
            if (index == it.Count)
            {
                it.on_epoch_end();
                index = 0;
            }
            return it[index++].x;
        }
        // Warm-up the same way, a quarter of the measured images and at least a second (the JIT's
        // tiers settle in about that; at 64 px a quarter takes 50 ms): the render threads, the
        // batch buffers in use (switching ways would drop a batch prepared ahead).
        var warm_clock = Stopwatch.StartNew();
        for (int warm = 0; warm < count / 4 || warm_clock.Elapsed.TotalSeconds < 1; warm += batch) take().Dispose();
        int done = 0;
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        long faults = page_faults();
        var clock = Stopwatch.StartNew();
        // At least a second too: 6,272 images at 64 px take 0.1 s on 2 cores, where one stall of the
        // host moved the rate by a fifth.
        while (done < count || clock.Elapsed.TotalSeconds < 1)
        {
            using var b = take();
            done += (int)b.shape[0];
        }
        double wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        double cpu_s = (process.TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT\t{done / wall:R}\t{cpu_s / done:R}\t{(double)(page_faults() - faults) / done:R}"));
        return 0;
    }

    // Minor and major page faults of this process so far (Linux), 0 elsewhere.
    private static long page_faults()
    {
        if (!File.Exists("/proc/self/stat")) return 0;
        // Fields after the command's closing parenthesis: state is field 3, minflt 10, majflt 12.
        string stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[7]) + long.Parse(fields[9]);
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

    // Extracts keras_preprocessing from the fetched source into a temporary folder (never kept);
    // runs on core 0, as KerasPort's one-core measurement.
    private static Rate measure_keras(string python, string taskset, string git, int count, int batch, int size)
    {
        string temp = Path.Combine(Path.GetTempPath(), "kp-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(temp);
        try
        {
            shell("/bin/sh", ["-c", $"git --git-dir '{git}' archive {KerasCommit} keras_preprocessing | tar -x -C '{temp}'"], null);
            string script = Path.Combine(AppContext.BaseDirectory, "scripts", "augmentation_keras.py");
            string output = shell(taskset, ["-c", "0", python, script, count.ToString(), batch.ToString(), size.ToString()], temp);
            var result = JsonNode.Parse(output.Trim().Split('\n')[^1])!;
            return new Rate((double)result["images_per_s"]!, 1 / (double)result["images_per_cpu_s"]!, (double)result["page_faults"]! / count);
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
        return ChildProcesses.run_to_end(start, file).stdout;
    }
}
