using KerasPort.Backend;
using KerasPort.Utils;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>RandomPerspective</c>: while training, moves each image's four corners by random fractions of the image
/// (up to <see cref="scale"/> / 2) and warps it accordingly, with a probability drawn per image; at inference it is the identity.
/// </summary>
/// <example><code>new RandomPerspective(factor: 0.5, scale: 0.3)</code></example>
public sealed class RandomPerspective : BaseImagePreprocessingLayer<Tensor[]>
{
    /// <param name="factor">The probability of warping: f in [0, 1] gives (0, f) from which it is drawn; or a pair. 1 by default.</param>
    /// <param name="scale">How far the corners move, in [0, 1]: each moves by up to ±scale/2 of its coordinates. 1 by default.</param>
    /// <param name="interpolation"><c>"bilinear"</c> (default) or <c>"nearest"</c>.</param>
    /// <param name="fill_value">The value outside the warped image; 0 by default.</param>
    /// <param name="seed">Seed of the layer's random stream; null takes one from Python's <c>random</c>.</param>
    /// <param name="data_format"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="input_shape">The shape of one sample, to build at once.</param>
    public RandomPerspective(Factor? factor = null, double scale = 1.0, string interpolation = "bilinear", double fill_value = 0.0,
        long? seed = null, string? data_format = null, string? name = null, long[]? input_shape = null)
        : base(data_format, name, input_shape)
    {
        this.factor = set_factor(factor ?? 1.0, 0, 1);
        if (scale < 0.0 || scale > 1.0)
            throw new ArgumentException($"The `scale` argument should be a number in the range [0,1]. Received: scale={PythonFormat.repr(scale)}", nameof(scale));
        if (interpolation is not ("nearest" or "bilinear"))
            throw new ArgumentException($"Unknown `interpolation` {interpolation}. Expected of one ('nearest', 'bilinear').", nameof(interpolation));
        this.scale = scale;
        this.interpolation = interpolation;
        this.fill_value = fill_value;
        this.seed = seed;
        generator = new SeedGenerator(seed);
    }

    /// <summary>The (lower, upper) range the warp probability is drawn from.</summary>
    public (double lower, double upper) factor { get; }

    /// <summary>How far the corners move: each by up to ±scale/2 of the image's size.</summary>
    public double scale { get; }

    /// <summary><c>"bilinear"</c> or <c>"nearest"</c>.</summary>
    public string interpolation { get; }

    /// <summary>The value outside the warped image.</summary>
    public double fill_value { get; }

    /// <summary>The seed given; null when the stream's seed came from Python's <c>random</c>.</summary>
    public long? seed { get; }

    /// <summary>The layer's random stream (Keras's <c>generator</c>).</summary>
    public SeedGenerator generator { get; }

    /// <summary>Whether each image is warped [N], the start points and the end points [N, 4, 2].</summary>
    public override Tensor[]? get_random_transformation(Tensor data, bool training = true, SeedGenerator? seed = null)
    {
        if (!training) return null;
        var stream = seed ?? generator;
        using var scope = NewDisposeScope();
        long n = batch_size(data);
        var (height, width) = image_size(data);
        var probability = keras.random.uniform([n], factor.lower, factor.upper, seed: stream);
        var threshold = keras.random.uniform([n], 0.0, 1.0, seed: stream);
        var apply = threshold < probability;
        var perspective = keras.random.uniform([n, 4, 2], -0.5 * scale, 0.5 * scale, seed: stream);
        var start = tensor(new float[] { 0, 0, width - 1, 0, 0, height - 1, width - 1, height - 1 }).reshape(1, 4, 2).repeat(n, 1, 1);
        var end = start + start * perspective;
        return [apply.MoveToOuterDisposeScope(), start.MoveToOuterDisposeScope(), end.MoveToOuterDisposeScope()];
    }

    /// <inheritdoc/>
    public override Tensor transform_images(Tensor images, Tensor[]? transformation, bool training = true)
    {
        var x = images.to_type(ScalarType.Float32);
        if (!training || transformation is null) return x;
        using var scope = NewDisposeScope();
        var warped = keras.ops.image.perspective_transform(x, transformation[1], transformation[2], interpolation, fill_value, data_format);
        return where(transformation[0].reshape(-1, 1, 1, 1), warped, x).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["factor"] = new List<double> { factor.lower, factor.upper };
        config["scale"] = scale;
        config["interpolation"] = interpolation;
        config["fill_value"] = fill_value;
        config["seed"] = seed;
        return config;
    }
}
