using KerasPort.Backend;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>RandomCrop</c>: while training, crops the batch to <see cref="height"/> × <see cref="width"/> at a
/// random position (one for the whole batch); an input not larger than the crop on both axes is
/// centre-cropped to the target's aspect ratio and resized. At inference the input passes unchanged, as in Keras 3.15.
/// </summary>
/// <example><code>new RandomCrop(224, 224)</code></example>
public sealed class RandomCrop : BaseImagePreprocessingLayer<int[]>
{
    /// <param name="height">The height of the crop.</param>
    /// <param name="width">The width of the crop.</param>
    /// <param name="seed">Seed of the layer's random stream; null takes one from Python's <c>random</c> (and Keras records it).</param>
    /// <param name="data_format"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="input_shape">The shape of one sample, to build at once.</param>
    public RandomCrop(int height, int width, long? seed = null, string? data_format = null, string? name = null, long[]? input_shape = null)
        : base(data_format, name, input_shape)
    {
        if (height <= 0) throw new ArgumentException($"`height` must be a positive integer. Received: height={height}", nameof(height));
        if (width <= 0) throw new ArgumentException($"`width` must be a positive integer. Received: width={width}", nameof(width));
        this.height = height;
        this.width = width;
        // Keras draws a seed to record in its config, then the SeedGenerator draws its own (from the seed given, or anew).
        this.seed = seed ?? SeedGenerator.make_default_seed();
        generator = new SeedGenerator(seed);
    }

    /// <summary>The height of the crop.</summary>
    public int height { get; }

    /// <summary>The width of the crop.</summary>
    public int width { get; }

    /// <summary>The seed recorded in the config: the one given, or one drawn from Python's <c>random</c> when none was (as Keras records it).</summary>
    public long seed { get; }

    /// <summary>The layer's random stream (Keras's <c>generator</c>).</summary>
    public SeedGenerator generator { get; }

    /// <summary>The (row, column) of the crop's corner.</summary>
    public override int[]? get_random_transformation(Tensor data, bool training = true, SeedGenerator? seed = null)
    {
        var (input_height, input_width) = image_size(data);
        if (training && input_height > height && input_width > width)
        {
            using var h = keras.random.uniform([], 0, input_height - height + 1, seed: seed ?? generator);
            using var w = keras.random.uniform([], 0, input_width - width + 1, seed: seed ?? generator);
            return [(int)h.item<float>(), (int)w.item<float>()];
        }
        int crop_height = Math.Max(Math.Min(input_height, (int)((double)input_width * height / width)), 1);
        int crop_width = Math.Max(Math.Min(input_width, (int)((double)input_height * width / height)), 1);
        return [(int)((input_height - crop_height) / 2.0), (int)((input_width - crop_width) / 2.0)];
    }

    /// <inheritdoc/>
    public override Tensor transform_images(Tensor images, int[]? transformation, bool training = true)
    {
        if (!training || transformation is null) return images;
        var x = images.dtype == ScalarType.Float32 ? images : images.to_type(ScalarType.Float32);
        int h_axis = data_format == "channels_last" ? 1 : 2;
        var (input_height, input_width) = image_size(x);
        int rows = Math.Min(height, input_height - transformation[0]), cols = Math.Min(width, input_width - transformation[1]);
        var cropped = x.narrow(h_axis, transformation[0], rows).narrow(h_axis + 1, transformation[1], cols);
        if (rows == height && cols == width) return cropped;
        using (cropped) return keras.ops.image.resize(cropped, [height, width], data_format: data_format);
    }

    /// <inheritdoc/>
    public override long?[] compute_output_shape(long?[] input_shape) =>
        PreprocessingShapes.with_size(input_shape, height, width, data_format);

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["height"] = height;
        config["width"] = width;
        config["seed"] = seed;
        return config;
    }
}
