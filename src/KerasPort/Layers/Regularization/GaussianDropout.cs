using KerasPort.Backend;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>GaussianDropout</c>: multiplies by normal noise of mean 1 and standard deviation
/// <c>sqrt(rate / (1 - rate))</c> while training; the identity at inference.
/// </summary>
public sealed class GaussianDropout : Layer
{
    private readonly SeedGenerator? _seed_generator;

    /// <param name="rate">Drop probability, in [0, 1].</param>
    /// <param name="seed">Seed of the layer's random stream.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    public GaussianDropout(double rate, long? seed = null, string? name = null) : base(name)
    {
        this.rate = RateCheck.unit_interval(rate, nameof(rate));
        this.seed = seed;
        if (rate > 0) _seed_generator = new SeedGenerator(seed);
        build_at_init();
    }

    public double rate { get; }
    public long? seed { get; }

    public override Tensor call(Tensor inputs, bool training = false)
    {
        if (!training || rate <= 0) return inputs;
        double stddev = Math.Sqrt(rate / (1.0 - rate));
        using var noise = randn(inputs.shape, dtype: inputs.dtype, generator: _seed_generator!.generator);
        return inputs * (noise * stddev + 1.0);
    }

    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["rate"] = rate;
        config["seed"] = seed;
        return config;
    }
}
