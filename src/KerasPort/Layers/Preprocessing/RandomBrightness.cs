using KerasPort.Backend;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>RandomBrightness</c>: while training, adds to each image a delta drawn per image from
/// <c>factor × (value_range width)</c>, then clips to <c>value_range</c>; at inference it is the identity.
/// </summary>
/// <example><code>
/// model.add(new RandomBrightness(0.2));
/// // Python: model.add(keras.layers.RandomBrightness(0.2))
/// model.add(new RandomBrightness((-0.1, 0.3), value_range: [0, 1]));
/// // Python: model.add(keras.layers.RandomBrightness((-0.1, 0.3), value_range=(0, 1)))
/// </code></example>
public sealed class RandomBrightness : BaseRandomColorLayer<Tensor>
{
    /// <param name="factor">A number f in [−1, 1] gives deltas in [−f, f] of the range's width; a pair gives [lower, upper].</param>
    /// <param name="value_range">The range of the pixel values, [0, 255] when null; the output is clipped to it.</param>
    /// <param name="seed">Seed of the layer's random stream; null takes one from Python's <c>random</c>.</param>
    /// <param name="data_format"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="input_shape">The shape of one sample, to build at once.</param>
    public RandomBrightness(Factor factor, double[]? value_range = null, long? seed = null, string? data_format = null,
        string? name = null, long[]? input_shape = null)
        : base(factor, (-1, 1), value_range, seed, data_format, name, input_shape)
    {
    }

    /// <summary>The delta of each image, [N, 1, 1, 1].</summary>
    public override Tensor? get_random_transformation(Tensor data, bool training = true, SeedGenerator? seed = null)
    {
        if (!training) return null;
        using var draw = keras.random.uniform([batch_size(data), 1, 1, 1], factor.lower, factor.upper, seed: seed ?? generator);
        return draw * (value_range[1] - value_range[0]);
    }

    /// <inheritdoc/>
    public override Tensor transform_images(Tensor images, Tensor? transformation, bool training = true)
    {
        if (!training || transformation is null) return images;
        using var shifted = images + transformation.to_type(images.dtype);
        return shifted.clamp(value_range[0], value_range[1]);
    }

}
