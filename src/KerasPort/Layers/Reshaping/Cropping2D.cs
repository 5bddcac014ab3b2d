using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>Keras's <c>Cropping2D</c>: removes rows and columns at the edges of <c>[batch, height, width, channels]</c> images.</summary>
/// <example><code>new Cropping2D(cropping: ((2, 2), (4, 4)))</code></example>
public sealed class Cropping2D : Layer
{
    /// <param name="cropping">An int (all four sides) or two ints (symmetric height, symmetric width); default 0.</param>
    /// <param name="data_format"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
    /// <param name="input_shape">Shape of one sample, to fix the model's input.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    public Cropping2D(IntTuple? cropping = null, string? data_format = null, long[]? input_shape = null, string? name = null)
        : this(Padding2D.standardize(cropping, null, nameof(cropping), [0, 0]), data_format, input_shape, name)
    {
    }

    /// <param name="cropping">((top, bottom), (left, right)).</param>
    /// <param name="data_format"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
    /// <param name="input_shape">Shape of one sample, to fix the model's input.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    public Cropping2D(((int, int), (int, int)) cropping, string? data_format = null, long[]? input_shape = null, string? name = null)
        : this(Padding2D.standardize(null, cropping, nameof(cropping), [0, 0]), data_format, input_shape, name)
    {
    }

    private Cropping2D(long[][] cropping, string? data_format, long[]? input_shape, string? name) : base(name, input_shape: input_shape)
    {
        this.data_format = ConvArguments.data_format(data_format);
        this.cropping = cropping;
        build_at_init();
    }

    /// <summary>((top, bottom), (left, right)).</summary>
    public long[][] cropping { get; }

    /// <summary><c>"channels_last"</c> or <c>"channels_first"</c>.</summary>
    public string data_format { get; }

    private int first_spatial => data_format == "channels_first" ? 2 : 1;

    private void check(IReadOnlyList<long?> shape, string what)
    {
        for (int i = 0; i < 2; i++)
        {
            if (shape[first_spatial + i] is long size && cropping[i][0] + cropping[i][1] >= size)
                throw new ArgumentException($"Values in `cropping` argument should be smaller than the corresponding spatial dimension of the input. Received: {what}={ShapeText.format(shape)}, cropping=(({cropping[0][0]}, {cropping[0][1]}), ({cropping[1][0]}, {cropping[1][1]}))", "inputs");
        }
    }

    /// <summary>
    /// Keras's <c>from_config</c>: the layer back from its config, where <c>cropping</c> is the pair of
    /// pairs ((top, bottom), (left, right)) as a file stores it.
    /// </summary>
    public static Cropping2D from_config(IDictionary<string, object> config)
    {
        var layer = new Cropping2D(Padding2D.from_config(config, "cropping"), config.TryGetValue("data_format", out var f) ? (string?)f : null, null,
            config.TryGetValue("name", out var n) ? (string?)n : null);
        if (config.TryGetValue("trainable", out var t) && t is bool trainable) layer.trainable = trainable;
        return layer;
    }

    /// <inheritdoc/>
    protected override void assert_input_compatibility(long[] shape)
    {
        InputSpec.ndim(this, shape, 4);
        check(shape.Select(d => (long?)d).ToArray(), "inputs.shape");
    }

    /// <inheritdoc/>
    public override Tensor call(Tensor inputs, bool training = false)
    {
        var x = inputs;
        for (int i = 0; i < 2; i++)
        {
            int axis = first_spatial + i;
            x = x.narrow(axis, cropping[i][0], x.shape[axis] - cropping[i][0] - cropping[i][1]);
        }
        return x;
    }

    /// <inheritdoc/>
    public override long?[] compute_output_shape(long?[] input_shape)
    {
        check(input_shape, "input_shape");
        var output = (long?[])input_shape.Clone();
        for (int i = 0; i < 2; i++)
            if (output[first_spatial + i] is long size) output[first_spatial + i] = size - cropping[i][0] - cropping[i][1];
        return output;
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["cropping"] = cropping;
        config["data_format"] = data_format;
        return config;
    }
}
