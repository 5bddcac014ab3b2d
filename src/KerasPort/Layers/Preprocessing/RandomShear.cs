using KerasPort.Backend;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>RandomShear</c>: while training, shears each image along x and y by factors drawn per image,
/// with a random sign; at inference it is the identity.
/// </summary>
/// <example><code>new RandomShear(x_factor: 0.2, y_factor: 0.1)</code></example>
public sealed class RandomShear : BaseAffineAugmentationLayer
{
    private const string FactorError = "The `factor` argument should be a number (or a list of two numbers) in the range [0, 1.0]. ";

    /// <param name="x_factor">Horizontal shear: f gives [−f, f], (lower, upper) itself; each in [0, 1]. 0 (default) shears nothing.</param>
    /// <param name="y_factor">Vertical shear, as <paramref name="x_factor"/>.</param>
    /// <param name="interpolation"><c>"bilinear"</c> (default) or <c>"nearest"</c>.</param>
    /// <param name="fill_mode">Points outside the image: <c>"reflect"</c> (default), <c>"wrap"</c>, <c>"constant"</c> or <c>"nearest"</c>.</param>
    /// <param name="fill_value">The fill of <c>"constant"</c> mode; 0 by default.</param>
    /// <param name="data_format"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
    /// <param name="seed">Seed of the layer's random stream; null takes one from Python's <c>random</c>.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="input_shape">The shape of one sample, to build at once.</param>
    public RandomShear(Factor? x_factor = null, Factor? y_factor = null, string interpolation = "bilinear", string fill_mode = "reflect",
        double fill_value = 0.0, string? data_format = null, long? seed = null, string? name = null, long[]? input_shape = null)
        : base(fill_mode, interpolation, fill_value, data_format, name, input_shape)
    {
        static bool in_range(double v) => v <= 1.0 && v >= 0.0;
        this.x_factor = set_named_factor(x_factor ?? 0.0, nameof(x_factor), FactorError, in_range);
        this.y_factor = set_named_factor(y_factor ?? 0.0, nameof(y_factor), FactorError, in_range);
        this.seed = seed;
        generator = new SeedGenerator(seed);
    }

    /// <summary>The (lower, upper) horizontal shear.</summary>
    public (double lower, double upper) x_factor { get; }

    /// <summary>The (lower, upper) vertical shear.</summary>
    public (double lower, double upper) y_factor { get; }

    /// <inheritdoc/>
    public override Tensor? get_random_transformation(Tensor data, bool training = true, SeedGenerator? seed = null)
    {
        if (!training) return null;
        long n = batch_size(data);
        using var scope = NewDisposeScope();
        var invert = keras.random.uniform([n, 1], 0, 1, seed: seed ?? generator);
        invert = where(invert > 0.5, -ones_like(invert), ones_like(invert));
        var shear_y = keras.random.uniform([n, 1], y_factor.lower, y_factor.upper, seed: seed ?? generator);
        var shear_x = keras.random.uniform([n, 1], x_factor.lower, x_factor.upper, seed: seed ?? generator);
        var factors = cat([shear_x, shear_y], 1) * invert;
        return AffineMatrices.shear(factors).MoveToOuterDisposeScope();
    }

    private protected override void add_factor_config(Dictionary<string, object?> config)
    {
        config["x_factor"] = new List<double> { x_factor.lower, x_factor.upper };
        config["y_factor"] = new List<double> { y_factor.lower, y_factor.upper };
    }
}
