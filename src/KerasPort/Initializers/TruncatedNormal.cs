using TorchSharp;

namespace KerasPort.Initializers;

/// <summary>Normal draws kept within two standard deviations of <paramref name="mean"/> (Keras's <c>keras.initializers.TruncatedNormal</c>, drawn as its torch backend draws them).</summary>
/// <param name="mean">The mean of the distribution. Default 0.</param>
/// <param name="stddev">The standard deviation of the distribution before truncation. Default 0.05.</param>
/// <param name="seed">A seed for reproducible draws; null (default) draws one at construction from Python's <c>random</c>, which <c>keras.utils.set_random_seed</c> seeds.</param>
public sealed class TruncatedNormal(double mean = 0.0, double stddev = 0.05, long? seed = null) : RandomInitializer(seed)
{
    /// <summary>The mean of the distribution.</summary>
    public double mean { get; } = mean;
    /// <summary>The standard deviation of the distribution before truncation.</summary>
    public double stddev { get; } = stddev;

    /// <inheritdoc/>
    public override torch.Tensor call(long[] shape, torch.ScalarType dtype = torch.ScalarType.Float32) =>
        draw_truncated_normal(shape, mean, stddev, dtype);

    /// <inheritdoc/>
    public override IDictionary<string, object> get_config()
    {
        var config = seed_config();
        config["mean"] = mean;
        config["stddev"] = stddev;
        return config;
    }
}
