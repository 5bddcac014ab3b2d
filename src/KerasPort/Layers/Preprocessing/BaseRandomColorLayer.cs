using KerasPort.Backend;

namespace KerasPort.Layers;

/// <summary>
/// What Keras's random colour layers share: a <c>factor</c> checked against the layer's bounds, a <c>value_range</c>,
/// and a random stream; their configs hold all three (factor as its (lower, upper) pair).
/// </summary>
public abstract class BaseRandomColorLayer<TTransformation> : BaseImagePreprocessingLayer<TTransformation> where TTransformation : class
{
    private protected BaseRandomColorLayer(Factor factor, (double min, double max) bounds, double[]? value_range, long? seed,
        string? data_format, string? name, long[]? input_shape)
        : base(data_format, name, input_shape)
    {
        this.factor = set_factor(factor, bounds.min, bounds.max);
        this.value_range = ValueRange.check(value_range);
        this.seed = seed;
        generator = new SeedGenerator(seed);
    }

    /// <summary>The (lower, upper) range the layer draws its factor from.</summary>
    public (double lower, double upper) factor { get; }

    /// <summary>The range of the pixel values (sorted).</summary>
    public double[] value_range { get; }

    /// <summary>The seed given; null when the stream's seed came from Python's <c>random</c>.</summary>
    public long? seed { get; }

    /// <summary>The layer's random stream.</summary>
    public SeedGenerator generator { get; }

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["factor"] = new List<double> { factor.lower, factor.upper };
        config["value_range"] = ValueRange.config(value_range);
        config["seed"] = seed;
        return config;
    }
}
