using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>Keras's <c>ZeroPadding1D</c>: adds zeros at the start and the end of the steps of <c>[batch, steps, features]</c> sequences.</summary>
/// <example><code>new ZeroPadding1D(padding: (1, 2))</code></example>
public sealed class ZeroPadding1D : Layer
{
    /// <param name="padding">An int (both ends) or two ints (start, end); default 1.</param>
    /// <param name="data_format"><c>channels_last</c> (default: <c>[batch, steps, features]</c>) or <c>channels_first</c> (<c>[batch, features, steps]</c>).</param>
    /// <param name="input_shape">Shape of one sample, to fix the model's input.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    public ZeroPadding1D(IntTuple? padding = null, string? data_format = null, long[]? input_shape = null, string? name = null)
        : base(name, input_shape: input_shape)
    {
        this.padding = (padding ?? 1).standardize(2, nameof(padding), allow_zero: true);
        this.data_format = ConvArguments.data_format(data_format);
        build_at_init();
    }

    /// <summary>(start, end): the zeros added before the first step and after the last.</summary>
    public long[] padding { get; }

    /// <summary><c>"channels_last"</c> or <c>"channels_first"</c>.</summary>
    public string data_format { get; }

    /// <inheritdoc/>
    protected override void assert_input_compatibility(long[] shape) => InputSpec.ndim(this, shape, 3);

    /// <inheritdoc/>
    public override Tensor call(Tensor inputs, bool training = false) =>
        // torch's pad lists the last axis first.
        data_format == "channels_first"
            ? nn.functional.pad(inputs, [padding[0], padding[1]])
            : nn.functional.pad(inputs, [0, 0, padding[0], padding[1]]);

    /// <inheritdoc/>
    public override long?[] compute_output_shape(long?[] input_shape)
    {
        var output = (long?[])input_shape.Clone();
        int axis = data_format == "channels_first" ? 2 : 1;
        if (output[axis] is long steps) output[axis] = steps + padding[0] + padding[1];
        return output;
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["padding"] = padding;
        config["data_format"] = data_format;
        return config;
    }
}
