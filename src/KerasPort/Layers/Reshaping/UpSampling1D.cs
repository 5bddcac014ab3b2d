using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>Keras's <c>UpSampling1D</c>: repeats each step of <c>[batch, steps, features]</c> sequences <c>size</c> times.</summary>
/// <example><code>new UpSampling1D(size: 3)</code></example>
public sealed class UpSampling1D : Layer
{
    /// <param name="size">How many times each step is repeated, a positive int; default 2.</param>
    /// <param name="input_shape">Shape of one sample, to fix the model's input.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    public UpSampling1D(int size = 2, long[]? input_shape = null, string? name = null)
        : base(name, input_shape: input_shape)
    {
        if (size <= 0)
            throw new ArgumentException($"Argument `size` should be a positive integer. Received: size={size}", nameof(size));
        this.size = size;
        build_at_init();
    }

    /// <summary>How many times each step is repeated.</summary>
    public int size { get; }

    /// <inheritdoc/>
    protected override void assert_input_compatibility(long[] shape) => InputSpec.ndim(this, shape, 3);

    /// <inheritdoc/>
    public override Tensor call(Tensor inputs, bool training = false) => inputs.repeat_interleave(size, dim: 1);

    /// <inheritdoc/>
    public override long?[] compute_output_shape(long?[] input_shape) =>
        [input_shape[0], input_shape[1] is long steps ? steps * size : null, input_shape[2]];

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["size"] = size;
        return config;
    }
}
