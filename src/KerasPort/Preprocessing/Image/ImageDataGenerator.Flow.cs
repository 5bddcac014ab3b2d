using static TorchSharp.torch;

namespace KerasPort.Preprocessing.Image;

// The iterators a generator hands out, with Keras's parameters and defaults.
public partial class ImageDataGenerator
{
    /// <summary>
    /// Batches of augmented, standardized images from <paramref name="x"/> (rank 4, channel axis per
    /// data_format), with <paramref name="y"/> and <paramref name="sample_weight"/> sliced alongside.
    /// A batch is <c>(x)</c> without labels, <c>(x, y)</c>, or <c>(x, y, sample_weight)</c>.
    /// </summary>
    /// <param name="x">Images, [N, H, W, C] (or [N, C, H, W]).</param>
    /// <param name="y">Labels, N rows; null for none.</param>
    /// <param name="batch_size">Images per batch.</param>
    /// <param name="shuffle">Whether each epoch starts with a new permutation.</param>
    /// <param name="sample_weight">Per-sample weights; ignored without <paramref name="y"/>, as in Keras.</param>
    /// <param name="seed">Reseeds the global generator with <c>seed + total_batches_seen</c> before each batch.</param>
    /// <param name="save_to_dir">Folder where every image handed out is also saved; null for none.</param>
    /// <param name="save_prefix">Prefix of the saved names, <c>{prefix}_{index}_{hash}.{format}</c>.</param>
    /// <param name="save_format">"png", "jpeg", ...</param>
    /// <param name="ignore_class_split">Skip the check that both sides of a split hold the same labels.</param>
    /// <param name="subset">"training" or "validation" with <c>validation_split</c>; null for all.</param>
    public NumpyArrayIterator flow(Tensor x, Tensor? y = null, int batch_size = 32, bool shuffle = true,
                                   Tensor? sample_weight = null, long? seed = null, string? save_to_dir = null,
                                   string save_prefix = "", string save_format = "png",
                                   bool ignore_class_split = false, string? subset = null)
        => new(x, y, this, batch_size: batch_size, shuffle: shuffle, sample_weight: sample_weight, seed: seed,
               data_format: data_format, save_to_dir: save_to_dir, save_prefix: save_prefix,
               save_format: save_format, subset: subset, ignore_class_split: ignore_class_split,
               dtype: scalar_type);

    /// <summary>
    /// Batches of images read from the class sub-folders of <paramref name="directory"/>, resized to
    /// <paramref name="target_size"/> (default [256, 256]), augmented and standardized.
    /// </summary>
    /// <param name="directory">Folder with one sub-folder per class.</param>
    /// <param name="target_size">(height, width); null for [256, 256].</param>
    /// <param name="color_mode">"grayscale", "rgb" or "rgba".</param>
    /// <param name="classes">Class folder names in label order; null or empty for all sub-folders, sorted.</param>
    /// <param name="class_mode">"categorical", "binary", "sparse", "input" or null.</param>
    /// <param name="batch_size">Images per batch.</param>
    /// <param name="shuffle">Whether each epoch starts with a new permutation.</param>
    /// <param name="seed">Reseeds the global generator with <c>seed + total_batches_seen</c> before each batch.</param>
    /// <param name="save_to_dir">Folder where every image handed out is also saved; null for none.</param>
    /// <param name="save_prefix">Prefix of the saved names.</param>
    /// <param name="save_format">"png", "jpeg", ...</param>
    /// <param name="follow_links">Whether to enter linked folders inside the class folders.</param>
    /// <param name="subset">"training" or "validation" with <c>validation_split</c>; null for all.</param>
    /// <param name="interpolation">PIL resampling filter: "nearest", "bilinear", "bicubic", ...</param>
    /// <param name="keep_aspect_ratio">Centre-crop to the target aspect ratio before resizing.</param>
    public DirectoryIterator flow_from_directory(string directory, int[]? target_size = null, string color_mode = "rgb",
                                                 IReadOnlyList<string>? classes = null, string? class_mode = "categorical",
                                                 int batch_size = 32, bool shuffle = true, long? seed = null,
                                                 string? save_to_dir = null, string save_prefix = "",
                                                 string save_format = "png", bool follow_links = false,
                                                 string? subset = null, string interpolation = "nearest",
                                                 bool keep_aspect_ratio = false)
        => new(directory, this, target_size: target_size, color_mode: color_mode, classes: classes,
               class_mode: class_mode, batch_size: batch_size, shuffle: shuffle, seed: seed,
               data_format: data_format, save_to_dir: save_to_dir, save_prefix: save_prefix,
               save_format: save_format, follow_links: follow_links, subset: subset,
               interpolation: interpolation, keep_aspect_ratio: keep_aspect_ratio, dtype: scalar_type);

    /// <summary>
    /// <see cref="flow_from_directory(string, int[], string, IReadOnlyList{string}, string, int, bool, long?, string, string, string, bool, string, string, bool)"/>
    /// with the size written as a tuple, <c>target_size: (150, 150)</c>, as in Python.
    /// </summary>
    public DirectoryIterator flow_from_directory(string directory, (int height, int width) target_size,
                                                 string color_mode = "rgb", IReadOnlyList<string>? classes = null,
                                                 string? class_mode = "categorical", int batch_size = 32,
                                                 bool shuffle = true, long? seed = null, string? save_to_dir = null,
                                                 string save_prefix = "", string save_format = "png",
                                                 bool follow_links = false, string? subset = null,
                                                 string interpolation = "nearest", bool keep_aspect_ratio = false)
        => flow_from_directory(directory, [target_size.height, target_size.width], color_mode, classes, class_mode,
                               batch_size, shuffle, seed, save_to_dir, save_prefix, save_format, follow_links,
                               subset, interpolation, keep_aspect_ratio);

    /// <summary>
    /// Batches of images listed in a table: one dictionary per row, column name to value. See
    /// <see cref="DataFrameIterator"/> for what <paramref name="x_col"/>, <paramref name="y_col"/>
    /// and <paramref name="weight_col"/> hold for each <paramref name="class_mode"/>.
    /// </summary>
    public DataFrameIterator flow_from_dataframe(IEnumerable<IReadOnlyDictionary<string, object?>> dataframe,
                                                 string? directory = null, string x_col = "filename",
                                                 string y_col = "class", string? weight_col = null,
                                                 int[]? target_size = null, string color_mode = "rgb",
                                                 IReadOnlyList<string>? classes = null,
                                                 string? class_mode = "categorical", int batch_size = 32,
                                                 bool shuffle = true, long? seed = null, string? save_to_dir = null,
                                                 string save_prefix = "", string save_format = "png",
                                                 string? subset = null, string interpolation = "nearest",
                                                 bool validate_filenames = true, bool keep_aspect_ratio = false)
        => new(dataframe, directory, this, x_col: x_col, y_col: y_col, weight_col: weight_col,
               target_size: target_size, color_mode: color_mode, classes: classes, class_mode: class_mode,
               batch_size: batch_size, shuffle: shuffle, seed: seed, data_format: data_format,
               save_to_dir: save_to_dir, save_prefix: save_prefix, save_format: save_format, subset: subset,
               interpolation: interpolation, keep_aspect_ratio: keep_aspect_ratio, dtype: scalar_type,
               validate_filenames: validate_filenames);
}
