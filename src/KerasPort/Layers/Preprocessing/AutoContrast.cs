using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>AutoContrast</c>: stretches each image channel so that its lowest value becomes the bottom of
/// <see cref="value_range"/> and its highest the top, in training and at inference alike (a flat channel is kept).
/// </summary>
/// <example><code>new AutoContrast(value_range: [0, 255])</code></example>
public sealed class AutoContrast : BaseImagePreprocessingLayer<object>
{
    /// <param name="value_range">The range of the pixel values, [0, 255] when null.</param>
    /// <param name="data_format"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="input_shape">The shape of one sample, to build at once.</param>
    public AutoContrast(double[]? value_range = null, string? data_format = null, string? name = null, long[]? input_shape = null)
        : base(data_format, name, input_shape)
    {
        this.value_range = ValueRange.check(value_range);
    }

    /// <summary>The range of the pixel values, sorted ([0, 255] unless given).</summary>
    public double[] value_range { get; }

    /// <inheritdoc/>
    public override Tensor transform_images(Tensor images, object? transformation, bool training = true)
    {
        using var scope = NewDisposeScope();
        var x = ValueRange.transform(images, value_range, [0, 255]).to_type(ScalarType.Float32);
        // Keras takes the min and max over axes 1 and 2 whatever the data format.
        var low = x.amin([1, 2], keepdim: true);
        var high = x.amax([1, 2], keepdim: true);
        var scale = 255.0 / (high - low);
        var offset = -low * scale;
        var results = (x * scale + offset).clamp(0.0, 255.0);
        results = ValueRange.transform(results, [0, 255], value_range);
        results = where(results.isnan(), images.to_type(results.dtype), results);
        if (images.dtype != ScalarType.Float32)
            results = (is_integral(images.dtype) ? results.round() : results).to_type(images.dtype);
        return results.MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["value_range"] = ValueRange.config(value_range);
        return config;
    }
}
