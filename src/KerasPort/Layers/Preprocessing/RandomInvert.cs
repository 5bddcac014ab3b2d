using KerasPort.Backend;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>RandomInvert</c>: while training, replaces each image x by <c>value_range[1] − x</c> with a
/// probability drawn per image from <c>factor</c>; at inference it is the identity.
/// </summary>
/// <example><code>new RandomInvert(0.5)</code></example>
public sealed class RandomInvert : BaseRandomColorLayer<Tensor>
{
    /// <param name="factor">The probability of inverting: f in [0, 1] gives (0, f) from which it is drawn; or a pair. 1 by default.</param>
    /// <param name="value_range">The range of the pixel values, [0, 255] when null.</param>
    /// <param name="seed">Seed of the layer's random stream; null takes one from Python's <c>random</c>.</param>
    /// <param name="data_format"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="input_shape">The shape of one sample, to build at once.</param>
    public RandomInvert(Factor? factor = null, double[]? value_range = null, long? seed = null, string? data_format = null,
        string? name = null, long[]? input_shape = null)
        : base(factor ?? 1.0, (0, 1), value_range, seed, data_format, name, input_shape)
    {
    }

    /// <summary>Whether each image is inverted, [N].</summary>
    public override Tensor? get_random_transformation(Tensor data, bool training = true, SeedGenerator? seed = null)
    {
        if (!training) return null;
        long n = batch_size(data);
        using var probability = keras.random.uniform([n], factor.lower, factor.upper, seed: seed ?? generator);
        using var threshold = keras.random.uniform([n], 0, 1, seed: seed ?? generator);
        return threshold.lt(probability);
    }

    /// <inheritdoc/>
    public override Tensor transform_images(Tensor images, Tensor? transformation, bool training = true)
    {
        if (!training || transformation is null) return images;
        using var scope = NewDisposeScope();
        var x = images.to_type(ScalarType.Float32);
        return where(transformation.reshape(-1, 1, 1, 1), (float)value_range[1] - x, x).MoveToOuterDisposeScope();
    }

}
