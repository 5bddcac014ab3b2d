using TorchSharp;

namespace KerasPort.Backend;

/// <summary>
/// Keras's <c>SeedGenerator</c>: the random stream of one layer. With a seed, the same seed
/// gives the same sequence of draws; without one, its seed is drawn from torch's global
/// generator, so <c>torch.manual_seed</c> (and <c>keras.utils.set_random_seed</c>) makes it
/// reproducible too.
/// </summary>
public sealed class SeedGenerator
{
    /// <summary>The torch generator that every draw of this stream uses.</summary>
    public torch.Generator generator { get; }

    /// <summary>The seed given, or null when it came from the global generator.</summary>
    public long? seed { get; }

    public SeedGenerator(long? seed = null)
    {
        this.seed = seed;
        long s = seed ?? torch.randint(0, int.MaxValue, [1], dtype: torch.int64).item<long>();
        generator = new torch.Generator((ulong)s);
    }
}
