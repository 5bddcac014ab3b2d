using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>Keras's <c>ZeroPadding2D</c>: adds rows and columns of zeros around <c>[batch, height, width, channels]</c> images.</summary>
/// <example><code>new ZeroPadding2D(padding: ((1, 2), (3, 4)))</code></example>
public sealed class ZeroPadding2D : Layer
{
    /// <param name="padding">An int (all four sides) or two ints (symmetric height, symmetric width); default 1.</param>
    /// <param name="data_format"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
    /// <param name="input_shape">Shape of one sample, to fix the model's input.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    public ZeroPadding2D(IntTuple? padding = null, string? data_format = null, long[]? input_shape = null, string? name = null)
        : this(Padding2D.standardize(padding, null, nameof(padding), [1, 1]), data_format, input_shape, name)
    {
    }

    /// <param name="padding">((top, bottom), (left, right)).</param>
    /// <param name="data_format"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
    /// <param name="input_shape">Shape of one sample, to fix the model's input.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    public ZeroPadding2D(((int, int), (int, int)) padding, string? data_format = null, long[]? input_shape = null, string? name = null)
        : this(Padding2D.standardize(null, padding, nameof(padding), [1, 1]), data_format, input_shape, name)
    {
    }

    private ZeroPadding2D(long[][] padding, string? data_format, long[]? input_shape, string? name) : base(name, input_shape: input_shape)
    {
        this.data_format = ConvArguments.data_format(data_format);
        this.padding = padding;
        build_at_init();
    }

    /// <summary>((top, bottom), (left, right)).</summary>
    public long[][] padding { get; }

    /// <summary><c>"channels_last"</c> or <c>"channels_first"</c>.</summary>
    public string data_format { get; }

    /// <summary>
    /// Keras's <c>from_config</c>: the layer back from its config, where <c>padding</c> is the pair of
    /// pairs ((top, bottom), (left, right)) as a file stores it.
    /// </summary>
    public static ZeroPadding2D from_config(IDictionary<string, object> config)
    {
        var layer = new ZeroPadding2D(Padding2D.from_config(config, "padding"), config.TryGetValue("data_format", out var f) ? (string?)f : null, null,
            config.TryGetValue("name", out var n) ? (string?)n : null);
        if (config.TryGetValue("trainable", out var t) && t is bool trainable) layer.trainable = trainable;
        return layer;
    }

    /// <inheritdoc/>
    protected override void assert_input_compatibility(long[] shape) => InputSpec.ndim(this, shape, 4);

    /// <inheritdoc/>
    public override Tensor call(Tensor inputs, bool training = false)
    {
        // torch's pad lists the last axis first.
        long[] spatial = [padding[1][0], padding[1][1], padding[0][0], padding[0][1]];
        return data_format == "channels_first"
            ? nn.functional.pad(inputs, spatial)
            : nn.functional.pad(inputs, [0, 0, .. spatial]);
    }

    /// <inheritdoc/>
    public override long?[] compute_output_shape(long?[] input_shape)
    {
        var output = (long?[])input_shape.Clone();
        int offset = data_format == "channels_first" ? 2 : 1;
        for (int i = 0; i < 2; i++)
            if (output[offset + i] is long size) output[offset + i] = size + padding[i][0] + padding[i][1];
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
