using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>CenterCrop</c>: the centred <see cref="height"/> × <see cref="width"/> window of each image,
/// in training and at inference alike. An image smaller than the crop is resized instead (Keras's
/// <c>smart_resize</c>: the largest centred window of the target's aspect ratio, resized bilinearly).
/// </summary>
/// <example><code>
/// model.add(new CenterCrop(224, 224));
/// // Python: model.add(keras.layers.CenterCrop(224, 224))
/// </code></example>
public sealed class CenterCrop : BaseImagePreprocessingLayer<object>
{
    /// <param name="height">The height of the crop.</param>
    /// <param name="width">The width of the crop.</param>
    /// <param name="data_format"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="input_shape">The shape of one sample, to build at once.</param>
    public CenterCrop(int height, int width, string? data_format = null, string? name = null, long[]? input_shape = null)
        : base(data_format, name, input_shape)
    {
        if (height <= 0) throw new ArgumentException($"`height` must be a positive integer. Received: height={height}", nameof(height));
        if (width <= 0) throw new ArgumentException($"`width` must be a positive integer. Received: width={width}", nameof(width));
        this.height = height;
        this.width = width;
    }

    /// <summary>The height of the output images.</summary>
    public int height { get; }

    /// <summary>The width of the output images.</summary>
    public int width { get; }

    /// <inheritdoc/>
    public override Tensor transform_images(Tensor images, object? transformation, bool training = true)
    {
        var (input_height, input_width) = image_size(images);
        int h_diff = input_height - height, w_diff = input_width - width;
        if (h_diff < 0 || w_diff < 0)
            return keras.ops.image.resize(images.to_type(ScalarType.Float32), [height, width], crop_to_aspect_ratio: true, data_format: data_format);
        int h_axis = data_format == "channels_last" ? 1 : 2;
        using var x = images.to_type(ScalarType.Float32);
        return x.narrow(h_axis, h_diff / 2, height).narrow(h_axis + 1, w_diff / 2, width);
    }

    /// <inheritdoc/>
    public override long?[] compute_output_shape(long?[] input_shape)
    {
        if (input_shape.Length is not (3 or 4))
            throw new ArgumentException("`input_shape` must be a non-nested tuple or list of rank-1 with size 3 (unbatched) or 4 (batched). ", nameof(input_shape));
        return PreprocessingShapes.with_size(input_shape, height, width, data_format);
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["height"] = height;
        config["width"] = width;
        return config;
    }
}
