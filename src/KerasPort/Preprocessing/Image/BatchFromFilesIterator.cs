using KerasPort.Utils;
using static TorchSharp.torch;

namespace KerasPort.Preprocessing.Image;

/// <summary>
/// What <see cref="DirectoryIterator"/> and <see cref="DataFrameIterator"/> share (Keras's
/// <c>BatchFromFilesMixin</c>): every image is read with <c>load_img</c> (<see cref="color_mode"/>,
/// <see cref="target_size"/>, <see cref="interpolation"/>, <see cref="keep_aspect_ratio"/>), turned
/// into an array, transformed and standardized; labels follow <see cref="class_mode"/>.
/// </summary>
public abstract class BatchFromFilesIterator : Iterator
{
    /// <summary>(height, width) every image is resized to.</summary>
    public int[] target_size { get; }

    /// <summary>"grayscale", "rgb" or "rgba": 1, 3 or 4 channels.</summary>
    public string color_mode { get; }

    /// <summary>PIL resampling filter used when an image's size differs from <see cref="target_size"/>.</summary>
    public string interpolation { get; }

    /// <summary>Whether images are centre-cropped to the target aspect ratio before resizing.</summary>
    public bool keep_aspect_ratio { get; }

    /// <summary>"training", "validation" or null.</summary>
    public string? subset { get; }

    /// <summary>The fraction of each list kept: (0, v) for validation, (v, 1) for training; null for all.</summary>
    public (double start, double stop)? split { get; }

    /// <summary>How labels are made: "categorical", "binary", "sparse", "input", "raw" or null (none).</summary>
    public string? class_mode { get; }

    /// <inheritdoc/>
    public override long[] image_shape { get; }

    /// <summary>Full path of every sample, in sample order.</summary>
    public abstract IReadOnlyList<string> filepaths { get; }

    private protected override long save_hash_range => 10_000_000;

    private protected BatchFromFilesIterator(ProcessingAttrs attrs, int n, int batch_size, bool shuffle, long? seed)
        : base(n, batch_size, shuffle, seed)
    {
        image_data_generator = attrs.generator;
        target_size = attrs.target_size;
        color_mode = attrs.color_mode;
        interpolation = attrs.interpolation;
        keep_aspect_ratio = attrs.keep_aspect_ratio;
        subset = attrs.subset;
        split = attrs.split;
        class_mode = attrs.class_mode;
        image_shape = attrs.image_shape;
        data_format = attrs.data_format;
        dtype = attrs.dtype;
        save_to_dir = attrs.save_to_dir;
        save_prefix = attrs.save_prefix;
        save_format = attrs.save_format;
    }

    // The class indices of sample j (one, or several for multi-label categorical data).
    private protected abstract IReadOnlyList<int> class_of(int j);

    // Number of columns of a categorical label.
    private protected abstract int num_label_columns { get; }

    // Targets for class_mode "raw"; null otherwise.
    private protected virtual Tensor? raw_labels => null;

    // Per-sample weights; null for none.
    private protected virtual Tensor? sample_weights => null;

    private protected override Tensor load_sample(int j)
    {
        var path = filepaths[j];
        Imaging.Image img;
        try
        {
            img = keras.preprocessing.image.load_img(path, color_mode: color_mode,
                target_size: (target_size[0], target_size[1]), interpolation: interpolation,
                keep_aspect_ratio: keep_aspect_ratio);
        }
        catch (Exception e) when (e is not ArgumentException)
        {
            throw new IOException($"Could not load the image file '{path}': {e.Message}", e);
        }
        return keras.preprocessing.image.img_to_array(img, data_format: data_format);
    }

    private protected override Batch make_batch(int[] index_array, Tensor batch_x)
    {
        int count = index_array.Length;
        Tensor batch_y;
        switch (class_mode)
        {
            case "input":
                batch_y = batch_x.clone();
                break;
            case "binary" or "sparse":
                batch_y = tensor(index_array.Select(j => (float)class_of(j)[0]).ToArray()).to(dtype);
                break;
            case "categorical":
                var onehot = new float[count * num_label_columns];
                for (int i = 0; i < count; i++)
                    foreach (int c in class_of(index_array[i])) onehot[i * num_label_columns + c] = 1;
                batch_y = tensor(onehot, [count, num_label_columns]).to(dtype);
                break;
            case "raw":
                using (var idx = index_tensor(index_array)) batch_y = raw_labels!.index_select(0, idx);
                break;
            default:
                return new Batch(batch_x);
        }
        if (sample_weights is not { } weights) return new Batch(batch_x, batch_y);
        using var i64 = index_tensor(index_array);
        return new Batch(batch_x, batch_y, weights.index_select(0, i64));
    }

    private static Tensor index_tensor(int[] index_array) => tensor(index_array.Select(i => (long)i).ToArray());

    /// <summary>Keras's <c>set_processing_attrs</c>: the checked settings, before any file is read.</summary>
    internal sealed record ProcessingAttrs(
        ImageDataGenerator? generator, int[] target_size, string color_mode, string data_format,
        long[] image_shape, string? save_to_dir, string save_prefix, string save_format,
        string? subset, (double start, double stop)? split, string interpolation, bool keep_aspect_ratio,
        string? class_mode, ScalarType dtype)
    {
        public static ProcessingAttrs check(
            ImageDataGenerator? generator, int[]? target_size, string color_mode, string data_format,
            string? save_to_dir, string save_prefix, string save_format, string? subset,
            string interpolation, bool keep_aspect_ratio, string? class_mode,
            IReadOnlyCollection<string?> allowed_class_modes, ScalarType dtype)
        {
            int[] size = target_size ?? [256, 256];
            if (size.Length != 2 || size[0] < 1 || size[1] < 1)
                throw new ArgumentException(
                    $"Invalid value received for argument target_size. Expected two positive integers (height, width). " +
                    $"Received: target_size=[{string.Join(", ", size)}]", nameof(target_size));
            int channels = color_mode switch
            {
                "rgba" => 4,
                "rgb" => 3,
                "grayscale" => 1,
                _ => throw new ArgumentException(
                    $"Invalid color mode: {color_mode}; expected \"rgb\", \"rgba\", or \"grayscale\".", nameof(color_mode)),
            };
            long[] shape = data_format == "channels_last" ? [size[0], size[1], channels] : [channels, size[0], size[1]];
            (double, double)? split = null;
            if (subset is not null)
            {
                if (subset is not ("training" or "validation"))
                    throw new ArgumentException(
                        $"Invalid subset name: {subset};expected \"training\" or \"validation\"", nameof(subset));
                double v = Iterator.subset_split(subset, generator);
                split = subset == "validation" ? (0, v) : (v, 1);
            }
            if (!allowed_class_modes.Contains(class_mode))
                throw new ArgumentException(
                    $"Invalid class_mode: {class_mode ?? "None"}; expected one of: " +
                    $"{{{string.Join(", ", allowed_class_modes.Select(m => m is null ? "None" : $"'{m}'"))}}}",
                    nameof(class_mode));
            return new ProcessingAttrs(generator, size, color_mode, data_format, shape, save_to_dir, save_prefix,
                                       save_format, subset, split, interpolation, keep_aspect_ratio, class_mode, dtype);
        }

        // Python's int(fraction * count): the slice bounds of a split list.
        public (int start, int stop) bounds(int count) =>
            split is { } s ? ((int)(s.start * count), (int)(s.stop * count)) : (0, count);
    }
}
