using KerasPort.Backend;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>RandomSharpness</c>: while training, blends each image with a 3×3 smoothed copy
/// (<c>image + (1 − 2f)·(smoothed − image)</c>, f drawn per image), clipped to <c>value_range</c>;
/// at inference it is the identity (it still draws, as Keras does).
/// </summary>
/// <example><code>new RandomSharpness(0.4)</code></example>
public sealed class RandomSharpness : BaseRandomColorLayer<Tensor>
{
    /// <param name="factor">A number f in [0, 1] gives (0, f); or a (lower, upper) pair. 0.5 leaves the image as it is.</param>
    /// <param name="value_range">The range of the pixel values, [0, 255] when null.</param>
    /// <param name="data_format"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
    /// <param name="seed">Seed of the layer's random stream; null takes one from Python's <c>random</c>.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="input_shape">The shape of one sample, to build at once.</param>
    public RandomSharpness(Factor factor, double[]? value_range = null, string? data_format = null, long? seed = null,
        string? name = null, long[]? input_shape = null)
        : base(factor, (0, 1), value_range, seed, data_format, name, input_shape)
    {
    }

    /// <summary>The sharpness factor of each image, [N].</summary>
    public override Tensor? get_random_transformation(Tensor data, bool training = true, SeedGenerator? seed = null) =>
        keras.random.uniform([batch_size(data)], factor.lower, factor.upper, seed: seed ?? generator);

    /// <inheritdoc/>
    public override Tensor transform_images(Tensor images, Tensor? transformation, bool training = true)
    {
        var x = images.to_type(ScalarType.Float32);
        if (!training || transformation is null) return x;
        using var scope = NewDisposeScope();
        // Keras's depthwise conv with 'same' padding (zeros), done here on NCHW.
        var nchw = data_format == "channels_last" ? x.permute(0, 3, 1, 2) : x;
        long channels = nchw.shape[1];
        float a = 1f / 13f, b = 5f / 13f;
        var kernel = tensor(new float[] { a, a, a, a, b, a, a, a, a }).reshape(1, 1, 3, 3).expand(channels, 1, 3, 3).contiguous();
        var smoothed = nn.functional.conv2d(nchw, kernel, padding: [1, 1], groups: channels);
        if (data_format == "channels_last") smoothed = smoothed.permute(0, 2, 3, 1);
        var sharpness = (transformation * 2).reshape(-1, 1, 1, 1);
        var result = x + (1.0 - sharpness) * (smoothed - x);
        return result.clamp(value_range[0], value_range[1]).MoveToOuterDisposeScope();
    }

}
