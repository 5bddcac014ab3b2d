using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>Keras's <c>SpatialDropout3D</c>: drops whole feature volumes of 5D batches (<c>[batch, d1, d2, d3, channels]</c>).</summary>
/// <example><code>
/// model.add(new SpatialDropout3D(0.2));
/// // Python: model.add(keras.layers.SpatialDropout3D(0.2))
/// </code></example>
public sealed class SpatialDropout3D : Dropout
{
    /// <param name="rate">Fraction of the feature volumes to drop, in [0, 1).</param>
    /// <param name="data_format"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
    /// <param name="seed">Seed of the layer's random stream; null (the default) takes one from Python's <c>random</c>.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="input_shape">Shape of one sample, to start a Sequential with this layer.</param>
    public SpatialDropout3D(double rate, string? data_format = null, long? seed = null, string? name = null, long[]? input_shape = null)
        : base(rate, seed: seed, name: name, input_shape: input_shape)
    {
        this.data_format = data_format ?? "channels_last";
        if (this.data_format is not ("channels_last" or "channels_first"))
            throw new ArgumentException($"The `data_format` argument must be one of {{'channels_first', 'channels_last'}}. Received: data_format={data_format}", nameof(data_format));
    }

    /// <summary><c>"channels_last"</c> or <c>"channels_first"</c>: where the channel axis is.</summary>
    public string data_format { get; }

    /// <inheritdoc/>
    protected override void assert_input_compatibility(long[] shape)
    {
        if (shape.Length != 5)
            throw new ArgumentException($"Input 0 of layer \"{name}\" is incompatible with the layer: expected ndim=5, found ndim={shape.Length}. Full shape received: {ShapeText.format(shape)}", "inputs");
    }

    /// <inheritdoc/>
    protected override long?[] get_noise_shape(Tensor inputs) => data_format == "channels_first"
        ? [inputs.shape[0], inputs.shape[1], 1, 1, 1]
        : [inputs.shape[0], 1, 1, 1, inputs.shape[4]];

    /// <summary>Keras's config of the spatial dropouts: rate, seed, name, the dtype as a plain name, data_format.</summary>
    public override Dictionary<string, object?> get_config() => new()
    {
        ["rate"] = rate,
        ["seed"] = seed,
        ["name"] = name,
        ["dtype"] = "float32",
        ["data_format"] = data_format,
    };
}
