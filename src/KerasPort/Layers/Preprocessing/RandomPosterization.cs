using KerasPort.Backend;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>RandomPosterization</c>: while training, keeps only the top b bits of each 8-bit channel value,
/// b drawn per image from the factor's range; at inference it is the identity (it still draws, as Keras does).
/// </summary>
/// <example><code>new RandomPosterization(factor: (1, 6), value_range: [0, 255])</code></example>
public sealed class RandomPosterization : BaseRandomColorLayer<Tensor>
{
    /// <param name="factor">The bits kept, in [1, 8]: b gives [1, b); a pair (lower, upper) gives [lower, upper) (randint).</param>
    /// <param name="value_range">The range of the pixel values, [0, 255] when null.</param>
    /// <param name="data_format"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
    /// <param name="seed">Seed of the layer's random stream; null takes one from Python's <c>random</c>.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="input_shape">The shape of one sample, to build at once.</param>
    public RandomPosterization(Factor factor, double[]? value_range = null, string? data_format = null, long? seed = null,
        string? name = null, long[]? input_shape = null)
        : base(factor, (1, 8), value_range, seed, data_format, name, input_shape)
    {
    }

    /// <summary>The right shift of each image (8 − bits kept), [N], uint8.</summary>
    public override Tensor? get_random_transformation(Tensor data, bool training = true, SeedGenerator? seed = null)
    {
        long n = batch_size(data);
        using var bits = factor.lower != factor.upper
            ? keras.random.randint([n], (long)factor.lower, (long)factor.upper, ScalarType.Byte, seed: seed ?? generator)
            : full([n], (byte)factor.lower, ScalarType.Byte);
        return 8 - bits;
    }

    /// <inheritdoc/>
    public override Tensor transform_images(Tensor images, Tensor? transformation, bool training = true)
    {
        if (!training || transformation is null) return images;
        using var scope = NewDisposeScope();
        var shift = transformation.reshape(-1, 1, 1, 1);
        var x = ValueRange.transform(images.to_type(ScalarType.Float32), value_range, [0, 255]).to_type(ScalarType.Byte);
        x = x.bitwise_right_shift(shift).bitwise_left_shift(shift);
        return ValueRange.transform(x.to_type(ScalarType.Float32), [0, 255], value_range).MoveToOuterDisposeScope();
    }

}
