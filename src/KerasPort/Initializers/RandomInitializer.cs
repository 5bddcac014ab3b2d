using TorchSharp;

namespace KerasPort.Initializers;

/// <summary>
/// Base of the random initializers. With a <see cref="seed"/>, every call draws from a fresh
/// torch generator seeded with it (as Keras's torch backend does for an integer seed), so the
/// same seed gives the same tensor; without one, draws come from torch's global generator,
/// which <c>keras.utils.set_random_seed</c> seeds.
/// </summary>
public abstract class RandomInitializer : Initializer
{
    protected RandomInitializer(long? seed)
    {
        this.seed = seed;
    }

    /// <summary>The seed given to the constructor; null draws from the global generator.</summary>
    public long? seed { get; }

    /// <summary>A generator for one call (the caller disposes it), or null for the global one.</summary>
    protected torch.Generator? make_generator() =>
        // Keras's torch backend seeds with the low 32 bits of the seed.
        seed is long s ? new torch.Generator((ulong)(s & 0xFFFFFFFFL), torch.CPU) : null;

    /// <summary>N(mean, stddev) draws, as <c>torch.normal(mean, stddev, size, generator)</c>.</summary>
    protected torch.Tensor draw_normal(long[] shape, double mean, double stddev, torch.ScalarType dtype)
    {
        using var generator = make_generator();
        return torch.empty(shape, dtype).normal_(mean, stddev, generator);
    }

    /// <summary>U[minval, maxval) draws, as Keras: <c>(maxval - minval) * rand + minval</c>.</summary>
    protected torch.Tensor draw_uniform(long[] shape, double minval, double maxval, torch.ScalarType dtype)
    {
        using var generator = make_generator();
        // Explicit scalars, alive until the native calls return: an implicit one can be finalized
        // by a concurrent garbage collection while libtorch still reads it (TorchSharp 0.107).
        using var range = (maxval - minval).ToScalar();
        using var low = minval.ToScalar();
        using var alpha = 1.ToScalar();
        using var r = torch.rand(shape, dtype, generator: generator);
        using var scaled = r.mul(range);
        return scaled.add(low, alpha);
    }

    /// <summary>
    /// Keras's torch truncated normal: four standard-normal draws per element, the first inside
    /// (-2, 2) is kept (the first draw if none is), then scaled by stddev and shifted by mean.
    /// </summary>
    protected torch.Tensor draw_truncated_normal(long[] shape, double mean, double stddev, torch.ScalarType dtype)
    {
        using var scope = torch.NewDisposeScope();
        using var generator = make_generator();
        var x = torch.empty([.. shape, 4], dtype).normal_(0.0, 1.0, generator);
        var valid = (x > -2) & (x < 2);
        var index = valid.to_type(torch.ScalarType.Byte).argmax(-1, keepdim: true);
        var picked = x.gather(-1, index).squeeze(-1);
        return picked.mul_(stddev).add_(mean).MoveToOuterDisposeScope();
    }

    /// <summary>The <c>seed</c> entry of Keras's config (null when none was given).</summary>
    protected Dictionary<string, object> seed_config() => new() { ["seed"] = seed! };
}
