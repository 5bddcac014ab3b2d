using KerasPort.Data;
using KerasPort.Utils;
using static TorchSharp.torch;

namespace KerasPort;

public static partial class keras
{
    public static partial class utils
    {
        /// <summary>The file types <c>image_dataset_from_directory</c> reads (Keras's <c>ALLOWLIST_FORMATS</c>).</summary>
        private static readonly string[] ImageFormats = [".bmp", ".gif", ".jpeg", ".jpg", ".png"];

        /// <summary>
        /// Keras's <c>image_dataset_from_directory</c>: a <see cref="Dataset"/> of <c>(images, labels)</c>
        /// batches (images alone with no labels) from the image files below <paramref name="directory"/>.
        /// <list type="bullet">
        /// <item><paramref name="labels"/>: "inferred" (each sub-folder is a class, in sorted order or
        /// the order of <paramref name="class_names"/>), null (no labels), or an <c>int[]</c> with one
        /// label per file in the sorted file order.</item>
        /// <item><paramref name="label_mode"/>: "int" (int32 class index), "categorical" (float32 one-hot),
        /// "binary" (float32 <c>[1]</c>, exactly two classes), or null (no labels).</item>
        /// <item><paramref name="color_mode"/>: "rgb", "rgba" or "grayscale" (3, 4 or 1 channels).</item>
        /// <item><paramref name="batch_size"/>: 32; null gives single images.</item>
        /// <item><paramref name="image_size"/>: (height, width) every image is resized to (as
        /// <c>keras.ops.image.resize</c>, with <paramref name="interpolation"/>), after cropping
        /// (<paramref name="crop_to_aspect_ratio"/>) or padding (<paramref name="pad_to_aspect_ratio"/>)
        /// to its aspect ratio; pixels are float32 0-255 as <c>load_img</c> decodes them.</item>
        /// <item><paramref name="shuffle"/> with <paramref name="seed"/>: the file order is shuffled as
        /// Keras shuffles it (<c>np.random.RandomState(seed)</c>, exactly), and the training dataset
        /// reshuffles each epoch through <see cref="Dataset.shuffle"/> (tf.data's algorithm with this
        /// port's generator: not TensorFlow's per-epoch order).</item>
        /// <item><paramref name="validation_split"/> with <paramref name="subset"/> "training",
        /// "validation" or "both" (then unpack: <c>var (train_ds, val_ds) = ...</c>).</item>
        /// </list>
        /// The result has <see cref="Dataset.class_names"/> and <see cref="Dataset.file_paths"/>, and
        /// with <paramref name="verbose"/> prints Keras's "Found N files belonging to M classes."
        /// </summary>
        public static Dataset image_dataset_from_directory(string directory, string? labels = "inferred", string? label_mode = "int",
            string[]? class_names = null, string color_mode = "rgb", int? batch_size = 32, (int, int)? image_size = null, bool shuffle = true,
            long? seed = null, double? validation_split = null, string? subset = null, string interpolation = "bilinear", bool follow_links = false,
            bool crop_to_aspect_ratio = false, bool pad_to_aspect_ratio = false, string? data_format = null, string format = "tf", bool verbose = true) =>
            image_dataset(directory, labels, label_mode, class_names, color_mode, batch_size, image_size, shuffle, seed,
                validation_split, subset, interpolation, follow_links, crop_to_aspect_ratio, pad_to_aspect_ratio, data_format, format, verbose);

        /// <summary>
        /// Keras's <c>image_dataset_from_directory</c> with explicit labels: <paramref name="labels"/> is an
        /// <c>int[]</c> (or any list of integers) with one label per image file, in the order of the
        /// sorted file paths; the class names are the sorted distinct labels. The other arguments are
        /// those of the overload with inferred labels.
        /// </summary>
        public static Dataset image_dataset_from_directory(string directory, object labels, string? label_mode = "int",
            string[]? class_names = null, string color_mode = "rgb", int? batch_size = 32, (int, int)? image_size = null, bool shuffle = true,
            long? seed = null, double? validation_split = null, string? subset = null, string interpolation = "bilinear", bool follow_links = false,
            bool crop_to_aspect_ratio = false, bool pad_to_aspect_ratio = false, string? data_format = null, string format = "tf", bool verbose = true) =>
            image_dataset(directory, labels, label_mode, class_names, color_mode, batch_size, image_size, shuffle, seed,
                validation_split, subset, interpolation, follow_links, crop_to_aspect_ratio, pad_to_aspect_ratio, data_format, format, verbose);

