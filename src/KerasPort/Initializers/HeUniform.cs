namespace KerasPort.Initializers;

/// <summary>He uniform: U(±sqrt(6 / fan_in)).</summary>
public sealed class HeUniform : VarianceScaling
{
    public HeUniform(long? seed = null, int[]? input_axes = null, int[]? output_axes = null)
        : base(scale: 2.0, mode: "fan_in", distribution: "uniform", seed: seed, input_axes: input_axes, output_axes: output_axes)
    {
    }

    public override IDictionary<string, object> get_config() => fixed_config();
}
