using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>Keras's <c>Flatten</c>: <c>[batch, d1, d2, ...]</c> becomes <c>[batch, d1 * d2 * ...]</c>.</summary>
/// <example><code>
/// model.add(new Flatten());
/// // Python: model.add(keras.layers.Flatten())
/// </code></example>
public sealed class Flatten : Layer
{
    /// <param name="data_format"><c>channels_last</c> (default) or <c>channels_first</c>, which is flattened in channels-last order as Keras does.</param>
    /// <param name="input_shape">Shape of one sample, to build at once.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    public Flatten(string? data_format = null, long[]? input_shape = null, string? name = null) : base(name, input_shape: input_shape)
    {
        this.data_format = data_format ?? "channels_last";
        if (this.data_format is not ("channels_last" or "channels_first"))
            throw new ArgumentException($"The `data_format` argument must be one of {{'channels_first', 'channels_last'}}. Received: data_format={data_format}", nameof(data_format));
    }

    /// <summary><c>"channels_last"</c> or <c>"channels_first"</c>; channels-first inputs are flattened in channels-last order.</summary>
    public string data_format { get; }

    /// <inheritdoc/>
    public override Tensor call(Tensor inputs, bool training = false)
    {
        var x = inputs;
        if (data_format == "channels_first" && x.dim() > 2)
            x = x.permute([0, .. Enumerable.Range(2, (int)x.dim() - 2).Select(i => (long)i), 1]);
        return x.reshape(x.shape[0], -1);
    }

    /// <inheritdoc/>
    public override long?[] compute_output_shape(long?[] input_shape)
    {
        var rest = input_shape.Skip(1).ToArray();
        long? size = rest.Any(d => d is null) ? null : rest.Aggregate(1L, (a, d) => a * d!.Value);
        return [input_shape[0], size];
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["data_format"] = data_format;
        return config;
    }
}
