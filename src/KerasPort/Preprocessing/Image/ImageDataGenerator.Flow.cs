using static TorchSharp.torch;

namespace KerasPort.Preprocessing.Image;

// The iterators a generator hands out, with Keras's parameters and defaults.
public partial class ImageDataGenerator
{
    /// <summary>
    /// Batches of augmented, standardized images from <paramref name="x"/> (rank 4, channel axis per
    /// data_format), with <paramref name="y"/> and <paramref name="sample_weight"/> sliced alongside
    /// (Keras's <c>datagen.flow</c>). A batch is <c>(x)</c> without labels, <c>(x, y)</c>, or
    /// <c>(x, y, sample_weight)</c>; <c>model.fit</c> takes the iterator directly.
    /// </summary>
    /// <param name="x">Images, [N, H, W, C] (or [N, C, H, W] for channels_first).</param>
    /// <param name="y">Labels, N rows; null (default) for none.</param>
    /// <param name="batch_size">Images per batch. Default 32.</param>
    /// <param name="shuffle">Whether each epoch starts with a new permutation. Default true.</param>
    /// <param name="sample_weight">Per-sample weights; null (default) for none. Ignored without <paramref name="y"/>, as in Keras.</param>
    /// <param name="seed">When given, reseeds the global generator with <c>seed + total_batches_seen</c> before each batch, as Keras does; null (default) keeps drawing from it.</param>
    /// <param name="save_to_dir">A folder where every image handed out is also saved, to look at the augmentation; null (default) for none.</param>
    /// <param name="save_prefix">Prefix of the saved names, <c>{prefix}_{index}_{hash}.{format}</c>. Default empty.</param>
    /// <param name="save_format"><c>"png"</c> (default), <c>"jpeg"</c>, ... for the saved images.</param>
    /// <param name="ignore_class_split">Skip the check that both sides of a validation split hold the same labels. Default false.</param>
    /// <param name="subset"><c>"training"</c> or <c>"validation"</c> with the generator's <c>validation_split</c>; null (default) for all images.</param>
    /// <returns>A Keras Sequence of batches: <c>Count</c> batches, an indexer, <c>next()</c>, and <c>foreach</c>.</returns>
    /// <example>
    /// Python <c>for batch in datagen.flow(x, batch_size=1, save_to_dir="aug_imgs", save_prefix="img", save_format="jpeg")</c> ports as:
    /// <code>
    /// int i = 0;
    /// foreach (var batch in datagen.flow(x, batch_size: 1, save_to_dir: "aug_imgs", save_prefix: "img", save_format: "jpeg"))
    /// {
    /// i += 1;
    /// if (i > 25) break;   // the iterator loops forever, as in Keras
    /// }
    /// model.fit(datagen.flow(x_train, y_train, batch_size: 32), epochs: 10);
    /// </code>
    /// </example>
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
                                                 /// <paramref name="target_size"/>, augmented and standardized (Keras's
                                                 /// <c>datagen.flow_from_directory</c>). Labels come from the sub-folder each image is in.
                                                 /// </summary>
                                                 /// <param name="directory">Folder with one sub-folder per class (images in nested folders are found too).</param>
                                                 /// <param name="target_size">(height, width) every image is resized to; null (default) for [256, 256].</param>
                                                 /// <param name="color_mode"><c>"rgb"</c> (default), <c>"grayscale"</c> or <c>"rgba"</c>: 3, 1 or 4 channels.</param>
                                                 /// <param name="classes">Class folder names in label order; null or empty (default) for every sub-folder, sorted.</param>
                                                 /// <param name="class_mode">The labels: <c>"categorical"</c> (default, one-hot), <c>"binary"</c> (0/1), <c>"sparse"</c> (integer ids), <c>"input"</c> (the images themselves, for autoencoders) or null (no labels).</param>
                                                 /// <param name="batch_size">Images per batch. Default 32.</param>
                                                 /// <param name="shuffle">Whether each epoch starts with a new permutation. Default true.</param>
                                                 /// <param name="seed">When given, reseeds the global generator with <c>seed + total_batches_seen</c> before each batch; null (default) keeps drawing from it.</param>
                                                 /// <param name="save_to_dir">A folder where every image handed out is also saved; null (default) for none.</param>
                                                 /// <param name="save_prefix">Prefix of the saved names. Default empty.</param>
                                                 /// <param name="save_format"><c>"png"</c> (default), <c>"jpeg"</c>, ... for the saved images.</param>
                                                 /// <param name="follow_links">Whether to follow symbolic links inside the class folders. Default false.</param>
                                                 /// <param name="subset"><c>"training"</c> or <c>"validation"</c> with the generator's <c>validation_split</c>; null (default) for all images.</param>
                                                 /// <param name="interpolation">The PIL resampling filter for resizing: <c>"nearest"</c> (default), <c>"bilinear"</c>, <c>"bicubic"</c>, <c>"hamming"</c>, <c>"box"</c> or <c>"lanczos"</c>.</param>
                                                 /// <param name="keep_aspect_ratio">Centre-crop each image to the target aspect ratio before resizing. Default false.</param>
                                                 /// <returns>A Keras Sequence of batches; it also exposes <c>classes</c>, <c>class_indices</c>, <c>filenames</c> and <c>samples</c>.</returns>
                                                 /// <example>
                                                 /// Python <c>train = datagen.flow_from_directory("data/train", target_size=(150, 150), batch_size=20, class_mode="binary")</c> ports as:
                                                 /// <code>
                                                 /// var train = datagen.flow_from_directory("data/train", target_size: (150, 150), batch_size: 20, class_mode: "binary");
                                                 /// model.fit(train, epochs: 30);
                                                 /// // train.class_indices maps each folder name to its label
                                                 /// </code>
                                                 /// </example>
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
    /// <param name="directory">Folder with one sub-folder per class.</param>
    /// <param name="target_size">(height, width) every image is resized to, as a tuple.</param>
    /// <param name="color_mode"><c>"rgb"</c> (default), <c>"grayscale"</c> or <c>"rgba"</c>: 3, 1 or 4 channels.</param>
    /// <param name="classes">Class names in label order; null or empty (default) for every class found, sorted.</param>
    /// <param name="class_mode">The labels: <c>"categorical"</c> (default, one-hot), <c>"binary"</c> (0/1), <c>"sparse"</c> (integer ids), <c>"input"</c> (the images themselves) or null (none).</param>
    /// <param name="batch_size">Images per batch. Default 32.</param>
    /// <param name="shuffle">Whether each epoch starts with a new permutation. Default true.</param>
    /// <param name="seed">When given, reseeds the global generator with <c>seed + total_batches_seen</c> before each batch; null (default) keeps drawing from it.</param>
    /// <param name="save_to_dir">A folder where every image handed out is also saved; null (default) for none.</param>
    /// <param name="save_prefix">Prefix of the saved file names. Default empty.</param>
    /// <param name="save_format"><c>"png"</c> (default), <c>"jpeg"</c>, ... for the saved images.</param>
    /// <param name="follow_links">Whether to follow symbolic links inside the class folders. Default false.</param>
    /// <param name="subset"><c>"training"</c> or <c>"validation"</c> with the generator's <c>validation_split</c>; null (default) for all samples.</param>
    /// <param name="interpolation">The PIL resampling filter for resizing: <c>"nearest"</c> (default), <c>"bilinear"</c>, <c>"bicubic"</c>, <c>"hamming"</c>, <c>"box"</c> or <c>"lanczos"</c>.</param>
    /// <param name="keep_aspect_ratio">Centre-crop each image to the target aspect ratio before resizing. Default false.</param>
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
    /// <param name="dataframe">The table: one dictionary per row, column name to value.</param>
    /// <param name="directory">The folder the file names are relative to; null (default) when they are full paths.</param>
    /// <param name="x_col">The column of the file names. Default <c>"filename"</c>.</param>
    /// <param name="y_col">The column of the targets (see <see cref="DataFrameIterator"/> for what it holds per class_mode). Default <c>"class"</c>.</param>
    /// <param name="weight_col">The column of numeric sample weights; null (default) for none.</param>
    /// <param name="target_size">(height, width) every image is resized to; null for [256, 256].</param>
    /// <param name="color_mode"><c>"rgb"</c> (default), <c>"grayscale"</c> or <c>"rgba"</c>: 3, 1 or 4 channels.</param>
    /// <param name="classes">Class names in label order; null or empty (default) for every class found, sorted.</param>
    /// <param name="class_mode">The labels: <c>"categorical"</c> (default; a class name, or several for multi-label), <c>"binary"</c>, <c>"sparse"</c>, <c>"raw"</c> (the y_col values as given), <c>"input"</c> (the images themselves) or null (none).</param>
    /// <param name="batch_size">Images per batch. Default 32.</param>
    /// <param name="shuffle">Whether each epoch starts with a new permutation. Default true.</param>
    /// <param name="seed">When given, the global generator is reseeded with <c>seed + total_batches_seen</c> before each batch, as Keras does; null keeps drawing from it.</param>
    /// <param name="save_to_dir">A folder where every image handed out is also saved; null (default) for none.</param>
    /// <param name="save_prefix">Prefix of the saved file names. Default empty.</param>
    /// <param name="save_format"><c>"png"</c> (default), <c>"jpeg"</c>, ... for the saved images.</param>
    /// <param name="subset"><c>"training"</c> or <c>"validation"</c> with the generator's <c>validation_split</c>; null (default) for all samples.</param>
    /// <param name="interpolation">The PIL resampling filter for resizing: <c>"nearest"</c> (default), <c>"bilinear"</c>, <c>"bicubic"</c>, <c>"hamming"</c>, <c>"box"</c> or <c>"lanczos"</c>.</param>
    /// <param name="validate_filenames">Drop, with a warning, rows whose file is missing or not an image. Default true.</param>
    /// <param name="keep_aspect_ratio">Centre-crop each image to the target aspect ratio before resizing. Default false.</param>
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
