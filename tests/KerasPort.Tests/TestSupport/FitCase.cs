using System.Text.Json;
using KerasPort.Layers;
using KerasPort.Losses;
using KerasPort.Models;
using KerasPort.Optimizers;
using KerasPort.Regularizers;
using KerasPort.Utils;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasPort.Tests.TestSupport;

/// <summary>
/// One recorded Keras fit case (tests/fixtures/fit/vNN_*): its spec, arrays and history; the
/// model it describes (<see cref="build"/>, <see cref="compile"/>), or the same network run by
/// hand (<see cref="predict"/>, <see cref="train"/>), so that losses, metrics and optimizers can
/// be checked against Keras without the model code.
/// </summary>
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

    public Tensor x => arrays["x"];
    public Tensor y => arrays["y"];

    /// <summary>Keras's <c>optimizer.get_config()</c> as recorded.</summary>
    public JsonElement optimizer_config => spec.GetProperty("optimizer_config");

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
        if (!layer.TryGetProperty(key, out var config) || config.ValueKind == JsonValueKind.Null) return null;
        double? factor(string k) => config.TryGetProperty(k, out var f) ? f.GetDouble() : null;
        return (factor("l1"), factor("l2")) switch
        {
            (double l1, double l2) => new L1L2(l1, l2),
            (double l1, null) => new L1(l1),
            (null, double l2) => new L2(l2),
            _ => throw new AssertionException("unknown regularizer " + config),
        };
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
        metrics: [.. spec.GetProperty("compile").GetProperty("metrics").EnumerateArray().Select(m => m.GetString()!)]);

    public int batch_size => spec.GetProperty("fit").GetProperty("batch_size").GetInt32();
    public int epochs => spec.GetProperty("fit").GetProperty("epochs").GetInt32();
    public double validation_split => spec.GetProperty("fit").GetProperty("validation_split").GetDouble();

    public Dictionary<string, double> recorded_dict(string key) =>
        recorded.GetProperty(key).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());

    public double[] recorded_list(string key) => recorded.GetProperty(key).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    /// <summary>The model's output for <paramref name="input"/> with weights <c>&lt;prefix&gt;_&lt;i&gt;</c> (w0, w_final).</summary>
    public Tensor predict(Tensor input, string prefix)
    {
        var h = input;
        int w = 0;
        foreach (var layer in spec.GetProperty("layers").EnumerateArray())
        {
            if (layer.GetProperty("class_name").GetString() != "Dense") continue;
            h = h.matmul(arrays[$"{prefix}_{w}"]) + arrays[$"{prefix}_{w + 1}"];
            h = keras.activations.get(layer.GetProperty("activation").GetString())(h);
            w += 2;
        }
        return h;
    }

    /// <summary>
    /// Trains the recorded model as Keras's fit does (no shuffle, last rows for validation, batch
    /// loss = mean data loss + weight penalties at the pre-update weights + activity penalties / batch
    /// size), with <paramref name="optimizer"/>, and returns the weights after each epoch.
    /// </summary>
    public List<Tensor[]> train(Optimizer optimizer, Loss loss)
    {
                long n_train = spec.GetProperty("fit_derived").GetProperty("n_train").GetInt64();
        var dense = spec.GetProperty("layers").EnumerateArray().Where(l => l.GetProperty("class_name").GetString() == "Dense").ToArray();
        var weights = new List<Parameter>();
        for (int i = 0; i < 2 * dense.Length; i++)
            weights.Add(new Parameter(arrays[$"w0_{i}"].clone()));
        var per_epoch = new List<Tensor[]>();
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            for (long start = 0; start < n_train; start += batch_size)
            {
                using var scope = torch.NewDisposeScope();
                long end = Math.Min(start + batch_size, n_train);
                var h = x.narrow(0, start, end - start);
                var total = torch.zeros([]);
                for (int l = 0; l < dense.Length; l++)
                {
                    h = keras.activations.get(dense[l].GetProperty("activation").GetString())(h.matmul(weights[2 * l]) + weights[2 * l + 1]);
                    if (regularizer(dense[l], "activity_regularizer") is { } act) total = total + act.call(h) / (end - start);
                }
                for (int l = 0; l < dense.Length; l++)
                {
                    if (regularizer(dense[l], "kernel_regularizer") is { } k) total = total + k.call(weights[2 * l]);
                    if (regularizer(dense[l], "bias_regularizer") is { } b) total = total + b.call(weights[2 * l + 1]);
                }
                total = total + loss.__call__(y.narrow(0, start, end - start), h);
                var grads = torch.autograd.grad([total], weights.Cast<Tensor>().ToList());
                optimizer.apply_gradients(grads.Zip(weights, (g, w) => (g, w)).ToList());
            }
            per_epoch.Add(weights.Select(w => w.detach().clone()).ToArray());
        }
        return per_epoch;
    }
}
