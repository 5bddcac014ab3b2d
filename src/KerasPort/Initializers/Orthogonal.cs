using KerasPort.Utils;
using TorchSharp;

namespace KerasPort.Initializers;

    /// <summary>
    /// A (semi-)orthogonal matrix times <paramref name="gain"/> (Keras's <c>keras.initializers.Orthogonal</c>):
    /// the Q of the QR decomposition of a standard-normal draw, its columns' signs fixed by R's diagonal,
    /// reshaped to the requested shape (all leading dimensions count as rows).
    /// </summary>
    /// <param name="gain">The factor on the orthogonal matrix. Default 1.0.</param>
    /// <param name="seed">A seed for reproducible draws; null (default) draws one at construction from Python's <c>random</c>, which <c>keras.utils.set_random_seed</c> seeds.</param>
public sealed class Orthogonal(double gain = 1.0, long? seed = null) : RandomInitializer(seed)
{
    /// <summary>The factor on the orthogonal matrix.</summary>
    public double gain { get; } = gain;

    /// <inheritdoc/>
    public override torch.Tensor call(long[] shape, torch.ScalarType dtype = torch.ScalarType.Float32)
    {
        if (shape.Length < 2)
            throw new ArgumentException(
                $"The tensor to initialize must be at least two-dimensional. Received: shape={PythonFormat.tuple(shape)} of rank {shape.Length}.",
                nameof(shape));
        using var scope = torch.NewDisposeScope();
        long num_rows = shape[..^1].Aggregate(1L, (acc, d) => acc * d);
        long num_cols = shape[^1];
        var a = draw_normal([Math.Max(num_cols, num_rows), Math.Min(num_cols, num_rows)], 0.0, 1.0, dtype);
        var (q, r) = torch.linalg.qr(a);
        q = q * r.diagonal().sign();
        if (num_rows < num_cols) q = q.t();
        return (q.reshape(shape) * gain).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override IDictionary<string, object> get_config()
    {
        var config = seed_config();
        config["gain"] = gain;
        return config;
    }
}
