using static TorchSharp.torch;

namespace KerasPort.Preprocessing.Image;

/// <summary>
/// Keras's <c>DataFrameIterator</c>, what <see cref="ImageDataGenerator.flow_from_dataframe"/> returns.
/// The "data frame" is a plain table: one dictionary per row, column name to value
/// (e.g. <c>new Dictionary&lt;string, object?&gt; { ["filename"] = "cat1.jpg", ["class"] = "cat" }</c>).
/// </summary>
/// <remarks>
/// Column meanings are Keras's: <c>x_col</c> holds file names (relative to <c>directory</c>, or
/// full paths when it is null); <c>y_col</c> holds, per <see cref="BatchFromFilesIterator.class_mode"/>:
/// "categorical" a class name (string) or several (a collection of strings, multi-label);
/// "binary"/"sparse" a class name; "raw" a number or an array of numbers (the targets as given);
/// "input"/null nothing. <c>weight_col</c> holds numeric sample weights. Classes are the sorted
/// distinct names unless <c>classes</c> is given, in which case rows with no listed class are
/// dropped. With <c>validate_filenames</c>, rows whose file is missing or not an image are dropped
/// with a warning. Keras's "multi_output" (a list of targets per batch) is not supported.
/// </remarks>
public sealed class DataFrameIterator : BatchFromFilesIterator
{
    private static readonly string?[] allowed_class_modes = ["binary", "categorical", "input", "raw", "sparse", null];
    private static readonly string?[] no_classes_modes = ["input", "raw", null];

    private readonly string[] _filepaths;
    private readonly int[][]? _labels;
    private readonly Tensor? _targets;
    private readonly Tensor? _sample_weight;

    /// <summary>Folder the file names are relative to ("" when they are full paths).</summary>
    public string directory { get; }

    /// <summary>Number of rows kept.</summary>
    public int samples { get; }

    /// <summary>Class name to label index; empty for "input", "raw" and null class modes.</summary>
    public IReadOnlyDictionary<string, int> class_indices { get; } = new Dictionary<string, int>();

    /// <summary>The class indices of every row (one, or several for multi-label); null without classes.</summary>
    public IReadOnlyList<IReadOnlyList<int>>? classes => _labels;

    /// <summary>The <c>x_col</c> value of every row kept, in sample order.</summary>
    public IReadOnlyList<string> filenames { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<string> filepaths => _filepaths;

    /// <summary>Checks the table as Keras does, keeps the valid rows of the subset and prints what it found.</summary>
    /// <param name="dataframe">The table: one dictionary per row, column name to value.</param>
    /// <param name="directory">The folder the file names are relative to; null (default) when they are full paths.</param>
    /// <param name="image_data_generator">The generator whose <c>random_transform</c> and <c>standardize</c> each image goes through; null (default) hands the images out unchanged.</param>
    /// <param name="x_col">The column of the file names. Default <c>"filename"</c>.</param>
    /// <param name="y_col">The column of the targets (see the class remarks for what it holds per class_mode). Default <c>"class"</c>.</param>
    /// <param name="weight_col">The column of numeric sample weights; null (default) for none.</param>
    /// <param name="target_size">(height, width) every image is resized to; null for [256, 256].</param>
    /// <param name="color_mode"><c>"rgb"</c> (default), <c>"grayscale"</c> or <c>"rgba"</c>: 3, 1 or 4 channels.</param>
    /// <param name="classes">Class names in label order; null or empty (default) for every class found, sorted.</param>
    /// <param name="class_mode">The labels: <c>"categorical"</c> (default; a class name, or several for multi-label), <c>"binary"</c>, <c>"sparse"</c>, <c>"raw"</c> (the y_col values as given), <c>"input"</c> (the images themselves) or null (none).</param>
    /// <param name="batch_size">Images per batch. Default 32.</param>
    /// <param name="shuffle">Whether each epoch starts with a new permutation. Default true.</param>
    /// <param name="seed">When given, the global generator is reseeded with <c>seed + total_batches_seen</c> before each batch, as Keras does; null keeps drawing from it.</param>
    /// <param name="data_format"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
    /// <param name="save_to_dir">A folder where every image handed out is also saved; null (default) for none.</param>
    /// <param name="save_prefix">Prefix of the saved file names. Default empty.</param>
    /// <param name="save_format"><c>"png"</c> (default), <c>"jpeg"</c>, ... for the saved images.</param>
    /// <param name="subset"><c>"training"</c> or <c>"validation"</c> with the generator's <c>validation_split</c>; null (default) for all samples.</param>
    /// <param name="interpolation">The PIL resampling filter for resizing: <c>"nearest"</c> (default), <c>"bilinear"</c>, <c>"bicubic"</c>, <c>"hamming"</c>, <c>"box"</c> or <c>"lanczos"</c>.</param>
    /// <param name="keep_aspect_ratio">Centre-crop each image to the target aspect ratio before resizing. Default false.</param>
    /// <param name="dtype">The dtype of the image batches. Default float32.</param>
    /// <param name="validate_filenames">Drop, with a warning, rows whose file is missing or not an image. Default true.</param>
    /// <exception cref="ArgumentException">A bad argument, a missing column, or a value of the wrong type.</exception>
    public DataFrameIterator(IEnumerable<IReadOnlyDictionary<string, object?>> dataframe, string? directory = null,
                             ImageDataGenerator? image_data_generator = null, string x_col = "filename",
                             string y_col = "class", string? weight_col = null, int[]? target_size = null,
                             string color_mode = "rgb", IReadOnlyList<string>? classes = null,
                             string? class_mode = "categorical", int batch_size = 32, bool shuffle = true,
                             long? seed = null, string data_format = "channels_last", string? save_to_dir = null,
                             string save_prefix = "", string save_format = "png", string? subset = null,
                             string interpolation = "nearest", bool keep_aspect_ratio = false,
                             ScalarType dtype = ScalarType.Float32, bool validate_filenames = true)
        : this(DataFrameTable.build(dataframe, directory ?? "", x_col, y_col, weight_col, classes, validate_filenames,
                   ProcessingAttrs.check(image_data_generator, target_size, color_mode, data_format, save_to_dir,
                       save_prefix, save_format, subset, interpolation, keep_aspect_ratio,
                       class_mode == "other" ? "raw" : class_mode, allowed_class_modes, dtype)),
               batch_size, shuffle, seed, validate_filenames)
    {
    }

    private DataFrameIterator(DataFrameTable table, int batch_size, bool shuffle, long? seed, bool validate_filenames)
        : base(table.attrs, table.filenames.Length, batch_size, shuffle, seed)
    {
        directory = table.directory;
        filenames = table.filenames;
        samples = table.filenames.Length;
        _filepaths = table.filenames.Select(f => Path.Join(directory, f)).ToArray();
        _labels = table.labels;
        _targets = table.targets;
        _sample_weight = table.weights;
        string validated = validate_filenames ? "validated" : "non-validated";
        if (table.class_indices is { } indices)
        {
            class_indices = indices;
            Console.WriteLine($"Found {samples} {validated} image filenames belonging to {indices.Count} classes.");
        }
        else
        {
            Console.WriteLine($"Found {samples} {validated} image filenames.");
        }
    }

    private protected override IReadOnlyList<int> class_of(int j) => _labels![j];

    private protected override int num_label_columns => class_indices.Count;

    private protected override Tensor? raw_labels => _targets;

    private protected override Tensor? sample_weights => _sample_weight;

    internal static bool uses_classes(string? class_mode) => !no_classes_modes.Contains(class_mode);
}
