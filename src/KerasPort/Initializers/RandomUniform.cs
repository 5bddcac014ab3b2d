using TorchSharp;

namespace KerasPort.Initializers;

/// <summary>Draws from U[<paramref name="minval"/>, <paramref name="maxval"/>).</summary>
public sealed class RandomUniform(double minval = -0.05, double maxval = 0.05, long? seed = null) : RandomInitializer(seed)
{
    public double minval { get; } = minval;
    public double maxval { get; } = maxval;

    public override torch.Tensor call(long[] shape, torch.ScalarType dtype = torch.ScalarType.Float32) =>
        draw_uniform(shape, minval, maxval, dtype);

    public override IDictionary<string, object> get_config()
    {
        var config = seed_config();
        config["minval"] = minval;
        config["maxval"] = maxval;
        return config;
    }
}
