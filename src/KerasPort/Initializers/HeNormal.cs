namespace KerasPort.Initializers;

/// <summary>He normal: truncated normal with stddev sqrt(2 / fan_in).</summary>
public sealed class HeNormal : VarianceScaling
{
    public HeNormal(long? seed = null, int[]? input_axes = null, int[]? output_axes = null)
        : base(scale: 2.0, mode: "fan_in", distribution: "truncated_normal", seed: seed, input_axes: input_axes, output_axes: output_axes)
    {
    }

    public override IDictionary<string, object> get_config() => fixed_config();
}
