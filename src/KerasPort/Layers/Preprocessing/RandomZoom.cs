using KerasPort.Backend;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>RandomZoom</c>: while training, zooms each image about its centre by factors drawn per image
/// (a positive factor zooms out, a negative one in); at inference it is the identity.
/// </summary>
/// <example><code>
/// model.add(new RandomZoom(0.1));                                 // ±10%, same on both axes
/// // Python: model.add(keras.layers.RandomZoom(0.1))
/// model.add(new RandomZoom((-0.3, -0.1), width_factor: (0.1, 0.3)));
/// // Python: model.add(keras.layers.RandomZoom((-0.3, -0.1), width_factor=(0.1, 0.3)))
/// </code></example>
public sealed class RandomZoom : BaseAffineAugmentationLayer
{
    private const string FactorError = "The `height_factor` and `width_factor` arguments should be a number (or a list of two numbers) in the range (-1.0, 1.0]. ";

    /// <param name="height_factor">Vertical zoom: f gives [−f, f], (lower, upper) itself; each in (−1, 1]. The image height is scaled by 1 + the drawn value.</param>
    /// <param name="width_factor">Horizontal zoom as <paramref name="height_factor"/>; null keeps the aspect ratio (the height's draw).</param>
    /// <param name="fill_mode">Points outside the image: <c>"reflect"</c> (default), <c>"wrap"</c>, <c>"constant"</c> or <c>"nearest"</c>.</param>
    /// <param name="interpolation"><c>"bilinear"</c> (default) or <c>"nearest"</c>.</param>
    /// <param name="seed">Seed of the layer's random stream; null takes one from Python's <c>random</c>.</param>
    /// <param name="fill_value">The fill of <c>"constant"</c> mode; 0 by default.</param>
    /// <param name="data_format"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="input_shape">The shape of one sample, to build at once.</param>
    public RandomZoom(Factor height_factor, Factor? width_factor = null, string fill_mode = "reflect", string interpolation = "bilinear",
        long? seed = null, double fill_value = 0.0, string? data_format = null, string? name = null, long[]? input_shape = null)
        : base(fill_mode, interpolation, fill_value, data_format, name, input_shape)
    {
        static bool in_range(double v) => v <= 1.0 && v > -1.0;
        height_range = set_named_factor(height_factor, nameof(height_factor), FactorError, in_range);
        if (width_factor is Factor w) width_range = set_named_factor(w, nameof(width_factor), FactorError, in_range);
        this.height_factor = height_factor;
        this.width_factor = width_factor;
        this.seed = seed;
        generator = new SeedGenerator(seed);
    }

    /// <summary>The vertical zoom's factor as given.</summary>
    public Factor height_factor { get; }

    /// <summary>The horizontal zoom's factor as given; null when the height's draw is used for both axes.</summary>
    public Factor? width_factor { get; }
    private (double lower, double upper) height_range { get; }
    private (double lower, double upper)? width_range { get; }

    /// <inheritdoc/>
    public override Tensor? get_random_transformation(Tensor data, bool training = true, SeedGenerator? seed = null)
    {
        if (!training) return null;
        var (height, width) = image_size(data);
        long n = batch_size(data);
        var height_zoom = keras.random.uniform([n, 1], 1.0 + height_range.lower, 1.0 + height_range.upper, seed: seed ?? generator);
        var width_zoom = width_range is var (lower, upper)
            ? keras.random.uniform([n, 1], 1.0 + lower, 1.0 + upper, seed: seed ?? generator)
            : height_zoom;
        using var zooms = cat([width_zoom, height_zoom], 1);
        if (!ReferenceEquals(width_zoom, height_zoom)) width_zoom.Dispose();
        height_zoom.Dispose();
        return AffineMatrices.zoom(zooms, height, width);
    }

    private protected override void add_factor_config(Dictionary<string, object?> config)
    {
        config["height_factor"] = height_factor.value;
        config["width_factor"] = width_factor?.value;
    }
}
