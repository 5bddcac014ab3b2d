using KerasPort.Backend;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// The random stream of a dropout or noise layer: its rate (or stddev), already checked by the
/// layer (with <see cref="RateCheck"/>, before any other argument that can fail), and its seed. The generator exists only when the rate is positive, as Keras makes its
/// SeedGenerator only then (an unseeded one draws from the global stream).
/// </summary>
internal sealed class NoiseSource
{
    private readonly SeedGenerator? _seed_generator;

    public NoiseSource(double rate, long? seed)
    {
        this.rate = rate;
        this.seed = seed;
        if (rate > 0) _seed_generator = new SeedGenerator(seed);
    }

    public double rate { get; }
    public long? seed { get; }

    /// <summary>Whether the layer draws noise: while training, with a positive rate.</summary>
    public bool active(bool training) => training && rate > 0;

    /// <summary>The generator of the layer's draws; only for an active layer.</summary>
    public Generator generator => _seed_generator!.generator;
}
