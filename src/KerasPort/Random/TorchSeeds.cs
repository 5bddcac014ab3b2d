using KerasPort.Backend;
using TorchSharp;

namespace KerasPort.Random;

/// <summary>
/// How Keras's torch backend turns a <c>seed</c> argument into a torch generator for one draw
/// (<c>draw_seed</c> and <c>torch_seed_generator</c>), for code that needs the generator itself.
/// </summary>
public static class TorchSeeds
{
    /// <summary>
    /// Keras's <c>draw_seed</c>: an integer seed gives <c>[seed as int32, 0]</c> every time; a
    /// <see cref="SeedGenerator"/> gives its state and advances its counter; null takes the global
    /// SeedGenerator's state and scrambles it (<c>next(ordered=False)</c>).
    /// </summary>
    public static (long first, long second) draw_seed(RandomSeed? seed)
    {
        if (seed is not RandomSeed s)
        {
            var state = SeedGenerator.global_seed_generator().next(ordered: false);
            return (state[0], state[1]);
        }
        if (s.generator is SeedGenerator generator)
        {
            var state = generator.next();
            return (state[0], state[1]);
        }
        // The bits of the low 32 bits, read as an int32 (Keras's seed dtype on torch).
        return ((int)(uint)(s.value!.Value & 0xFFFFFFFFL), 0);
    }

    /// <summary>
    /// Keras's <c>torch_seed_generator</c>: a fresh torch generator seeded with
    /// <c>(first + second) &amp; 0xFFFFFFFF</c> of <see cref="draw_seed"/>, on the current device
    /// (<c>keras.device</c>). The caller disposes it.
    /// </summary>
    public static torch.Generator torch_seed_generator(RandomSeed? seed)
    {
        var (first, second) = draw_seed(seed);
        return new torch.Generator((ulong)((first + second) & 0xFFFFFFFFL), Devices.current());
    }
}
