using System.Text.Json;
using KerasPort;
using KerasPort.Losses;
using KerasPort.Optimizers;
using KerasPort.Regularizers;
using KerasPort.Utils;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasPort.Tests.Losses;

/// <summary>
/// A recorded fit case (fixtures/fit/&lt;case&gt;) run forward by hand: Dense layers with the
/// recorded weights and activations (Dropout is the identity at inference), so the losses and
/// metrics can be checked against Keras's <c>evaluate</c> without the model code.
/// </summary>
internal sealed class FitCase
{
    private readonly JsonElement layers;
    private readonly JsonElement case_json;

    public FitCase(string name)
    {
        string dir = KerasFixtures.path("fit", name);
        arrays = Npy.load_npz(Path.Combine(dir, "data.npz"));
        using (var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "case.json"))))
            case_json = doc.RootElement.Clone();
        layers = case_json.GetProperty("layers");
        using (var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "history.json"))))
            history = doc.RootElement.Clone();
    }

    public Dictionary<string, Tensor> arrays { get; }
    public JsonElement history { get; }

    /// <summary>Keras's <c>optimizer.get_config()</c> as recorded.</summary>
    public JsonElement optimizer_config => case_json.GetProperty("optimizer_config");

    public Tensor x => arrays["x"];
    public Tensor y => arrays["y"];

    /// <summary>The model's output for <paramref name="input"/> with weights <c>&lt;prefix&gt;_&lt;i&gt;</c> (w0, w_final).</summary>
    public Tensor predict(Tensor input, string prefix)
    {
        var h = input;
        int w = 0;
        foreach (var layer in layers.EnumerateArray())
        {
            if (layer.GetProperty("class_name").GetString() != "Dense") continue;
            h = h.matmul(arrays[$"{prefix}_{w}"]) + arrays[$"{prefix}_{w + 1}"];
            h = keras.activations.get(layer.GetProperty("activation").GetString())(h);
            w += 2;
        }
        return h;
    }

    private static Regularizer? regularizer(JsonElement layer, string key)
    {
        if (!layer.TryGetProperty(key, out var spec) || spec.ValueKind == JsonValueKind.Null) return null;
        double? factor(string k) => spec.TryGetProperty(k, out var f) ? f.GetDouble() : null;
        return (factor("l1"), factor("l2")) switch
        {
            (double l1, double l2) => new L1L2(l1, l2),
            (double l1, null) => new L1(l1),
            (null, double l2) => new L2(l2),
            _ => throw new AssertionException("unknown regularizer " + spec),
        };
    }

    /// <summary>
    /// Trains the recorded model as Keras's fit does (no shuffle, last rows for validation, batch
    /// loss = mean data loss + weight penalties at the pre-update weights + activity penalties / batch
    /// size), with <paramref name="optimizer"/>, and returns the weights after each epoch.
    /// </summary>
    public List<Tensor[]> train(Optimizer optimizer, Loss loss)
    {
        var fit = case_json.GetProperty("fit");
        int batch_size = fit.GetProperty("batch_size").GetInt32();
        int epochs = fit.GetProperty("epochs").GetInt32();
        long n_train = case_json.GetProperty("fit_derived").GetProperty("n_train").GetInt64();
        var dense = layers.EnumerateArray().Where(l => l.GetProperty("class_name").GetString() == "Dense").ToArray();
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
