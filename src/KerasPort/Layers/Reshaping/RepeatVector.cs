using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>Keras's <c>RepeatVector</c>: <c>[batch, features]</c> becomes <c>[batch, n, features]</c>, the input repeated n times.</summary>
/// <example><code>new RepeatVector(3)</code></example>
public sealed class RepeatVector : Layer
{
    /// <param name="n">The number of repetitions (positive).</param>
    /// <param name="input_shape">Shape of one sample, to fix the model's input.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    public RepeatVector(long n, long[]? input_shape = null, string? name = null) : base(name, input_shape: input_shape)
    {
        if (n <= 0)
            throw new ArgumentException($"Argument `n` should be a positive integer. Received: n={n}", nameof(n));
        this.n = n;
        build_at_init();
    }

    /// <summary>How many times the input is repeated.</summary>
    public long n { get; }

    /// <inheritdoc/>
    protected override void assert_input_compatibility(long[] shape) => InputSpec.ndim(this, shape, 2);

    /// <inheritdoc/>
    public override Tensor call(Tensor inputs, bool training = false) => inputs.unsqueeze(1).repeat_interleave(n, 1);

    /// <inheritdoc/>
    public override long?[] compute_output_shape(long?[] input_shape) => [input_shape[0], n, input_shape[1]];

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["n"] = n;
        return config;
    }
}
