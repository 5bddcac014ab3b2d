using KerasPort.Backend;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>RandomGrayscale</c>: while training, turns each image to greyscale (kept with its channel count)
/// with probability <see cref="factor"/>; at inference it is the identity. As in Keras, it draws on every call,
/// at inference too.
/// </summary>
/// <example><code>new RandomGrayscale(0.2)</code></example>
public sealed class RandomGrayscale : BaseImagePreprocessingLayer<Tensor>
{
    /// <param name="factor">The probability of converting an image, in [0, 1]; 0.5 by default.</param>
    /// <param name="data_format"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
    /// <param name="seed">Seed of the layer's random stream; null takes one from Python's <c>random</c>.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="input_shape">The shape of one sample, to build at once.</param>
    public RandomGrayscale(double factor = 0.5, string? data_format = null, long? seed = null, string? name = null, long[]? input_shape = null)
        : base(data_format, name, input_shape)
    {
        if (factor < 0 || factor > 1)
            throw new ArgumentException($"`factor` should be between 0 and 1. Received: factor={Utils.PythonFormat.repr(factor)}", nameof(factor));
        this.factor = factor;
        this.seed = seed;
        generator = new SeedGenerator(seed);
    }

    /// <summary>The probability that an image is converted, in [0, 1].</summary>
    public double factor { get; }

    /// <summary>The seed given; null when the stream's seed came from Python's <c>random</c>.</summary>
    public long? seed { get; }

    /// <summary>The layer's random stream (Keras's <c>generator</c>).</summary>
    public SeedGenerator generator { get; }

    /// <summary>Whether each image is converted, [N, 1, 1, 1]; drawn in training and at inference, as Keras does.</summary>
    public override Tensor? get_random_transformation(Tensor data, bool training = true, SeedGenerator? seed = null)
    {
        using var draws = keras.random.uniform([batch_size(data)], 0, 1, seed: seed ?? generator);
        return draws.lt(factor).reshape(-1, 1, 1, 1);
    }

    /// <inheritdoc/>
    public override Tensor transform_images(Tensor images, Tensor? transformation, bool training = true)
    {
        if (!training || transformation is null) return images;
        using var gray = keras.ops.image.rgb_to_grayscale(images, data_format);
        return where(transformation, gray, images);
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["factor"] = factor;
        return config;
    }
}
