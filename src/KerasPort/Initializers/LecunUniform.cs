namespace KerasPort.Initializers;

/// <summary>LeCun uniform: U(±sqrt(3 / fan_in)).</summary>
public sealed class LecunUniform : VarianceScaling
{
    /// <summary>Creates a LeCun uniform initializer (Python <c>keras.initializers.LecunUniform(seed=...)</c>).</summary>
    /// <param name="seed">A seed for reproducible draws; null (default) draws one at construction from Python's <c>random</c>, which <c>keras.utils.set_random_seed</c> seeds.</param>
    /// <param name="input_axes">The axes whose sizes multiply into the fan-in, given together with <paramref name="output_axes"/>; null (default) applies Keras's rule to the shape.</param>
    /// <param name="output_axes">The axes whose sizes multiply into the fan-out, given together with <paramref name="input_axes"/>; null (default) applies Keras's rule to the shape.</param>
    public LecunUniform(long? seed = null, int[]? input_axes = null, int[]? output_axes = null)
        : base(scale: 1.0, mode: "fan_in", distribution: "uniform", seed: seed, input_axes: input_axes, output_axes: output_axes)
    {
    }

    /// <inheritdoc/>
    public override IDictionary<string, object> get_config() => fixed_config();
}
