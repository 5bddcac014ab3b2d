using TorchSharp;

namespace KerasPort.Initializers;

/// <summary>Normal draws kept within two standard deviations of <paramref name="mean"/> (Keras's torch scheme).</summary>
public sealed class TruncatedNormal(double mean = 0.0, double stddev = 0.05, long? seed = null) : RandomInitializer(seed)
{
    public double mean { get; } = mean;
    public double stddev { get; } = stddev;

    public override torch.Tensor call(long[] shape, torch.ScalarType dtype = torch.ScalarType.Float32) =>
        draw_truncated_normal(shape, mean, stddev, dtype);

    public override IDictionary<string, object> get_config()
    {
        var config = seed_config();
        config["mean"] = mean;
        config["stddev"] = stddev;
        return config;
    }
}
