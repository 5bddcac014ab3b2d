using KerasPort.Backend;
using KerasPort.Utils;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>RandomElasticTransform</c>: while training, displaces each image's pixels by a smoothed random field
/// (strength drawn from <see cref="scale"/> for the batch) with a probability drawn per image, clipped to
/// <see cref="BaseRandomColorLayer{T}.value_range"/>; at inference it is the identity. As Keras on a CPU, the field's
/// noise comes from torch's global generator (seeded by <c>keras.utils.set_random_seed</c>).
/// </summary>
/// <example><code>new RandomElasticTransform(factor: 0.5, scale: 0.3)</code></example>
public sealed class RandomElasticTransform : BaseRandomColorLayer<Tensor[]>
{
    /// <param name="factor">The probability of distorting: f in [0, 1] gives (0, f) from which it is drawn; or a pair. 1 by default.</param>
    /// <param name="scale">The distortion's strength: s in [0, 1] gives (0, s); or a pair. 1 by default.</param>
    /// <param name="interpolation"><c>"bilinear"</c> (default) or <c>"nearest"</c>.</param>
    /// <param name="fill_mode"><c>"reflect"</c> (default), <c>"constant"</c>, <c>"nearest"</c>, <c>"wrap"</c> or <c>"mirror"</c>.</param>
    /// <param name="fill_value">The fill of <c>"constant"</c> mode; 0 by default.</param>
    /// <param name="value_range">The range of the pixel values, [0, 255] when null; the output is clipped to it.</param>
    /// <param name="seed">Seed of the layer's random stream; null takes one from Python's <c>random</c>.</param>
    /// <param name="data_format"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="input_shape">The shape of one sample, to build at once.</param>
    public RandomElasticTransform(Factor? factor = null, Factor? scale = null, string interpolation = "bilinear", string fill_mode = "reflect",
        double fill_value = 0.0, double[]? value_range = null, long? seed = null, string? data_format = null, string? name = null,
        long[]? input_shape = null)
        : base(factor ?? 1.0, (0, 1), value_range, seed, data_format, name, input_shape)
    {
        var s = scale ?? 1.0;
        try
        {
            this.scale = set_factor(s, 0, 1, nameof(scale));
        }
        catch (ArgumentException)
        {
            throw new ArgumentException($"The `scale` argument should be a number (or a list of two numbers) in the range [0, 1]. Received: factor={s}", nameof(scale));
        }
        if (interpolation is not ("nearest" or "bilinear"))
            throw new ArgumentException($"Unknown `interpolation` {interpolation}. Expected of one ('nearest', 'bilinear').", nameof(interpolation));
        if (fill_mode is not ("constant" or "nearest" or "wrap" or "mirror" or "reflect"))
            throw new ArgumentException($"Unknown `fill_mode` {fill_mode}. Expected of one {{'constant', 'nearest', 'wrap', 'mirror', 'reflect'}}.", nameof(fill_mode));
        this.interpolation = interpolation;
        this.fill_mode = fill_mode;
        this.fill_value = fill_value;
    }

    /// <summary>The (lower, upper) range the distortion's strength is drawn from.</summary>
    public (double lower, double upper) scale { get; }

    /// <summary><c>"bilinear"</c> or <c>"nearest"</c>.</summary>
    public string interpolation { get; }

    /// <summary>How points outside the image are filled: <c>"reflect"</c>, <c>"constant"</c>, <c>"nearest"</c>, <c>"wrap"</c> or <c>"mirror"</c>.</summary>
    public string fill_mode { get; }

    /// <summary>The fill of <c>"constant"</c> mode.</summary>
    public double fill_value { get; }

    /// <summary>Whether each image is distorted [N], and the distortion factor (a scalar).</summary>
    public override Tensor[]? get_random_transformation(Tensor data, bool training = true, SeedGenerator? seed = null)
    {
        if (!training || scale.upper == 0 || factor.upper == 0) return null;
        var stream = seed ?? generator;
        long n = batch_size(data);
        using var probability = keras.random.uniform([n], factor.lower, factor.upper, seed: stream);
        using var threshold = keras.random.uniform([n], 0.0, 1.0, seed: stream);
        var apply = threshold < probability;
        var distortion = keras.random.uniform([], scale.lower, scale.upper, seed: stream);
        return [apply, distortion];
    }

    /// <inheritdoc/>
    public override Tensor transform_images(Tensor images, Tensor[]? transformation, bool training = true)
    {
        var x = images.to_type(ScalarType.Float32);
        if (!training || transformation is null) return x;
        using var scope = NewDisposeScope();
        var (height, width) = image_size(x);
        // Keras's get_elastic_transform_params, in float32 as the drawn factor is.
        float distortion = transformation[1].item<float>();
        float alpha = Math.Max(height, width) * (0.1f * distortion);
        float sigma = Math.Min(height, width) * (0.05f * distortion);
        var distorted = keras.ops.image.elastic_transform(x, alpha, sigma, interpolation, fill_mode, fill_value, data_format);
        var result = where(transformation[0].reshape(-1, 1, 1, 1), distorted, x);
        return result.clamp(value_range[0], value_range[1]).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["scale"] = new List<double> { scale.lower, scale.upper };
        config["interpolation"] = interpolation;
        config["fill_mode"] = fill_mode;
        config["fill_value"] = fill_value;
        return config;
    }
}
