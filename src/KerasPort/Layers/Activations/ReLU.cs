using KerasPort.Utils;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>ReLU</c> layer: <c>x</c> above <c>threshold</c> (capped at
/// <c>max_value</c>), <c>negative_slope * (x - threshold)</c> below it.
/// </summary>
/// <example><code>
/// model.add(new ReLU(max_value: 6));
/// // Python: model.add(keras.layers.ReLU(max_value=6))
/// </code></example>
public sealed class ReLU : Layer
{
    /// <param name="max_value">The largest output (non-negative); null is no cap.</param>
    /// <param name="negative_slope">Slope below the threshold (non-negative, default 0).</param>
    /// <param name="threshold">Inputs at or below it are damped (non-negative, default 0).</param>
    /// <param name="input_shape">Shape of one sample, to fix the model's input.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    public ReLU(double? max_value = null, double negative_slope = 0.0, double threshold = 0.0, long[]? input_shape = null, string? name = null)
        : base(name, input_shape: input_shape)
    {
        if (max_value is < 0.0)
            throw new ArgumentException($"max_value of a ReLU layer cannot be a negative value. Received: max_value={PythonFormat.str(max_value.Value)}", nameof(max_value));
        if (!(negative_slope >= 0.0))
            throw new ArgumentException($"negative_slope of a ReLU layer cannot be None or a negative value. Received: negative_slope={PythonFormat.str(negative_slope)}", nameof(negative_slope));
        if (!(threshold >= 0.0))
            throw new ArgumentException($"threshold of a ReLU layer cannot be None or a negative value. Received: threshold={PythonFormat.str(threshold)}", nameof(threshold));
        this.max_value = max_value;
        this.negative_slope = negative_slope;
        this.threshold = threshold;
        build_at_init();
    }

    /// <summary>The largest output; null when the output is not capped.</summary>
    public double? max_value { get; }

    /// <summary>The slope below the threshold.</summary>
    public double negative_slope { get; }

    /// <summary>The value at or below which inputs are damped.</summary>
    public double threshold { get; }

    /// <inheritdoc/>
    public override Tensor call(Tensor inputs, bool training = false) =>
        keras.activations.relu(inputs, negative_slope: negative_slope, max_value: max_value, threshold: threshold);

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["max_value"] = max_value;
        config["negative_slope"] = negative_slope;
        config["threshold"] = threshold;
        return config;
    }
}
