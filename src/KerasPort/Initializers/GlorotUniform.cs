namespace KerasPort.Initializers;

/// <summary>Glorot (Xavier) uniform: U(±sqrt(6 / (fan_in + fan_out))); Keras's default kernel initializer.</summary>
/// <example>
/// Python <c>Dense(64, kernel_initializer=keras.initializers.GlorotUniform(seed=42))</c> ports as:
/// <code>
/// var layer = new Dense(64, kernel_initializer: new GlorotUniform(seed: 42));
/// var same_by_name = new Dense(64, kernel_initializer: "glorot_uniform");
/// </code>
/// </example>
public sealed class GlorotUniform : VarianceScaling
{
    /// <summary>Creates a Glorot uniform initializer (Python <c>keras.initializers.GlorotUniform(seed=...)</c>).</summary>
    /// <param name="seed">A seed for reproducible draws; null (default) draws one at construction from Python's <c>random</c>, which <c>keras.utils.set_random_seed</c> seeds.</param>
    /// <param name="input_axes">The axes whose sizes multiply into the fan-in, given together with <paramref name="output_axes"/>; null (default) applies Keras's rule to the shape.</param>
    /// <param name="output_axes">The axes whose sizes multiply into the fan-out, given together with <paramref name="input_axes"/>; null (default) applies Keras's rule to the shape.</param>
    public GlorotUniform(long? seed = null, int[]? input_axes = null, int[]? output_axes = null)
        : base(scale: 1.0, mode: "fan_avg", distribution: "uniform", seed: seed, input_axes: input_axes, output_axes: output_axes)
    {
    }

    /// <inheritdoc/>
    public override IDictionary<string, object> get_config() => fixed_config();
}
