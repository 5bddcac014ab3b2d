using System.Text.Json;
using KerasPort;
using KerasPort.Utils;

namespace KerasPort.Tests.Losses;

/// <summary>
/// A recorded fit case (fixtures/fit/&lt;case&gt;) run forward by hand: Dense layers with the
/// recorded weights and activations (Dropout is the identity at inference), so the losses and
/// metrics can be checked against Keras's <c>evaluate</c> without the model code.
/// </summary>
internal sealed class FitCase
{
    private readonly JsonElement layers;

    public FitCase(string name)
    {
        string dir = Path.Combine(TestContext.CurrentContext.TestDirectory, "fixtures", "fit", name);
        arrays = Npy.load_npz(Path.Combine(dir, "data.npz"));
        using (var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "case.json"))))
            layers = doc.RootElement.GetProperty("layers").Clone();
        using (var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "history.json"))))
            history = doc.RootElement.Clone();
    }

    public Dictionary<string, Tensor> arrays { get; }
    public JsonElement history { get; }

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
}
