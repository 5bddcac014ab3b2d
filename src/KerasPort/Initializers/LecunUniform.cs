namespace KerasPort.Initializers;

/// <summary>LeCun uniform: U(±sqrt(3 / fan_in)).</summary>
public sealed class LecunUniform : VarianceScaling
{
    public LecunUniform(long? seed = null, int[]? input_axes = null, int[]? output_axes = null)
        : base(scale: 1.0, mode: "fan_in", distribution: "uniform", seed: seed, input_axes: input_axes, output_axes: output_axes)
    {
    }

    public override IDictionary<string, object> get_config() => fixed_config();
}
