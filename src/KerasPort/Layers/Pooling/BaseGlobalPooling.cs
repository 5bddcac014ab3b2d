using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>Keras's <c>BaseGlobalPooling</c>: the maximum or the mean over every spatial axis of 1D or 2D inputs.</summary>
public abstract class BaseGlobalPooling : Layer
{
    private readonly int _pool_dimensions;
    private readonly bool _max;

    private protected BaseGlobalPooling(int pool_dimensions, bool max, string? data_format, bool keepdims, long[]? input_shape, string? name)
        : base(name, input_shape: input_shape)
    {
        _pool_dimensions = pool_dimensions;
        _max = max;
        this.data_format = ConvArguments.data_format(data_format);
        this.keepdims = keepdims;
        build_at_init();
    }

    /// <summary><c>"channels_last"</c> or <c>"channels_first"</c>.</summary>
    public string data_format { get; }

    /// <summary>Whether the pooled axes stay, with length 1.</summary>
    public bool keepdims { get; }

    /// <inheritdoc/>
    protected override void assert_input_compatibility(long[] shape) => InputSpec.ndim(this, shape, _pool_dimensions + 2);

    /// <inheritdoc/>
    public override Tensor call(Tensor inputs, bool training = false)
    {
        int first = data_format == "channels_last" ? 1 : 2;
        long[] axes = Enumerable.Range(first, _pool_dimensions).Select(a => (long)a).ToArray();
        if (!_max) return inputs.mean(axes, keepdim: keepdims);
        return inputs.amax(axes, keepdim: keepdims);
    }

    /// <inheritdoc/>
    public override long?[] compute_output_shape(long?[] input_shape)
    {
        int spatial = input_shape.Length - 2;
        var ones = Enumerable.Repeat((long?)1, keepdims ? spatial : 0);
        return data_format == "channels_last"
            ? [input_shape[0], .. ones, input_shape[^1]]
            : [input_shape[0], input_shape[1], .. ones];
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["data_format"] = data_format;
        config["keepdims"] = keepdims;
        return config;
    }
}
