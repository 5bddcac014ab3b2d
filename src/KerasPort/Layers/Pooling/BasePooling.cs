using KerasPort.Backend;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>BasePooling</c>: the maximum or the mean over each window of 1D or 2D inputs, with
/// Keras's "same" padding on torch (edge values repeated where the padding is uneven; torch's own
/// padding never counted in a mean).
/// </summary>
public abstract class BasePooling : Layer
{
    private readonly bool _max;

    private protected BasePooling(int pool_dimensions, bool max, IntTuple? pool_size, IntTuple? strides, string padding, string? data_format,
        long[]? input_shape, string? name)
        : base(name, input_shape: input_shape)
    {
        _max = max;
        this.pool_size = (pool_size ?? 2).standardize(pool_dimensions, nameof(pool_size));
        this.strides = strides is { } s ? s.standardize(pool_dimensions, nameof(strides)) : (long[])this.pool_size.Clone();
        this.padding = ConvArguments.padding(padding);
        this.data_format = ConvArguments.data_format(data_format);
        build_at_init();
    }

    /// <summary>The window's size along each spatial axis.</summary>
    public long[] pool_size { get; }

    /// <summary>The step between windows along each spatial axis (the pool size unless given).</summary>
    public long[] strides { get; }

    /// <summary><c>"valid"</c> (no padding) or <c>"same"</c> (the output is ceil(input / stride) long).</summary>
    public string padding { get; }

    /// <summary><c>"channels_last"</c> or <c>"channels_first"</c>.</summary>
    public string data_format { get; }

    /// <inheritdoc/>
    protected override void assert_input_compatibility(long[] shape) => InputSpec.ndim(this, shape, pool_size.Length + 2);

    /// <inheritdoc/>
    public override Tensor call(Tensor inputs, bool training = false) => _max
        ? NN.max_pool(inputs, pool_size, strides, padding, data_format)
        : NN.average_pool(inputs, pool_size, strides, padding, data_format);

    /// <inheritdoc/>
    public override long?[] compute_output_shape(long?[] input_shape)
    {
        long? channels = input_shape[ConvArguments.channel_axis(data_format, input_shape.Length)];
        var ones = Enumerable.Repeat(1L, pool_size.Length).ToArray();
        return ConvArguments.output_shape(input_shape, channels, pool_size, strides, ones, padding, data_format,
            () => $"`inputs.shape={ShapeText.format(input_shape)}`, `pool_size={ConvArguments.tuple(pool_size)}`, `strides={ConvArguments.tuple(strides)}`, `padding={padding}`");
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["pool_size"] = pool_size;
        config["padding"] = padding;
        config["strides"] = strides;
        config["data_format"] = data_format;
        return config;
    }
}
