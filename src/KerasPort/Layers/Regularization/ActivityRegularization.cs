using KerasPort.Regularizers;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>ActivityRegularization</c>: passes its input on unchanged and adds an L1/L2 penalty of it to the loss
/// (<c>l1 * sum(|x|) + l2 * sum(x^2)</c>, divided by the batch size, as every activity regularizer is).
/// </summary>
/// <example><code>model.add(new ActivityRegularization(l1: 0.01));   // Python: keras.layers.ActivityRegularization(l1=0.01)</code></example>
public sealed class ActivityRegularization : Layer
{
    /// <param name="l1">The L1 factor, non-negative; 0 (no L1 term) by default.</param>
    /// <param name="l2">The L2 factor, non-negative; 0 (no L2 term) by default.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="input_shape">Shape of one sample, to start a Sequential with this layer.</param>
    public ActivityRegularization(double l1 = 0.0, double l2 = 0.0, string? name = null, long[]? input_shape = null)
        : base(name, input_shape: input_shape, activity_regularizer: new L1L2(l1: l1, l2: l2))
    {
        this.l1 = l1;
        this.l2 = l2;
        build_at_init();
    }

    /// <summary>The L1 factor of the penalty.</summary>
    public double l1 { get; }

    /// <summary>The L2 factor of the penalty.</summary>
    public double l2 { get; }

    /// <inheritdoc/>
    public override Tensor call(Tensor inputs, bool training = false) => inputs;

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config.Remove("activity_regularizer");
        config["l1"] = l1;
        config["l2"] = l2;
        return config;
    }
}
