using KerasPort.Backend;

namespace KerasPort.Layers;

/// <summary>
/// The random stream of a dropout or noise layer: its rate (or stddev), already checked by the
/// layer (with <see cref="RateCheck"/>, before any other argument that can fail), and its seed.
/// The <see cref="SeedGenerator"/> exists only when the rate is positive, as Keras makes it only
/// then; an unseeded one takes its seed from Python's <c>random</c> at construction, as in Keras.
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

    /// <summary>The layer's SeedGenerator (Keras's <c>seed_generator</c>); only for an active layer.</summary>
    public SeedGenerator seed_generator => _seed_generator!;
}
