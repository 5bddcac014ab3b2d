using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>AlphaDropout</c>: dropout for SELU networks. Dropped units take SELU's negative
/// saturation value and an affine correction keeps the mean and variance; identity at inference.
/// </summary>
/// <example><code>
/// model.add(new AlphaDropout(0.1));
/// // Python: model.add(keras.layers.AlphaDropout(0.1))
/// </code></example>
public sealed class AlphaDropout : Layer
{
    private const double Alpha = 1.6732632423543772848170429916717;
    private const double Scale = 1.0507009873554804934193349852946;
    private readonly NoiseSource _noise;

    /// <param name="rate">Drop probability, in [0, 1].</param>
    /// <param name="noise_shape">Shape of the mask; a null entry takes the input's size.</param>
    /// <param name="seed">Seed of the layer's random stream; null (the default) takes one from Python's <c>random</c>.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="input_shape">Shape of one sample, to start a Sequential with this layer.</param>
    public AlphaDropout(double rate, long?[]? noise_shape = null, long? seed = null, string? name = null, long[]? input_shape = null)
        : base(name, input_shape: input_shape)
    {
        // Every argument is checked before the random stream is made: a refused layer draws nothing.
        double checked_rate = RateCheck.unit_interval(rate, nameof(rate));
        this.noise_shape = RateCheck.noise_shape(noise_shape);
        _noise = new NoiseSource(checked_rate, seed);
        build_at_init();
    }

    /// <summary>The drop probability, in [0, 1].</summary>
    public double rate => _noise.rate;

    /// <summary>The shape of the drop mask (null entries take the input's size); null is the input's shape.</summary>
    public long?[]? noise_shape { get; }

    /// <summary>The seed given; null when the stream's seed came from Python's <c>random</c>.</summary>
    public long? seed => _noise.seed;

    /// <inheritdoc/>
    public override Tensor call(Tensor inputs, bool training = false)
    {
        if (!_noise.active(training)) return inputs;
        const double alpha_p = -Alpha * Scale;
        using var uniform = keras.random.uniform(RateCheck.concrete(noise_shape, inputs.shape), seed: _noise.seed_generator);
        using var kept = uniform.ge(rate).to_type(inputs.dtype);
        double a = Math.Pow((1 - rate) * (1 + rate * alpha_p * alpha_p), -0.5);
        double b = -a * alpha_p * rate;
        var x = inputs * kept + (1 - kept) * alpha_p;
        return x * a + b;
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["rate"] = rate;
        config["seed"] = seed;
        config["noise_shape"] = noise_shape;
        return config;
    }
}
