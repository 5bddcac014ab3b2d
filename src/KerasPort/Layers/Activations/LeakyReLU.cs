using KerasPort.Utils;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>Keras's <c>LeakyReLU</c> layer: <c>x</c> for positive inputs, <c>negative_slope * x</c> otherwise.</summary>
/// <example><code>new LeakyReLU(negative_slope: 0.1)</code></example>
public sealed class LeakyReLU : Layer
{
    /// <param name="negative_slope">Slope for negative inputs (non-negative, default 0.3).</param>
    /// <param name="input_shape">Shape of one sample, to fix the model's input.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    public LeakyReLU(double negative_slope = 0.3, long[]? input_shape = null, string? name = null) : base(name, input_shape: input_shape)
    {
        if (!(negative_slope >= 0))
            throw new ArgumentException($"The negative_slope value of a Leaky ReLU layer cannot be None or negative value. Expected a float. Received: negative_slope={PythonFormat.str(negative_slope)}", nameof(negative_slope));
        this.negative_slope = negative_slope;
        build_at_init();
    }

    /// <summary>The slope for negative inputs.</summary>
    public double negative_slope { get; }

    /// <inheritdoc/>
    public override Tensor call(Tensor inputs, bool training = false) => keras.activations.leaky_relu(inputs, negative_slope);

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["negative_slope"] = negative_slope;
        return config;
    }
}
