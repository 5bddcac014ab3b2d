using TorchSharp;

namespace KerasPort.Initializers;

/// <summary>Draws from the uniform distribution U[<paramref name="minval"/>, <paramref name="maxval"/>) (Keras's <c>keras.initializers.RandomUniform</c>).</summary>
/// <param name="minval">The lower bound (inclusive). Default -0.05.</param>
/// <param name="maxval">The upper bound (exclusive). Default 0.05.</param>
/// <param name="seed">A seed for reproducible draws; null (default) draws one at construction from Python's <c>random</c>, which <c>keras.utils.set_random_seed</c> seeds.</param>
public sealed class RandomUniform(double minval = -0.05, double maxval = 0.05, long? seed = null) : RandomInitializer(seed)
{
    /// <summary>The lower bound (inclusive).</summary>
    public double minval { get; } = minval;
    /// <summary>The upper bound (exclusive).</summary>
    public double maxval { get; } = maxval;

    /// <inheritdoc/>
    public override torch.Tensor call(long[] shape, torch.ScalarType dtype = torch.ScalarType.Float32) =>
        draw_uniform(shape, minval, maxval, dtype);

    /// <inheritdoc/>
    public override IDictionary<string, object> get_config()
    {
        var config = seed_config();
        config["minval"] = minval;
        config["maxval"] = maxval;
        return config;
    }
}
