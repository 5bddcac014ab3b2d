using KerasPort.Backend;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>RandomHue</c>: while training, rotates each image's HSV hue by up to ± factor / 2 of a turn, drawn
/// per image; at inference it is the identity (it still draws, as Keras does).
/// </summary>
/// <example><code>new RandomHue(0.2, value_range: [0, 255])</code></example>
public sealed class RandomHue : BaseRandomColorLayer<Tensor>
{
    /// <param name="factor">A number f in [0, 1] gives (0, f); or a (lower, upper) pair. The hue shifts by ±(drawn value) / 2.</param>
    /// <param name="value_range">The range of the pixel values, [0, 255] when null.</param>
    /// <param name="data_format"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
    /// <param name="seed">Seed of the layer's random stream; null takes one from Python's <c>random</c>.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="input_shape">The shape of one sample, to build at once.</param>
    public RandomHue(Factor factor, double[]? value_range = null, string? data_format = null, long? seed = null,
        string? name = null, long[]? input_shape = null)
        : base(factor, (0, 1), value_range, seed, data_format, name, input_shape)
    {
    }

    /// <summary>The hue shift of each image, [N], in turns.</summary>
    public override Tensor? get_random_transformation(Tensor data, bool training = true, SeedGenerator? seed = null)
    {
        using var scope = NewDisposeScope();
        long n = batch_size(data);
        var invert = keras.random.uniform([n], seed: seed ?? generator);
        invert = where(invert > 0.5, -ones_like(invert), ones_like(invert));
        var f = keras.random.uniform([n], factor.lower, factor.upper, seed: seed ?? generator);
        return (invert * f * 0.5).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override Tensor transform_images(Tensor images, Tensor? transformation, bool training = true)
    {
        if (!training || transformation is null) return images;
        using var scope = NewDisposeScope();
        var x = ValueRange.transform(images.to_type(ScalarType.Float32), value_range, [0, 1]);
        var shifts = transformation.reshape(-1, 1, 1);
        var hsv = keras.ops.image.rgb_to_hsv(x, data_format);
        int axis = data_format == "channels_first" ? 1 : 3;
        var h = hsv.select(axis, 0) + shifts;
        h = where(h > 1.0, h - 1.0, h);
        h = where(h < 0.0, h + 1.0, h);
        hsv = stack([h, hsv.select(axis, 1), hsv.select(axis, 2)], axis);
        var rgb = keras.ops.image.hsv_to_rgb(hsv, data_format).clamp(0, 1);
        return ValueRange.transform(rgb, [0, 1], value_range).MoveToOuterDisposeScope();
    }

}
