namespace KerasPort.Initializers;

/// <summary>Glorot (Xavier) uniform: U(±sqrt(6 / (fan_in + fan_out))); Keras's default kernel initializer.</summary>
public sealed class GlorotUniform : VarianceScaling
{
    public GlorotUniform(long? seed = null, int[]? input_axes = null, int[]? output_axes = null)
        : base(scale: 1.0, mode: "fan_avg", distribution: "uniform", seed: seed, input_axes: input_axes, output_axes: output_axes)
    {
    }

    public override IDictionary<string, object> get_config() => fixed_config();
}
