using KerasPort.Backend;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>RandomColorJitter</c>: while training, applies RandomBrightness, RandomContrast, RandomSaturation and
/// RandomHue in that order (each only when its factor is given), all drawing from this layer's stream; at inference
/// it is the identity.
/// </summary>
/// <example><code>new RandomColorJitter(value_range: [0, 255], brightness_factor: 0.2, contrast_factor: 0.3)</code></example>
public sealed class RandomColorJitter : BaseImagePreprocessingLayer<object>
{
    private readonly RandomBrightness? _brightness;
    private readonly RandomContrast? _contrast;
    private readonly RandomSaturation? _saturation;
    private readonly RandomHue? _hue;

    /// <param name="value_range">The range of the pixel values, [0, 255] when null.</param>
    /// <param name="brightness_factor">RandomBrightness's factor; null skips it.</param>
    /// <param name="contrast_factor">RandomContrast's factor; null skips it.</param>
    /// <param name="saturation_factor">RandomSaturation's factor; null skips it.</param>
    /// <param name="hue_factor">RandomHue's factor; null skips it.</param>
    /// <param name="seed">Seed of the layer's random stream; null takes one from Python's <c>random</c>.</param>
    /// <param name="data_format"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="input_shape">The shape of one sample, to build at once.</param>
    public RandomColorJitter(double[]? value_range = null, Factor? brightness_factor = null, Factor? contrast_factor = null,
        Factor? saturation_factor = null, Factor? hue_factor = null, long? seed = null, string? data_format = null,
        string? name = null, long[]? input_shape = null)
        : base(data_format, name, input_shape)
    {
        this.value_range = ValueRange.check(value_range);
        this.brightness_factor = brightness_factor;
        this.contrast_factor = contrast_factor;
        this.saturation_factor = saturation_factor;
        this.hue_factor = hue_factor;
        this.seed = seed;
        // Keras makes its own stream first, then each inner layer's (each from Python's random when unseeded).
        generator = new SeedGenerator(seed);
        // Keras leaves the inner layers at the default data format; they get this layer's, so channels_first works.
        if (brightness_factor is Factor b) _brightness = new RandomBrightness(b, this.value_range, seed, data_format);
        if (contrast_factor is Factor c) _contrast = new RandomContrast(c, this.value_range, seed, data_format);
        if (saturation_factor is Factor s) _saturation = new RandomSaturation(s, this.value_range, data_format, seed);
        if (hue_factor is Factor h) _hue = new RandomHue(h, this.value_range, data_format, seed);
    }

    /// <summary>The range of the pixel values, sorted ([0, 255] unless given).</summary>
    public double[] value_range { get; }

    /// <summary>RandomBrightness's factor as given; null when brightness is not jittered.</summary>
    public Factor? brightness_factor { get; }

    /// <summary>RandomContrast's factor as given; null when contrast is not jittered.</summary>
    public Factor? contrast_factor { get; }

    /// <summary>RandomSaturation's factor as given; null when saturation is not jittered.</summary>
    public Factor? saturation_factor { get; }

    /// <summary>RandomHue's factor as given; null when hue is not jittered.</summary>
    public Factor? hue_factor { get; }

    /// <summary>The seed given; null when the stream's seed came from Python's <c>random</c>.</summary>
    public long? seed { get; }

    /// <summary>The layer's random stream, shared by the four sub-layers' draws.</summary>
    public SeedGenerator generator { get; }

    /// <inheritdoc/>
    public override Tensor transform_images(Tensor images, object? transformation, bool training = true)
    {
        if (!training) return images;
        using var scope = NewDisposeScope();
        var x = images.to_type(ScalarType.Float32);
        if (_brightness is not null) x = _brightness.transform_images(x, _brightness.get_random_transformation(x, seed: generator));
        if (_contrast is not null) x = _contrast.transform_images(x, _contrast.get_random_transformation(x, seed: generator));
        if (_saturation is not null) x = _saturation.transform_images(x, _saturation.get_random_transformation(x, seed: generator));
        if (_hue is not null) x = _hue.transform_images(x, _hue.get_random_transformation(x, seed: generator));
        return x.MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["value_range"] = ValueRange.config(value_range);
        config["brightness_factor"] = brightness_factor?.value;
        config["contrast_factor"] = contrast_factor?.value;
        config["saturation_factor"] = saturation_factor?.value;
        config["hue_factor"] = hue_factor?.value;
        config["seed"] = seed;
        return config;
    }
}
