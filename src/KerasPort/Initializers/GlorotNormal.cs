namespace KerasPort.Initializers;

/// <summary>Glorot (Xavier) normal: truncated normal with stddev sqrt(2 / (fan_in + fan_out)).</summary>
public sealed class GlorotNormal : VarianceScaling
{
    public GlorotNormal(long? seed = null, int[]? input_axes = null, int[]? output_axes = null)
        : base(scale: 1.0, mode: "fan_avg", distribution: "truncated_normal", seed: seed, input_axes: input_axes, output_axes: output_axes)
    {
    }

    public override IDictionary<string, object> get_config() => fixed_config();
}
