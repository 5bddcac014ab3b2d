using System.IO.Compression;
using System.Text;
using KerasPort;
using KerasPort.Callbacks;
using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Optimizers;
using TorchSharp;

// One hostile case per process (see the project file). Usage: KerasPort.StressHost CASE [ARGS...].
// Prints "RESULT ok" or "RESULT <exception type>: <message>", then "PEAK_RSS_MB <n>", and exits 0;
// a crash shows as another exit code and no RESULT line.
string result;
try
{
    result = args[0] switch
    {
        "repeat-load" => RepeatLoad(args[1], int.Parse(args[2])),
        "dense-units" => Build(() => new Dense(long.MaxValue), [null, 4]),
        "conv-filters" => Build(() => new Conv2D(filters: long.MaxValue, kernel_size: 3), [null, 8, 8, 1]),
        // padding "same": with "valid", Keras's output-size check refuses the layer first.
        "conv-kernel" => Build(() => new Conv2D(filters: 4, kernel_size: int.MaxValue, padding: "same"), [null, 8, 8, 1]),
        "huge-keras" => HugeKeras(args[1]),
        "load-model" => Use(keras.models.load_model(args[1])),
        "load-weights" => LoadWeights(args[1], args[2]),
        "load-img" => Use(keras.preprocessing.image.img_to_array(keras.preprocessing.image.load_img(args[1]))),
        _ => throw new ArgumentException($"Unknown case {args[0]}"),
    };
}
catch (Exception e)
{
    result = $"{e.GetType().FullName}: {e.Message}";
}
Console.WriteLine($"RESULT {result.ReplaceLineEndings(" ")}");
Console.WriteLine($"PEAK_RSS_MB {PeakRssMegabytes()}");
return 0;

static string Use(IDisposable value)
{
    value.Dispose();
    return "ok";
}

static string Build(Func<Layer> make, long?[] input_shape)
{
    using var layer = make();
    layer.build(input_shape);
    return "ok";
}

// The crash of issue 11: a 4.7 MB checkpoint (Dense 256-512-512-1 with Adam state, written by
// ModelCheckpoint) loaded again and again in one process, through load_model and load_weights.
static string RepeatLoad(string dir, int times)
{
    string model_path = Path.Combine(dir, "ckpt.keras"), weights_path = Path.Combine(dir, "ckpt.weights.h5");
    static Sequential make()
    {
        var model = new Sequential([keras.Input([256]), new Dense(512, activation: "relu"), new Dense(512, activation: "relu"), new Dense(1)]);
        model.compile(optimizer: new Adam(), loss: "mse");
        return model;
    }
    using (var model = make())
    {
        using var x = torch.rand(32, 256);
        using var y = torch.rand(32, 1);
        model.fit(x, y, epochs: 1, batch_size: 32, verbose: 0,
                  callbacks: [new ModelCheckpoint(model_path), new ModelCheckpoint(weights_path, save_weights_only: true)]);
    }
    using var target = make();
    using (var warm = torch.rand(1, 256)) target.fit(warm, torch.rand(1, 1), epochs: 1, verbose: 0);
    for (int i = 0; i < times; i++)
    {
        // Not disposed on purpose: a program that drops its models must not crash either.
        keras.models.load_model(model_path);
        target.load_weights(weights_path);
    }
    return "ok";
}

// A .keras whose config asks for Dense(200000) on a 60000-wide input (48 GB of kernel).
static string HugeKeras(string dir)
{
    string path = Path.Combine(dir, "huge.keras");
    using (var small = new Sequential([keras.Input([3]), new Dense(2)])) small.save(path);
    using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
    {
        var entry = zip.GetEntry("config.json")!;
        string config;
        using (var reader = new StreamReader(entry.Open())) config = reader.ReadToEnd();
        config = config.Replace("[null, 3]", "[null, 60000]").Replace("\"units\": 2", "\"units\": 200000");
        entry.Delete();
        using var writer = new StreamWriter(zip.CreateEntry("config.json").Open(), new UTF8Encoding(false));
        writer.Write(config);
    }
    return Use(keras.models.load_model(path));
}

static string LoadWeights(string path, string shape)
{
    // A Dense model whose kernel has the given shape "in,units".
    var dims = shape.Split(',').Select(long.Parse).ToArray();
    using var model = new Sequential([keras.Input([dims[0]]), new Dense(dims[1])]);
    model.load_weights(path);
    return "ok";
}

static long PeakRssMegabytes()
{
    foreach (var line in File.ReadLines("/proc/self/status"))
        if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
    return -1;
}
