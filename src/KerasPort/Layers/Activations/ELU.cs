using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>ELU</c> layer: <c>x</c> for positive inputs, <c>alpha * (exp(x) - 1)</c> otherwise.
/// </summary>
/// <example><code>new ELU(alpha: 0.5)</code></example>
public sealed class ELU : Layer
{
    /// <param name="alpha">Scale of the negative part (default 1.0).</param>
    /// <param name="input_shape">Shape of one sample, to fix the model's input.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    public ELU(double alpha = 1.0, long[]? input_shape = null, string? name = null) : base(name, input_shape: input_shape)
    {
        this.alpha = alpha;
        build_at_init();
    }

    /// <summary>The scale of the negative part.</summary>
    public double alpha { get; }

    /// <inheritdoc/>
    public override Tensor call(Tensor inputs, bool training = false) => keras.activations.elu(inputs, alpha);

    /// <summary>Keras's automatic config of a layer without its own get_config: the constructor's arguments, then the base.</summary>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["alpha"] = alpha;
        return config;
    }
}
