using KerasPort.Utils;
using static TorchSharp.torch;

namespace KerasPort.Data.Datasets;

/// <summary>Keras's <c>keras/src/datasets/cifar.py</c>: one CIFAR batch file (a Python pickle of a dict).</summary>
internal static class Cifar
{
    /// <summary>
    /// Keras's <c>load_batch</c>: the images as uint8 <c>[N, 3, 32, 32]</c> and the labels under
    /// <paramref name="label_key"/> as an int64 <c>[N]</c> (a Python list in the file, which numpy makes int64).
    /// </summary>
    public static (Tensor data, Tensor labels) load_batch(string fpath, string label_key = "labels")
    {
        object? loaded;
        using (var stream = File.OpenRead(fpath)) loaded = Pickle.load(stream, fpath);
        var d = loaded as PickleDict ?? throw new InvalidDataException($"{fpath}: a CIFAR batch is a pickled dict; this file holds a {loaded?.GetType().Name ?? "None"}.");
        if (!d.TryGetValue("data", out var data_value) || data_value is not NdArray data_array)
            throw new InvalidDataException($"{fpath}: the batch has no 'data' array.");
        if (!d.TryGetValue(label_key, out var labels_value) || labels_value is not List<object?> label_list)
            throw new InvalidDataException($"{fpath}: the batch has no '{label_key}' list.");
        using var flat = Npy.to_tensor(data_array, fpath);
        if (flat.dim() != 2 || flat.shape[1] != 3 * 32 * 32)
            throw new InvalidDataException($"{fpath}: cannot reshape an array of shape [{string.Join(", ", flat.shape)}] into (N, 3, 32, 32).");
        var data = flat.reshape(flat.shape[0], 3, 32, 32);
        var labels = tensor(label_list.Select(Convert.ToInt64).ToArray());
        return (data, labels);
    }

    /// <summary>Channels last, as Keras transposes for its default image_data_format.</summary>
    public static Tensor channels_last(Tensor x)
    {
        using (x) return x.permute(0, 2, 3, 1).contiguous();
    }
}
