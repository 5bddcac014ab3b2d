using KerasPort.Regularizers;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>Keras's <c>ActivityRegularization</c>: passes its input on and adds an L1/L2 penalty of it to the loss.</summary>
public sealed class ActivityRegularization : Layer
{
    /// <param name="l1">L1 factor.</param>
    /// <param name="l2">L2 factor.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="input_shape">Shape of one sample, to start a Sequential with this layer.</param>
    public ActivityRegularization(double l1 = 0.0, double l2 = 0.0, string? name = null, long[]? input_shape = null)
        : base(name, input_shape: input_shape, activity_regularizer: new L1L2(l1: l1, l2: l2))
    {
        this.l1 = l1;
        this.l2 = l2;
        build_at_init();
    }

    public double l1 { get; }
    public double l2 { get; }

    public override Tensor call(Tensor inputs, bool training = false) => inputs;

    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config.Remove("activity_regularizer");
        config["l1"] = l1;
        config["l2"] = l2;
        return config;
    }
}
