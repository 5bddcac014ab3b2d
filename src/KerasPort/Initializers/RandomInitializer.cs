using KerasPort.Backend;
using TorchSharp;

namespace KerasPort.Initializers;

/// <summary>
/// Base of the random initializers, seeded as Keras's: without a <see cref="seed"/>, one is drawn
/// at construction from Python's <c>random</c> (<c>randint(1, 10**9)</c>, which
/// <c>keras.utils.set_random_seed</c> seeds), so the order in which initializers are built decides
/// their draws, as in Keras. Every call draws from a fresh torch generator seeded with that seed
/// (counter 0, as Keras's torch backend does for an integer seed): an initializer gives the same
/// tensor each time it is called.
/// </summary>
public abstract class RandomInitializer : Initializer
{
    /// <summary>Keeps <paramref name="seed"/>, or draws one from Python's <c>random</c> as Keras does.</summary>
    /// <param name="seed">A seed for reproducible draws; null (default) draws one at construction from Python's <c>random</c>, which <c>keras.utils.set_random_seed</c> seeds.</param>
    protected RandomInitializer(long? seed)
    {
        this.seed = seed;
        draw_seed = seed ?? SeedGenerator.make_default_seed();
    }

    /// <summary>The seed given to the constructor; null when it was drawn from Python's <c>random</c>.</summary>
    public long? seed { get; }

    /// <summary>The seed every call draws with: the one given, or the one drawn at construction.</summary>
    public long draw_seed { get; }

    /// <summary>N(mean, stddev) draws, as Keras's <c>random.normal</c>.</summary>
    protected torch.Tensor draw_normal(long[] shape, double mean, double stddev, torch.ScalarType dtype) =>
        keras.random.normal(shape, mean, stddev, dtype, draw_seed);

    /// <summary>U[minval, maxval) draws, as Keras's <c>random.uniform</c>.</summary>
    protected torch.Tensor draw_uniform(long[] shape, double minval, double maxval, torch.ScalarType dtype) =>
        keras.random.uniform(shape, minval, maxval, dtype, draw_seed);

    /// <summary>Keras's torch truncated normal (<c>random.truncated_normal</c>).</summary>
    protected torch.Tensor draw_truncated_normal(long[] shape, double mean, double stddev, torch.ScalarType dtype) =>
        keras.random.truncated_normal(shape, mean, stddev, dtype, draw_seed);

    /// <summary>The <c>seed</c> entry of Keras's config (null when none was given).</summary>
    protected Dictionary<string, object> seed_config() => new() { ["seed"] = seed! };
}
