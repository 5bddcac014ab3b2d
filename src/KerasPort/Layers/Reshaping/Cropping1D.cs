using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>Keras's <c>Cropping1D</c>: removes steps at the start and the end of <c>[batch, steps, features]</c> sequences.</summary>
/// <example><code>new Cropping1D(cropping: (1, 2))</code></example>
public sealed class Cropping1D : Layer
{
    /// <param name="cropping">An int (both ends) or two ints (start, end); default (1, 1).</param>
    /// <param name="input_shape">Shape of one sample, to fix the model's input.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    public Cropping1D(IntTuple? cropping = null, long[]? input_shape = null, string? name = null)
        : base(name, input_shape: input_shape)
    {
        this.cropping = (cropping ?? 1).standardize(2, nameof(cropping), allow_zero: true);
        build_at_init();
    }

    /// <summary>(start, end): the steps removed before and after.</summary>
    public long[] cropping { get; }

    /// <inheritdoc/>
    protected override void assert_input_compatibility(long[] shape) => InputSpec.ndim(this, shape, 3);

    /// <inheritdoc/>
    public override Tensor call(Tensor inputs, bool training = false)
    {
        check_length(inputs.shape[1], "inputs.shape", inputs.shape.Select(d => (long?)d).ToArray());
        return inputs[.., (int)cropping[0]..(int)(inputs.shape[1] - cropping[1]), ..];
    }

    /// <inheritdoc/>
    public override long?[] compute_output_shape(long?[] input_shape)
    {
        if (input_shape[1] is not long steps) return [input_shape[0], null, input_shape[2]];
        check_length(steps, "input_shape", input_shape);
        return [input_shape[0], steps - cropping[0] - cropping[1], input_shape[2]];
    }

    private void check_length(long steps, string what, long?[] shape)
    {
        if (cropping[0] + cropping[1] >= steps)
            throw new ArgumentException(
                $"`cropping` parameter of `Cropping1D` layer must be smaller than the input length. Received: {what}={ShapeText.format(shape)}, " +
                $"cropping=({cropping[0]}, {cropping[1]})", nameof(cropping));
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["cropping"] = cropping;
        return config;
    }
}