        private static Dataset image_dataset(string directory, object? labels, string? label_mode, string[]? class_names, string color_mode,
            int? batch_size, (int, int)? image_size, bool shuffle, long? seed, double? validation_split, string? subset, string interpolation,
            bool follow_links, bool crop_to_aspect_ratio, bool pad_to_aspect_ratio, string? data_format, string format, bool verbose)
        {
            ArgumentNullException.ThrowIfNull(directory);
            var size = image_size ?? (256, 256);
            if (labels is not ("inferred" or null))
            {
                _ = DatasetUtils.explicit_labels(labels);
                if (class_names is { Length: > 0 })
                    throw new ArgumentException($"You can only pass `class_names` if `labels=\"inferred\"`. Received: labels={PythonFormat.repr(labels)}, and class_names={PythonFormat.repr(class_names)}", nameof(class_names));
            }
            if (label_mode is not ("int" or "categorical" or "binary" or null))
                throw new ArgumentException($"`label_mode` argument must be one of \"int\", \"categorical\", \"binary\", or None. Received: label_mode={label_mode}", nameof(label_mode));
            if (labels is null || label_mode is null)
            {
                labels = null;
                label_mode = null;
            }
            int num_channels = color_mode switch
            {
                "rgb" => 3,
                "rgba" => 4,
                "grayscale" => 1,
                _ => throw new ArgumentException($"`color_mode` must be one of {{\"rgb\", \"rgba\", \"grayscale\"}}. Received: color_mode={color_mode}", nameof(color_mode)),
            };
            interpolation = interpolation.ToLowerInvariant();
            string[] supported = ["bilinear", "nearest", "bicubic", "area", "lanczos3", "lanczos5", "gaussian", "mitchellcubic"];
            if (!supported.Contains(interpolation))
                throw new ArgumentException($"Argument `interpolation` should be one of ('bilinear', 'nearest', 'bicubic', 'area', 'lanczos3', 'lanczos5', 'gaussian', 'mitchellcubic'). Received: interpolation={interpolation}", nameof(interpolation));
            if (format is not ("tf" or "grain"))
                throw new ArgumentException($"`format` should be either \"tf\" or \"grain\". Received: format={format}", nameof(format));
            if (pad_to_aspect_ratio && crop_to_aspect_ratio)
                throw new ArgumentException("Only one of `pad_to_aspect_ratio`, `crop_to_aspect_ratio` can be set to `True`.", nameof(pad_to_aspect_ratio));
            if (data_format is not (null or "channels_last" or "channels_first"))
                throw new ArgumentException($"The `data_format` argument must be one of {{'channels_first', 'channels_last'}}. Received: data_format={data_format}", nameof(data_format));
            if (batch_size is <= 0)
                throw new ArgumentException($"Invalid value received for argument batch_size. Expected a positive integer or None. Received: batch_size={batch_size}", nameof(batch_size));
            if (size.Item1 <= 0 || size.Item2 <= 0)
                throw new ArgumentException($"Invalid `image_size` value. Expected a tuple of 2 positive integers. Received: image_size=({size.Item1}, {size.Item2})", nameof(image_size));
            DatasetUtils.check_validation_split_arg(validation_split, subset, shuffle, seed);
            if (!Directory.Exists(directory))
                throw new DirectoryNotFoundException($"No such file or directory: '{directory}'");

            seed ??= RandomState.Global.randint(1000000);
            var (image_paths, label_values, names) = DatasetUtils.index_directory(directory, labels, ImageFormats, class_names, shuffle, seed, follow_links, verbose);
            if (label_mode == "binary" && names!.Length != 2)
                throw new ArgumentException($"When passing `label_mode=\"binary\"`, there must be exactly 2 class_names. Received: class_names={PythonFormat.repr(names)}", nameof(label_mode));
            var loader = new ImageLoader(size, num_channels, interpolation, crop_to_aspect_ratio, pad_to_aspect_ratio, data_format ?? "channels_last");
            int num_classes = names?.Length ?? 0;
            long shuffle_buffer_size = batch_size is int b ? b * 8L : 1024;
            string allowed = "('.bmp', '.gif', '.jpeg', '.jpg', '.png')";

            Dataset finish(Dataset ds, string[] paths)
            {
                if (batch_size is int bs) ds = ds.batch(bs);
                ds = ds.prefetch(Dataset.AUTOTUNE);
                ds.class_names = names;
                ds.file_paths = paths;
                return ds;
            }

            if (subset == "both")
            {
                var (train_paths, train_labels) = DatasetUtils.get_training_or_validation_split(image_paths, label_values, validation_split, "training");
                var (val_paths, val_labels) = DatasetUtils.get_training_or_validation_split(image_paths, label_values, validation_split, "validation");
                if (train_paths.Length == 0)
                    throw new ArgumentException($"No training images found in directory {directory}. Allowed formats: {allowed}", nameof(directory));
                if (val_paths.Length == 0)
                    throw new ArgumentException($"No validation images found in directory {directory}. Allowed formats: {allowed}", nameof(directory));
                var train = finish(loader.dataset(train_paths, train_labels, label_mode, num_classes, shuffle, shuffle_buffer_size, seed.Value), train_paths);
                var val = finish(loader.dataset(val_paths, val_labels, label_mode, num_classes, false, shuffle_buffer_size, seed.Value), val_paths);
                return new DatasetPair(train, val);
            }
            var (paths, split_labels) = DatasetUtils.get_training_or_validation_split(image_paths, label_values, validation_split, subset);
            if (paths.Length == 0)
                throw new ArgumentException($"No images found in directory {directory}. Allowed formats: {allowed}", nameof(directory));
            return finish(loader.dataset(paths, split_labels, label_mode, num_classes, shuffle, shuffle_buffer_size, seed.Value), paths);
        }
    }

