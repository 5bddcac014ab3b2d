using KerasPort.Backend;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>Keras's <c>GaussianNoise</c>: adds zero-centred normal noise while training; the identity at inference.</summary>
public sealed class GaussianNoise : Layer
{
    private readonly SeedGenerator? _seed_generator;

    /// <param name="stddev">Standard deviation of the noise, in [0, 1].</param>
    /// <param name="seed">Seed of the layer's random stream.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    public GaussianNoise(double stddev, long? seed = null, string? name = null) : base(name)
    {
        this.stddev = RateCheck.unit_interval(stddev, nameof(stddev));
        this.seed = seed;
        if (stddev > 0) _seed_generator = new SeedGenerator(seed);
        build_at_init();
    }

    public double stddev { get; }
    public long? seed { get; }

    public override Tensor call(Tensor inputs, bool training = false)
    {
        if (!training || stddev <= 0) return inputs;
        using var noise = randn(inputs.shape, dtype: inputs.dtype, generator: _seed_generator!.generator);
        return inputs + noise * stddev;
    }

    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["stddev"] = stddev;
        config["seed"] = seed;
        return config;
    }
}
