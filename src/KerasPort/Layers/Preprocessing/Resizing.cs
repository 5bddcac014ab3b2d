using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>Resizing</c>: resizes images to <see cref="height"/> × <see cref="width"/> with
/// <c>keras.ops.image.resize</c>, in training and at inference alike; integer inputs are rounded back.
/// </summary>
/// <example><code>
/// model.add(new Resizing(180, 180, crop_to_aspect_ratio: true));
/// // Python: model.add(keras.layers.Resizing(180, 180, crop_to_aspect_ratio=True))
/// </code></example>
public sealed class Resizing : BaseImagePreprocessingLayer<object>
{
    /// <param name="height">The output height.</param>
    /// <param name="width">The output width.</param>
    /// <param name="interpolation"><c>"bilinear"</c> (default), <c>"nearest"</c> or <c>"bicubic"</c>.</param>
    /// <param name="crop_to_aspect_ratio">Crop the largest centred window with the target's aspect ratio first, so nothing is distorted.</param>
    /// <param name="pad_to_aspect_ratio">Pad evenly with <paramref name="fill_value"/> to the target's aspect ratio first.</param>
    /// <param name="fill_mode">Only <c>"constant"</c>.</param>
    /// <param name="fill_value">The padding value with <paramref name="pad_to_aspect_ratio"/>; 0 by default.</param>
    /// <param name="antialias">Low-pass filter when downsampling (bilinear and bicubic); false by default.</param>
    /// <param name="data_format"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="input_shape">The shape of one sample, to build at once.</param>
    public Resizing(int height, int width, string interpolation = "bilinear", bool crop_to_aspect_ratio = false,
        bool pad_to_aspect_ratio = false, string fill_mode = "constant", double fill_value = 0.0, bool antialias = false,
        string? data_format = null, string? name = null, long[]? input_shape = null)
        : base(data_format, name, input_shape)
    {
        if (height <= 0) throw new ArgumentException($"`height` must be a positive integer. Received: height={height}", nameof(height));
        if (width <= 0) throw new ArgumentException($"`width` must be a positive integer. Received: width={width}", nameof(width));
        if (interpolation is not ("bilinear" or "nearest" or "bicubic"))
            throw new ArgumentException($"Invalid value for argument `interpolation`. Expected of one {{'bilinear': 'bilinear', 'nearest': 'nearest-exact', 'bicubic': 'bicubic'}}. Received: interpolation={interpolation}", nameof(interpolation));
        if (fill_mode != "constant")
            throw new ArgumentException($"Invalid value for argument `fill_mode`. Only `'constant'` is supported. Received: fill_mode={fill_mode}", nameof(fill_mode));
        if (crop_to_aspect_ratio && pad_to_aspect_ratio)
            throw new ArgumentException("Only one of `pad_to_aspect_ratio` & `crop_to_aspect_ratio` can be `True`.", nameof(pad_to_aspect_ratio));
        this.height = height;
        this.width = width;
        this.interpolation = interpolation;
        this.crop_to_aspect_ratio = crop_to_aspect_ratio;
        this.pad_to_aspect_ratio = pad_to_aspect_ratio;
        this.fill_mode = fill_mode;
        this.fill_value = fill_value;
        this.antialias = antialias;
    }

    /// <summary>The output height.</summary>
    public int height { get; }

    /// <summary>The output width.</summary>
    public int width { get; }

    /// <summary><c>"bilinear"</c>, <c>"nearest"</c> or <c>"bicubic"</c>.</summary>
    public string interpolation { get; }

    /// <summary>Whether the largest centred window of the target's aspect ratio is cropped before resizing.</summary>
    public bool crop_to_aspect_ratio { get; }

    /// <summary>Whether the image is padded to the target's aspect ratio before resizing.</summary>
    public bool pad_to_aspect_ratio { get; }

    /// <summary>The padding mode with <see cref="pad_to_aspect_ratio"/>: <c>"constant"</c>.</summary>
    public string fill_mode { get; }

    /// <summary>The padding value with <see cref="pad_to_aspect_ratio"/>.</summary>
    public double fill_value { get; }

    /// <summary>Whether a low-pass filter is applied when downsampling.</summary>
    public bool antialias { get; }

    /// <inheritdoc/>
    public override Tensor transform_images(Tensor images, object? transformation, bool training = true) =>
        keras.ops.image.resize(images, [height, width], interpolation, antialias, crop_to_aspect_ratio,
            pad_to_aspect_ratio, fill_mode, fill_value, data_format);

    /// <inheritdoc/>
    public override long?[] compute_output_shape(long?[] input_shape) =>
        PreprocessingShapes.with_size(input_shape, height, width, data_format);

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["height"] = height;
        config["width"] = width;
        config["interpolation"] = interpolation;
        config["crop_to_aspect_ratio"] = crop_to_aspect_ratio;
        config["pad_to_aspect_ratio"] = pad_to_aspect_ratio;
        config["fill_mode"] = fill_mode;
        config["fill_value"] = fill_value;
        config["antialias"] = antialias;
        return config;
    }
}
