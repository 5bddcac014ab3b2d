using KerasPort.Saving;
using TorchSharp;

namespace KerasPort.Models;

public abstract partial class Model
{
    /// <summary>
    /// Writes the weights in Keras 3's <c>.weights.h5</c> layout: the model's own (empty) group, then
    /// one group per layer under <c>layers/</c>, named from the class (<c>dense</c>, <c>dense_1</c>,
    /// ...) as Keras names them. Refuses a path not ending in <c>.weights.h5</c>, as Keras does.
    /// </summary>
    public virtual void save_weights(string filepath, bool overwrite = true)
    {
        ArgumentNullException.ThrowIfNull(filepath);
        if (!filepath.EndsWith(".weights.h5", StringComparison.Ordinal))
            throw new ArgumentException($"The filename must end in `.weights.h5`. Received: filepath={filepath}", nameof(filepath));
        if (!overwrite && File.Exists(filepath))
            throw new IOException($"The file {filepath} exists and overwrite is false.");
        var paths = WeightsFile.container_paths("layers", layers.Select(l => l.GetType().Name));
        var entries = new List<(string path, string name, torch.Tensor[] variables)> { ("", name, []) };
        for (int i = 0; i < layers.Count; i++) entries.Add((paths[i], layers[i].name, layers[i].get_weights()));
        WeightsFile.write(filepath, entries, overwrite);
    }

    /// <summary>
    /// Reads weights written by Keras 3 or by <see cref="save_weights"/>. Layers are matched by
    /// their saving path (class-based, so layer names may differ, as in Keras); every count and
    /// shape is checked before any weight changes. Optimizer state in the file is not loaded.
    /// </summary>
    public virtual void load_weights(string filepath)
    {
        ArgumentNullException.ThrowIfNull(filepath);
        if (!filepath.EndsWith(".weights.h5", StringComparison.Ordinal))
            throw new ArgumentException($"File format not supported: filepath={filepath}. Keras 3 only supports V3 `.keras` and `.weights.h5` files.", nameof(filepath));
        var stored = WeightsFile.read(filepath).ToDictionary(e => e.path.Trim('/'), e => e.variables, StringComparer.Ordinal);
        var paths = WeightsFile.container_paths("layers", layers.Select(l => l.GetType().Name));
        var plan = new List<(Layers.Layer layer, torch.Tensor[] values)>();
        for (int i = 0; i < layers.Count; i++)
        {
            var expected = layers[i].variables;
            if (!stored.TryGetValue(paths[i], out var values))
            {
                if (expected.Count == 0) continue;
                throw new ArgumentException($"A total of {expected.Count} objects could not be loaded: the file {filepath} has no group '{paths[i]}/vars' for layer '{layers[i].name}'.", nameof(filepath));
            }
            if (values.Length != expected.Count)
                throw new ArgumentException($"Layer '{layers[i].name}' expected {expected.Count} variables, but received {values.Length} variables during loading from '{paths[i]}'.", nameof(filepath));
            for (int j = 0; j < values.Length; j++)
            {
                if (!values[j].shape.SequenceEqual(expected[j].variable.shape))
                    throw new ArgumentException($"Layer '{layers[i].name}' weight {j} has shape {Layers.ShapeText.format(expected[j].variable.shape)}; the file has {Layers.ShapeText.format(values[j].shape)}.", nameof(filepath));
            }
            plan.Add((layers[i], values));
        }
        foreach (var (layer, values) in plan) layer.set_weights(values);
    }
}
