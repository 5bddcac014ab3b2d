namespace KerasPort.Initializers;

/// <summary>LeCun normal: truncated normal with stddev sqrt(1 / fan_in).</summary>
public sealed class LecunNormal : VarianceScaling
{
    public LecunNormal(long? seed = null, int[]? input_axes = null, int[]? output_axes = null)
        : base(scale: 1.0, mode: "fan_in", distribution: "truncated_normal", seed: seed, input_axes: input_axes, output_axes: output_axes)
    {
    }

    public override IDictionary<string, object> get_config() => fixed_config();
}
