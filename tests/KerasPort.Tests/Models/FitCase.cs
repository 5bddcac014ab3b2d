using System.Text.Json;
using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Optimizers;
using KerasPort.Regularizers;
using KerasPort.Utils;

namespace KerasPort.Tests.Models;

/// <summary>One recorded Keras fit case (tests/fixtures/fit/vNN_*): its spec, arrays and history.</summary>
public sealed class FitCase
{
    private FitCase(string dir)
    {
        this.dir = dir;
        spec = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "case.json"))).RootElement;
        recorded = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "history.json"))).RootElement;
        arrays = Npy.load_npz(Path.Combine(dir, "data.npz"));
    }

    public string dir { get; }
    public JsonElement spec { get; }
    public JsonElement recorded { get; }
    public Dictionary<string, Tensor> arrays { get; }

    public string name => Path.GetFileName(dir);

    public static IEnumerable<TestCaseData> All()
    {
        var root = KerasFixtures.path("fit");
        foreach (var d in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
            yield return new TestCaseData(Path.GetFileName(d)).SetName("{m}(" + Path.GetFileName(d) + ")");
    }

    public static FitCase Load(string name) => new(KerasFixtures.path("fit", name));

    public Tensor[] weights(string prefix)
    {
        int count = spec.GetProperty("weights_order").GetArrayLength();
        return Enumerable.Range(0, count).Select(i => arrays[$"{prefix}_{i}"]).ToArray();
    }

    /// <summary>The model of case.json with w0, every Dropout at <paramref name="dropout_rate"/> when given.</summary>
    public Sequential build(double? dropout_rate = null)
    {
        var layers = new List<Layer> { keras.Input(spec.GetProperty("input_shape").EnumerateArray().Select(e => e.GetInt64()).ToArray()) };
        int i = 0;
        foreach (var l in spec.GetProperty("layers").EnumerateArray())
        {
            string cls = l.GetProperty("class_name").GetString()!;
            layers.Add(cls switch
            {
                "Dense" => new Dense(l.GetProperty("units").GetInt64(),
                    activation: l.TryGetProperty("activation", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null,
                    kernel_regularizer: regularizer(l, "kernel_regularizer"),
                    bias_regularizer: regularizer(l, "bias_regularizer"),
                    activity_regularizer: regularizer(l, "activity_regularizer"),
                    name: $"dense_{i}"),
                "Dropout" => new Dropout(dropout_rate ?? l.GetProperty("rate").GetDouble(), name: $"dropout_{i}"),
                _ => throw new ArgumentException($"unknown layer {cls}"),
            });
            i++;
        }
        var model = new Sequential(layers);
        model.set_weights(weights("w0"));
        return model;
    }

    private static Regularizer? regularizer(JsonElement layer, string key)
    {
        if (!layer.TryGetProperty(key, out var r) || r.ValueKind == JsonValueKind.Null) return null;
        bool has_l1 = r.TryGetProperty("l1", out var l1), has_l2 = r.TryGetProperty("l2", out var l2);
        if (has_l1 && has_l2) return new L1L2(l1: l1.GetDouble(), l2: l2.GetDouble());
        return has_l1 ? keras.regularizers.l1(l1.GetDouble()) : keras.regularizers.l2(l2.GetDouble());
    }

    public Optimizer optimizer()
    {
        var o = spec.GetProperty("compile").GetProperty("optimizer");
        var config = o.GetProperty("config");
        double get(string key, double fallback) => config.TryGetProperty(key, out var v) ? v.GetDouble() : fallback;
        return o.GetProperty("class_name").GetString() switch
        {
            "Adam" => new Adam(learning_rate: get("learning_rate", 0.001), amsgrad: config.TryGetProperty("amsgrad", out var a) && a.GetBoolean()),
            "SGD" => new SGD(learning_rate: get("learning_rate", 0.01), momentum: get("momentum", 0.0)),
            "RMSprop" => new RMSprop(learning_rate: get("learning_rate", 0.001)),
            var other => throw new ArgumentException($"unknown optimizer {other}"),
        };
    }

    public void compile(Model model) => model.compile(
        optimizer: optimizer(),
        loss: spec.GetProperty("compile").GetProperty("loss").GetString(),
        metrics: spec.GetProperty("compile").GetProperty("metrics").EnumerateArray().Select(m => (object)m.GetString()!).ToList());

    public int batch_size => spec.GetProperty("fit").GetProperty("batch_size").GetInt32();
    public int epochs => spec.GetProperty("fit").GetProperty("epochs").GetInt32();
    public double validation_split => spec.GetProperty("fit").GetProperty("validation_split").GetDouble();

    public Dictionary<string, double> recorded_dict(string key) =>
        recorded.GetProperty(key).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());

    public double[] recorded_list(string key) => recorded.GetProperty(key).EnumerateArray().Select(e => e.GetDouble()).ToArray();
}
