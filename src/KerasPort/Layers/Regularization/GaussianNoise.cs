using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>Keras's <c>GaussianNoise</c>: adds zero-centred normal noise while training; the identity at inference.</summary>
/// <example><code>
/// model.add(new GaussianNoise(0.1, seed: 7));
/// // Python: model.add(keras.layers.GaussianNoise(0.1, seed=7))
/// </code></example>
public sealed class GaussianNoise : Layer
{
    private readonly NoiseSource _noise;

    /// <param name="stddev">Standard deviation of the noise, in [0, 1].</param>
    /// <param name="seed">Seed of the layer's random stream; null (the default) takes one from Python's <c>random</c>.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="input_shape">Shape of one sample, to start a Sequential with this layer.</param>
    public GaussianNoise(double stddev, long? seed = null, string? name = null, long[]? input_shape = null)
        : base(name, input_shape: input_shape)
    {
        _noise = new NoiseSource(RateCheck.unit_interval(stddev, nameof(stddev)), seed);
        build_at_init();
    }

    /// <summary>The standard deviation of the added noise.</summary>
    public double stddev => _noise.rate;

    /// <summary>The seed given; null when the stream's seed came from Python's <c>random</c>.</summary>
    public long? seed => _noise.seed;

    /// <inheritdoc/>
    public override Tensor call(Tensor inputs, bool training = false)
    {
        if (!_noise.active(training)) return inputs;
        using var noise = keras.random.normal(inputs.shape, 0.0, stddev, inputs.dtype, _noise.seed_generator);
        return inputs + noise;
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["stddev"] = stddev;
        config["seed"] = seed;
        return config;
    }
}
