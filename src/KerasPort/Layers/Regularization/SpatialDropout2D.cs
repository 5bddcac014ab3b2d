using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>Keras's <c>SpatialDropout2D</c>: drops whole feature maps of 4D image batches.</summary>
/// <example><code>
/// model.add(new SpatialDropout2D(0.1));
/// // Python: model.add(keras.layers.SpatialDropout2D(0.1))
/// </code></example>
public sealed class SpatialDropout2D : Dropout
{
    /// <param name="rate">Fraction of the feature maps to drop, in [0, 1).</param>
    /// <param name="data_format"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
    /// <param name="seed">Seed of the layer's random stream; null (the default) takes one from Python's <c>random</c>.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="input_shape">Shape of one sample, to start a Sequential with this layer.</param>
    public SpatialDropout2D(double rate, string? data_format = null, long? seed = null, string? name = null, long[]? input_shape = null)
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
        if (shape.Length != 4)
            throw new ArgumentException($"Input 0 of layer \"{name}\" is incompatible with the layer: expected ndim=4, found ndim={shape.Length}. Full shape received: {ShapeText.format(shape)}", "inputs");
    }

    /// <inheritdoc/>
    protected override long?[] get_noise_shape(Tensor inputs) => data_format == "channels_first"
        ? [inputs.shape[0], inputs.shape[1], 1, 1]
        : [inputs.shape[0], 1, 1, inputs.shape[3]];

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["data_format"] = data_format;
        return config;
    }
}
