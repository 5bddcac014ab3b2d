using KerasPort.Backend;
using KerasPort.Utils;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>RandomErasing</c>: while training, fills a random box of each image (its area a fraction of the image
/// drawn from <see cref="scale"/>) with <see cref="fill_value"/> or Gaussian noise, with a probability drawn per image;
/// at inference it is the identity.
/// </summary>
/// <example><code>new RandomErasing(factor: 0.5, scale: (0.02, 0.33))</code></example>
public sealed class RandomErasing : BaseRandomColorLayer<Tensor[]>
{
    /// <param name="factor">The probability of erasing: f in [0, 1] gives (0, f) from which it is drawn; or a pair. 1 by default.</param>
    /// <param name="scale">The (lower, upper) fraction of each side's square that the box takes, in [0, 1]; (0.02, 0.33) by default.</param>
    /// <param name="fill_value">One number or three (one per channel); null fills with <c>normal · value_range[1]</c> noise.</param>
    /// <param name="value_range">The range of the pixel values, [0, 255] when null; the fill is clipped to it.</param>
    /// <param name="seed">Seed of the layer's random stream; null takes one from Python's <c>random</c>.</param>
    /// <param name="data_format"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="input_shape">The shape of one sample, to build at once.</param>
    public RandomErasing(Factor? factor = null, Factor? scale = null, double[]? fill_value = null, double[]? value_range = null,
        long? seed = null, string? data_format = null, string? name = null, long[]? input_shape = null)
        : base(factor ?? 1.0, (0, 1), value_range, seed, data_format, name, input_shape)
    {
        var s = scale ?? (0.02, 0.33);
        try
        {
            this.scale = set_factor(s, 0, 1, nameof(scale));
        }
        catch (ArgumentException)
        {
            throw new ArgumentException($"The `scale` argument should be a number (or a list of two numbers) in the range [0, 1]. Received: factor={s}", nameof(scale));
        }
        if (fill_value is not null && fill_value.Length is not (1 or 3))
            throw new ArgumentException($"The `fill_value` argument should be a number (or a list of three numbers) Received: fill_value=[{string.Join(", ", fill_value.Select(PythonFormat.repr))}]", nameof(fill_value));
        this.fill_value = fill_value;
    }

    /// <summary>The (lower, upper) range of the box's size as a fraction of the image.</summary>
    public (double lower, double upper) scale { get; }

    /// <summary>The fill (one number or one per channel); null fills with Gaussian noise.</summary>
    public double[]? fill_value { get; }

    /// <summary>Whether each image is erased [N], the box masks and the fill (both the images' shape).</summary>
    public override Tensor[]? get_random_transformation(Tensor data, bool training = true, SeedGenerator? seed = null)
    {
        if (!training) return null;
        var stream = seed ?? generator;
        using var scope = NewDisposeScope();
        long[] shape = data.dim() == 4 ? data.shape : [1, .. data.shape];
        long n = shape[0];
        var (height, width) = image_size(data);
        var mix_weight = keras.random.uniform([n, 2], scale.lower, scale.upper, seed: stream).sqrt();
        var (x0, x1) = BoxMasks.crop_bounds(n, width, mix_weight[.., 0], stream);
        var (y0, y1) = BoxMasks.crop_bounds(n, height, mix_weight[.., 1], stream);
        var masks = BoxMasks.mask(shape, data_format, x0, x1, y0, y1);
        var probability = keras.random.uniform([n], factor.lower, factor.upper, seed: stream);
        var threshold = keras.random.uniform([n], 0.0, 1.0, seed: stream);
        var apply = threshold < probability;
        // Keras draws the noise with the shape of the data as given (one image: no batch axis).
        var fill = fill_value switch
        {
            null => keras.random.normal(data.shape, seed: stream) * value_range[1],
            { Length: 1 } v => full(data.shape, v[0], ScalarType.Float32),
            var v => tensor(v.Select(f => (float)f).ToArray()).expand(data.shape).clone(),
        };
        fill = fill.clamp(value_range[0], value_range[1]);
        return [apply.MoveToOuterDisposeScope(), masks.MoveToOuterDisposeScope(), fill.MoveToOuterDisposeScope()];
    }

    /// <inheritdoc/>
    public override Tensor transform_images(Tensor images, Tensor[]? transformation, bool training = true)
    {
        var x = images.to_type(ScalarType.Float32);
        if (!training || transformation is null) return x;
        using var scope = NewDisposeScope();
        var erased = where(transformation[1], transformation[2], x);
        return where(transformation[0].reshape(-1, 1, 1, 1), erased, x).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["scale"] = new List<double> { scale.lower, scale.upper };
        config["fill_value"] = fill_value?.ToList();
        return config;
    }
}
