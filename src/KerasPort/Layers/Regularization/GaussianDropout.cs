using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>GaussianDropout</c>: multiplies by normal noise of mean 1 and standard deviation
/// <c>sqrt(rate / (1 - rate))</c> while training; the identity at inference.
/// </summary>
/// <example><code>
/// model.add(new GaussianDropout(0.2));
/// // Python: model.add(keras.layers.GaussianDropout(0.2))
/// </code></example>
public sealed class GaussianDropout : Layer
{
    private readonly NoiseSource _noise;

    /// <param name="rate">Drop probability, in [0, 1].</param>
    /// <param name="seed">Seed of the layer's random stream; null (the default) takes one from Python's <c>random</c>.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="input_shape">Shape of one sample, to start a Sequential with this layer.</param>
    public GaussianDropout(double rate, long? seed = null, string? name = null, long[]? input_shape = null)
        : base(name, input_shape: input_shape)
    {
        _noise = new NoiseSource(RateCheck.unit_interval(rate, nameof(rate)), seed);
        build_at_init();
    }

    /// <summary>The drop probability that sets the noise's standard deviation, <c>sqrt(rate / (1 - rate))</c>.</summary>
    public double rate => _noise.rate;

    /// <summary>The seed given; null when the stream's seed came from Python's <c>random</c>.</summary>
    public long? seed => _noise.seed;

    /// <inheritdoc/>
    public override Tensor call(Tensor inputs, bool training = false)
    {
        if (!_noise.active(training)) return inputs;
        double stddev = Math.Sqrt(rate / (1.0 - rate));
        using var noise = keras.random.normal(inputs.shape, 1.0, stddev, inputs.dtype, _noise.seed_generator);
        return inputs * noise;
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["rate"] = rate;
        config["seed"] = seed;
        return config;
    }
}
