using KerasPort.Backend;

namespace KerasPort.Random;

/// <summary>
/// The <c>seed</c> argument of Keras's random functions: an integer (the same draw every call) or
/// a <see cref="SeedGenerator"/> (a new draw each call). Both convert implicitly, so
/// <c>seed: 42</c> and <c>seed: generator</c> read as in Python; a null seed means Keras's global
/// SeedGenerator.
/// </summary>
public readonly struct RandomSeed
{
    private RandomSeed(long? value, SeedGenerator? generator)
    {
        this.value = value;
        this.generator = generator;
    }

    /// <summary>The integer seed, or null when this is a <see cref="SeedGenerator"/>.</summary>
    public long? value { get; }

    /// <summary>The seed generator, or null when this is an integer seed.</summary>
    public SeedGenerator? generator { get; }

    /// <summary><c>seed: 42</c>: the same draw every call with this seed.</summary>
    public static implicit operator RandomSeed(long seed) => new(seed, null);

    /// <summary><c>seed: 42</c>: the same draw every call with this seed.</summary>
    public static implicit operator RandomSeed(int seed) => new(seed, null);

    /// <summary><c>seed: generator</c>: a new draw each call, from the generator's state.</summary>
    public static implicit operator RandomSeed(SeedGenerator generator) =>
        new(null, generator ?? throw new ArgumentNullException(nameof(generator)));

    /// <summary>An integer seed, or null (the global stream) for null.</summary>
    // A bare null here would convert through the SeedGenerator operator and throw.
    public static RandomSeed? from(long? seed) => seed is long s ? new RandomSeed(s, null) : default(RandomSeed?);

    /// <summary>The integer, or <c>SeedGenerator(name)</c>.</summary>
    public override string ToString() => generator is not null ? $"SeedGenerator({generator.name})" : value!.Value.ToString();
}
