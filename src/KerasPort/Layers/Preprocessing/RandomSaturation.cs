using KerasPort.Backend;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>RandomSaturation</c>: while training, multiplies each image's HSV saturation by <c>f / (1 − f)</c>
/// for an f drawn per image, clipped to <c>value_range</c>; at inference it is the identity (it still draws, as Keras does).
/// </summary>
/// <example><code>new RandomSaturation(0.5)</code></example>
public sealed class RandomSaturation : BaseRandomColorLayer<Tensor>
{
    /// <param name="factor">A number f in [−1, 1] gives the range (−f, f) of the drawn f; or a (lower, upper) pair.</param>
    /// <param name="value_range">The range of the pixel values, [0, 255] when null.</param>
    /// <param name="data_format"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
    /// <param name="seed">Seed of the layer's random stream; null takes one from Python's <c>random</c>.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="input_shape">The shape of one sample, to build at once.</param>
    public RandomSaturation(Factor factor, double[]? value_range = null, string? data_format = null, long? seed = null,
        string? name = null, long[]? input_shape = null)
        : base(factor, (-1, 1), value_range, seed, data_format, name, input_shape)
    {
    }

    /// <summary>The saturation multiplier of each image, [N].</summary>
    public override Tensor? get_random_transformation(Tensor data, bool training = true, SeedGenerator? seed = null)
    {
        using var f = keras.random.uniform([batch_size(data)], factor.lower, factor.upper, seed: seed ?? generator);
        using var denominator = 1 - f + 1e-7;
        return f / denominator;
    }

    /// <inheritdoc/>
    public override Tensor transform_images(Tensor images, Tensor? transformation, bool training = true)
    {
        if (!training || transformation is null) return images;
        using var scope = NewDisposeScope();
        var factors = transformation.reshape(-1, 1, 1);
        var hsv = keras.ops.image.rgb_to_hsv(images, data_format);
        int axis = data_format == "channels_first" ? 1 : 3;
        var s = (hsv.select(axis, 1) * factors).clamp(value_range[0], value_range[1]);
        hsv = stack([hsv.select(axis, 0), s, hsv.select(axis, 2)], axis);
        return keras.ops.image.hsv_to_rgb(hsv, data_format).MoveToOuterDisposeScope();
    }

}
