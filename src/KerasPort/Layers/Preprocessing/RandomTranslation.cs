using KerasPort.Backend;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>RandomTranslation</c>: while training, shifts each image by fractions of its height and width
/// drawn per image; at inference it is the identity.
/// </summary>
/// <example><code>
/// model.add(new RandomTranslation(0.2, 0.1));
/// // Python: model.add(keras.layers.RandomTranslation(0.2, 0.1))
/// </code></example>
public sealed class RandomTranslation : BaseAffineAugmentationLayer
{
    private const string FactorError = "The `factor` argument should be a number (or a list of two numbers) in the range [-1.0, 1.0]. ";

    /// <param name="height_factor">Vertical shift as a fraction of the height: f gives [−f, f], (lower, upper) itself; each in [−1, 1].</param>
    /// <param name="width_factor">Horizontal shift as a fraction of the width, as <paramref name="height_factor"/>.</param>
    /// <param name="fill_mode">Points outside the image: <c>"reflect"</c> (default), <c>"wrap"</c>, <c>"constant"</c> or <c>"nearest"</c>.</param>
    /// <param name="interpolation"><c>"bilinear"</c> (default) or <c>"nearest"</c>.</param>
    /// <param name="seed">Seed of the layer's random stream; null takes one from Python's <c>random</c>.</param>
    /// <param name="fill_value">The fill of <c>"constant"</c> mode; 0 by default.</param>
    /// <param name="data_format"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="input_shape">The shape of one sample, to build at once.</param>
    public RandomTranslation(Factor height_factor, Factor width_factor, string fill_mode = "reflect", string interpolation = "bilinear",
        long? seed = null, double fill_value = 0.0, string? data_format = null, string? name = null, long[]? input_shape = null)
        : base(fill_mode, interpolation, fill_value, data_format, name, input_shape)
    {
        static bool in_range(double v) => v <= 1.0 && v >= -1.0;
        height_range = set_named_factor(height_factor, nameof(height_factor), FactorError, in_range);
        width_range = set_named_factor(width_factor, nameof(width_factor), FactorError, in_range);
        this.height_factor = height_factor;
        this.width_factor = width_factor;
        this.seed = seed;
        generator = new SeedGenerator(seed);
    }

    /// <summary>The vertical shift's factor as given (a fraction of the height).</summary>
    public Factor height_factor { get; }

    /// <summary>The horizontal shift's factor as given (a fraction of the width).</summary>
    public Factor width_factor { get; }
    private (double lower, double upper) height_range { get; }
    private (double lower, double upper) width_range { get; }

    /// <inheritdoc/>
    public override Tensor? get_random_transformation(Tensor data, bool training = true, SeedGenerator? seed = null)
    {
        if (!training) return null;
        var (height, width) = image_size(data);
        long n = batch_size(data);
        using var scope = NewDisposeScope();
        var height_translate = keras.random.uniform([n, 1], height_range.lower, height_range.upper, seed: seed ?? generator) * height;
        var width_translate = keras.random.uniform([n, 1], width_range.lower, width_range.upper, seed: seed ?? generator) * width;
        return AffineMatrices.translation(cat([width_translate, height_translate], 1)).MoveToOuterDisposeScope();
    }

    private protected override void add_factor_config(Dictionary<string, object?> config)
    {
        config["height_factor"] = height_factor.value;
        config["width_factor"] = width_factor.value;
    }
}
