using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>Keras's <c>MaxPooling2D</c>: the maximum over each window (<c>channels_last</c> by default).</summary>
/// <example><code>new MaxPooling2D(2)</code></example>
public sealed class MaxPooling2D : Layer
{
    /// <param name="pool_size">An int or two ints (default 2).</param>
    /// <param name="strides">An int or two ints; null takes <paramref name="pool_size"/>.</param>
    /// <param name="padding"><c>valid</c> or <c>same</c>.</param>
    /// <param name="data_format"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="input_shape">Shape of one sample, to start a Sequential with this layer.</param>
    public MaxPooling2D(IntTuple? pool_size = null, IntTuple? strides = null, string padding = "valid", string? data_format = null, string? name = null,
        long[]? input_shape = null)
        : base(name, input_shape: input_shape)
    {
        this.pool_size = (pool_size ?? 2).standardize(2, nameof(pool_size));
        this.strides = strides is { } s ? s.standardize(2, nameof(strides)) : (long[])this.pool_size.Clone();
        this.padding = ConvArguments.padding(padding);
        this.data_format = ConvArguments.data_format(data_format);
    }

    public long[] pool_size { get; }
    public long[] strides { get; }
    public string padding { get; }
    public string data_format { get; }

    protected override void assert_input_compatibility(long[] shape)
    {
        if (shape.Length != 4)
            throw new ArgumentException($"Input 0 of layer \"{name}\" is incompatible with the layer: expected ndim=4, found ndim={shape.Length}. Full shape received: {ShapeText.format(shape)}", "inputs");
    }

    public override Tensor call(Tensor inputs, bool training = false)
    {
        var x = ConvArguments.to_nchw(inputs, data_format);
        if (padding == "same")
            x = nn.functional.pad(x, ConvArguments.same_padding(x.shape[2], x.shape[3], pool_size, strides, [1, 1]), value: double.NegativeInfinity);
        var y = nn.functional.max_pool2d(x, pool_size, strides);
        return ConvArguments.from_nchw(y, data_format);
    }

    public override long?[] compute_output_shape(long?[] input_shape)
    {
        int h = data_format == "channels_last" ? 1 : 2;
        long? oh = ConvArguments.output_length(input_shape[h], pool_size[0], strides[0], 1, padding);
        long? ow = ConvArguments.output_length(input_shape[h + 1], pool_size[1], strides[1], 1, padding);
        return data_format == "channels_last" ? [input_shape[0], oh, ow, input_shape[3]] : [input_shape[0], input_shape[1], oh, ow];
    }

    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["pool_size"] = pool_size;
        config["strides"] = strides;
        config["padding"] = padding;
        config["data_format"] = data_format;
        return config;
    }
}