    /// <summary>Keras's <c>keras.preprocessing</c>: the dataset utilities it re-exports and the legacy image and sequence tools.</summary>
    public static partial class preprocessing
    {
        /// <summary>Keras 3 also exports <c>keras.utils.image_dataset_from_directory</c> as <c>keras.preprocessing.image_dataset_from_directory</c>.</summary>
        public static Dataset image_dataset_from_directory(string directory, string? labels = "inferred", string? label_mode = "int",
            string[]? class_names = null, string color_mode = "rgb", int? batch_size = 32, (int, int)? image_size = null, bool shuffle = true,
            long? seed = null, double? validation_split = null, string? subset = null, string interpolation = "bilinear", bool follow_links = false,
            bool crop_to_aspect_ratio = false, bool pad_to_aspect_ratio = false, string? data_format = null, string format = "tf", bool verbose = true) =>
            utils.image_dataset_from_directory(directory, labels, label_mode, class_names, color_mode, batch_size, image_size, shuffle, seed,
                validation_split, subset, interpolation, follow_links, crop_to_aspect_ratio, pad_to_aspect_ratio, data_format, format, verbose);

        /// <summary><c>keras.preprocessing.image_dataset_from_directory</c> with explicit labels (see <c>keras.utils</c>'s).</summary>
        public static Dataset image_dataset_from_directory(string directory, object labels, string? label_mode = "int",
            string[]? class_names = null, string color_mode = "rgb", int? batch_size = 32, (int, int)? image_size = null, bool shuffle = true,
            long? seed = null, double? validation_split = null, string? subset = null, string interpolation = "bilinear", bool follow_links = false,
            bool crop_to_aspect_ratio = false, bool pad_to_aspect_ratio = false, string? data_format = null, string format = "tf", bool verbose = true) =>
            utils.image_dataset_from_directory(directory, labels, label_mode, class_names, color_mode, batch_size, image_size, shuffle, seed,
                validation_split, subset, interpolation, follow_links, crop_to_aspect_ratio, pad_to_aspect_ratio, data_format, format, verbose);
    }
}
