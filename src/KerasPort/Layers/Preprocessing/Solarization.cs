using KerasPort.Backend;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>Solarization</c>: while training, adds a value drawn per image, clips to [0, 255], then inverts
/// every pixel at or above a threshold drawn per image (<c>255 − x</c>); at inference it is the identity.
/// </summary>
/// <example><code>new Solarization(addition_factor: 0.2, threshold_factor: 0.5, value_range: [0, 255])</code></example>
public sealed class Solarization : BaseImagePreprocessingLayer<Tensor[]>
{
    private const string FactorError = "The `addition_factor` and `threshold_factor` arguments should be a number (or a list of two numbers) in the range [0, 1]. ";

    /// <param name="addition_factor">The added value as a fraction of 255: f in [0, 1] gives [0, f·255); a pair [lower, upper·255). 0 by default.</param>
    /// <param name="threshold_factor">The threshold as a fraction of 255, drawn as <paramref name="addition_factor"/>. 0 by default.</param>
    /// <param name="value_range">The range of the pixel values, [0, 255] when null.</param>
    /// <param name="seed">Seed of the layer's random stream; null takes one from Python's <c>random</c>.</param>
    /// <param name="data_format"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="input_shape">The shape of one sample, to build at once.</param>
    public Solarization(Factor? addition_factor = null, Factor? threshold_factor = null, double[]? value_range = null,
        long? seed = null, string? data_format = null, string? name = null, long[]? input_shape = null)
        : base(data_format, name, input_shape)
    {
        this.addition_factor = solarization_factor(addition_factor ?? 0.0, nameof(addition_factor));
        this.threshold_factor = solarization_factor(threshold_factor ?? 0.0, nameof(threshold_factor));
        this.value_range = ValueRange.check(value_range);
        this.seed = seed;
        generator = new SeedGenerator(seed);
    }

    /// <summary>The (lower, upper) range of the added value, as a fraction of 255.</summary>
    public (double lower, double upper) addition_factor { get; }

    /// <summary>The (lower, upper) range of the threshold, as a fraction of 255.</summary>
    public (double lower, double upper) threshold_factor { get; }

    /// <summary>The range of the pixel values, sorted ([0, 255] unless given).</summary>
    public double[] value_range { get; }

    /// <summary>The seed given; null when the stream's seed came from Python's <c>random</c>.</summary>
    public long? seed { get; }

    /// <summary>The layer's random stream (Keras's <c>generator</c>).</summary>
    public SeedGenerator generator { get; }

    // A number f gives (0, f), unlike the other layers' (−f, f).
    private static (double, double) solarization_factor(Factor factor, string argument)
    {
        var (lower, upper) = set_named_factor(factor, argument, FactorError, v => v <= 1.0 && v >= 0);
        return factor.number is double f ? (0, f) : (lower, upper);
    }

    /// <summary>The additions and the thresholds of each image, each [N, 1, 1, 1].</summary>
    public override Tensor[]? get_random_transformation(Tensor data, bool training = true, SeedGenerator? seed = null)
    {
        if (!training) return null;
        long[] shape = [batch_size(data), 1, 1, 1];
        var additions = keras.random.uniform(shape, addition_factor.lower, addition_factor.upper * 255, seed: seed ?? generator);
        var thresholds = keras.random.uniform(shape, threshold_factor.lower, threshold_factor.upper * 255, seed: seed ?? generator);
        return [additions, thresholds];
    }

    /// <inheritdoc/>
    public override Tensor transform_images(Tensor images, Tensor[]? transformation, bool training = true)
    {
        var x = images.to_type(ScalarType.Float32);
        if (!training || transformation is null) return x;
        using var scope = NewDisposeScope();
        x = ValueRange.transform(x, value_range, [0, 255]);
        var results = (x + transformation[0]).clamp(0, 255);
        results = where(results < transformation[1], results, 255 - results);
        return ValueRange.transform(results, [0, 255], value_range).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["value_range"] = ValueRange.config(value_range);
        config["addition_factor"] = new List<double> { addition_factor.lower, addition_factor.upper };
        config["threshold_factor"] = new List<double> { threshold_factor.lower, threshold_factor.upper };
        config["seed"] = seed;
        return config;
    }
}
