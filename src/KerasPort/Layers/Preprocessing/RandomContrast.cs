using KerasPort.Backend;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>RandomContrast</c>: while training, scales each image's deviation from its per-channel mean by a
/// factor drawn per image from [1 − lower, 1 + upper], then clips to <c>value_range</c>; at inference
/// it is the identity.
/// </summary>
/// <example><code>
/// model.add(new RandomContrast(0.2));
/// // Python: model.add(keras.layers.RandomContrast(0.2))
/// </code></example>
public sealed class RandomContrast : BaseRandomColorLayer<Tensor>
{
    /// <param name="factor">A number f in [0, 1] or a pair; as in Keras 3.15, f gives the range (0, f), so the factor is drawn from [1, 1 + f].</param>
    /// <param name="value_range">The range of the pixel values, [0, 255] when null; the output is clipped to it.</param>
    /// <param name="seed">Seed of the layer's random stream; null takes one from Python's <c>random</c>.</param>
    /// <param name="data_format"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="input_shape">The shape of one sample, to build at once.</param>
    public RandomContrast(Factor factor, double[]? value_range = null, long? seed = null, string? data_format = null,
        string? name = null, long[]? input_shape = null)
        : base(factor, (0, 1), value_range, seed, data_format, name, input_shape)
    {
    }

    /// <summary>The contrast factor of each image, [N, 1, 1, 1].</summary>
    public override Tensor? get_random_transformation(Tensor data, bool training = true, SeedGenerator? seed = null)
    {
        if (!training) return null;
        return keras.random.uniform([batch_size(data), 1, 1, 1], 1.0 - factor.lower, 1.0 + factor.upper, seed: seed ?? generator);
    }

    /// <inheritdoc/>
    public override Tensor transform_images(Tensor images, Tensor? transformation, bool training = true)
    {
        if (!training || transformation is null) return images;
        using var scope = NewDisposeScope();
        int h = data_format == "channels_last" ? -3 : -2;
        var mean = images.mean([h], keepdim: true).mean([h + 1], keepdim: true);
        var outputs = (images - mean) * transformation + mean;
        return outputs.clamp(value_range[0], value_range[1]).MoveToOuterDisposeScope();
    }

}
