using KerasPort.Backend;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>RandomColorDegeneration</c>: while training, blends each image towards its greyscale version by a
/// factor drawn per image, clipped to <c>value_range</c>; at inference it is the identity (it still draws, as Keras does).
/// </summary>
/// <example><code>new RandomColorDegeneration(0.5)</code></example>
public sealed class RandomColorDegeneration : BaseRandomColorLayer<Tensor>
{
    /// <param name="factor">A number f in [−1, 1] gives (−f, f) of the blend; or a (lower, upper) pair.</param>
    /// <param name="value_range">The range of the pixel values, [0, 255] when null.</param>
    /// <param name="data_format"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
    /// <param name="seed">Seed of the layer's random stream; null takes one from Python's <c>random</c>.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="input_shape">The shape of one sample, to build at once.</param>
    public RandomColorDegeneration(Factor factor, double[]? value_range = null, string? data_format = null, long? seed = null,
        string? name = null, long[]? input_shape = null)
        : base(factor, (-1, 1), value_range, seed, data_format, name, input_shape)
    {
    }

    /// <summary>The blend of each image, [N, 1, 1, 1].</summary>
    public override Tensor? get_random_transformation(Tensor data, bool training = true, SeedGenerator? seed = null) =>
        keras.random.uniform([batch_size(data), 1, 1, 1], factor.lower, factor.upper, seed: seed ?? generator);

    /// <inheritdoc/>
    public override Tensor transform_images(Tensor images, Tensor? transformation, bool training = true)
    {
        if (!training || transformation is null) return images;
        using var scope = NewDisposeScope();
        var x = images.to_type(ScalarType.Float32);
        var degenerates = keras.ops.image.rgb_to_grayscale(x, data_format);
        return (x + transformation * (degenerates - x)).clamp(value_range[0], value_range[1]).MoveToOuterDisposeScope();
    }

}
