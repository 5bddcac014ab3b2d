using static TorchSharp.torch;

namespace KerasPort.Preprocessing.Image;

/// <summary>
/// Keras's <c>DirectoryIterator</c>, what <see cref="ImageDataGenerator.flow_from_directory(string, int[], string, IReadOnlyList{string}, string, int, bool, long?, string, string, string, bool, string, string, bool)"/>
/// returns: one class per sub-folder of <see cref="directory"/> (sorted by code point unless
/// <c>classes</c> is given), the images of each class found by a sorted recursive walk.
/// </summary>
/// <remarks>
/// Files count when their lower-cased name ends with one of <see cref="Iterator.white_list_formats"/>;
/// a class folder without images is still a class. With <see cref="BatchFromFilesIterator.subset"/>
/// each class's list is split on its own: files <c>[int(a*n) : int(b*n)]</c>.
/// Labels: "categorical" one-hot, "binary"/"sparse" the class index (both in <see cref="Iterator.dtype"/>),
/// "input" a copy of the images, null none.
/// </remarks>
public sealed class DirectoryIterator : BatchFromFilesIterator
{
    private static readonly string?[] allowed_class_modes = ["categorical", "binary", "sparse", "input", null];

    private readonly string[] _filepaths;

    /// <summary>The folder the classes are read from.</summary>
    public string directory { get; }

    /// <summary>Number of images found.</summary>
    public int samples { get; }

    /// <summary>Number of classes (image-less class folders included).</summary>
    public int num_classes { get; }

    /// <summary>Class name to label index, in label order.</summary>
    public IReadOnlyDictionary<string, int> class_indices { get; }

    /// <summary>The label of every image, in sample order.</summary>
    public int[] classes { get; }

    /// <summary>Every image's path relative to <see cref="directory"/> (class folder first), in sample order.</summary>
    public IReadOnlyList<string> filenames { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<string> filepaths => _filepaths;

    /// <summary>Lists the images as Keras does and prints <c>Found N images belonging to K classes.</c></summary>
    /// <param name="directory">Folder with one sub-folder per class.</param>
    /// <param name="image_data_generator">The generator whose <c>random_transform</c> and <c>standardize</c> each image goes through; null hands the images out unchanged.</param>
    /// <param name="target_size">(height, width) every image is resized to; null for [256, 256].</param>
    /// <param name="color_mode"><c>"rgb"</c> (default), <c>"grayscale"</c> or <c>"rgba"</c>: 3, 1 or 4 channels.</param>
    /// <param name="classes">Class names in label order; null or empty (default) for every class found, sorted.</param>
    /// <param name="class_mode">The labels: <c>"categorical"</c> (default, one-hot), <c>"binary"</c> (0/1), <c>"sparse"</c> (integer ids), <c>"input"</c> (the images themselves) or null (none).</param>
    /// <param name="batch_size">Images per batch. Default 32.</param>
    /// <param name="shuffle">Whether each epoch starts with a new permutation. Default true.</param>
    /// <param name="seed">When given, the global generator is reseeded with <c>seed + total_batches_seen</c> before each batch, as Keras does; null keeps drawing from it.</param>
    /// <param name="data_format"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
    /// <param name="save_to_dir">A folder where every image handed out is also saved; null (default) for none.</param>
    /// <param name="save_prefix">Prefix of the saved file names. Default empty.</param>
    /// <param name="save_format"><c>"png"</c> (default), <c>"jpeg"</c>, ... for the saved images.</param>
    /// <param name="follow_links">Whether to follow symbolic links inside the class folders. Default false.</param>
    /// <param name="subset"><c>"training"</c> or <c>"validation"</c> with the generator's <c>validation_split</c>; null (default) for all samples.</param>
    /// <param name="interpolation">The PIL resampling filter for resizing: <c>"nearest"</c> (default), <c>"bilinear"</c>, <c>"bicubic"</c>, <c>"hamming"</c>, <c>"box"</c> or <c>"lanczos"</c>.</param>
    /// <param name="keep_aspect_ratio">Centre-crop each image to the target aspect ratio before resizing. Default false.</param>
    /// <param name="dtype">The dtype of the image batches. Default float32.</param>
    /// <exception cref="DirectoryNotFoundException"><paramref name="directory"/> does not exist.</exception>
    /// <exception cref="ArgumentException">An unknown color_mode, subset or class_mode.</exception>
    public DirectoryIterator(string directory, ImageDataGenerator? image_data_generator,
                             int[]? target_size = null, string color_mode = "rgb",
                             IReadOnlyList<string>? classes = null, string? class_mode = "categorical",
                             int batch_size = 32, bool shuffle = true, long? seed = null,
                             string data_format = "channels_last", string? save_to_dir = null,
                             string save_prefix = "", string save_format = "png", bool follow_links = false,
                             string? subset = null, string interpolation = "nearest",
                             bool keep_aspect_ratio = false, ScalarType dtype = ScalarType.Float32)
        : this(directory, list(directory, classes, follow_links, ProcessingAttrs.check(
                   image_data_generator, target_size, color_mode, data_format, save_to_dir, save_prefix,
                   save_format, subset, interpolation, keep_aspect_ratio, class_mode, allowed_class_modes, dtype)),
               batch_size, shuffle, seed)
    {
    }

    private DirectoryIterator(string directory, Listing listing, int batch_size, bool shuffle, long? seed)
        : base(listing.attrs, listing.filenames.Length, batch_size, shuffle, seed)
    {
        this.directory = directory;
        class_indices = listing.class_indices;
        num_classes = listing.num_classes;
        filenames = listing.filenames;
        classes = listing.classes;
        samples = listing.filenames.Length;
        _filepaths = listing.filenames.Select(f => Path.Join(directory, f)).ToArray();
        Console.WriteLine($"Found {samples} images belonging to {num_classes} classes.");
    }

    private protected override IReadOnlyList<int> class_of(int j) => [classes[j]];

    private protected override int num_label_columns => class_indices.Count;

    private sealed record Listing(ProcessingAttrs attrs, Dictionary<string, int> class_indices, int num_classes,
                                  string[] filenames, int[] classes);

    private static Listing list(string directory, IReadOnlyList<string>? classes, bool follow_links, ProcessingAttrs attrs)
    {
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"No such directory: '{directory}'");
        string[] names = classes is { Count: > 0 }
            ? classes.ToArray()
            : Directory.EnumerateFileSystemEntries(directory)
                       .Where(Directory.Exists)
                       .Select(p => Path.GetFileName(p))
                       .Order(CodePointComparer.Instance)
                       .ToArray();
        var class_indices = new Dictionary<string, int>();
        for (int c = 0; c < names.Length; c++) class_indices[names[c]] = c;

        // Each class folder is walked on its own thread, as Keras's thread pool does; order is kept.
        var per_class = names.AsParallel().AsOrdered().Select(name =>
        {
            var files = FileWalk.valid_files(Path.Join(directory, name), white_list_formats, follow_links);
            var (start, stop) = attrs.bounds(files.Count);
            return (label: class_indices[name], files: files.Take(start..stop).Select(f => Path.Join(name, f)).ToArray());
        }).ToArray();
        var filenames = per_class.SelectMany(p => p.files).ToArray();
        var labels = per_class.SelectMany(p => Enumerable.Repeat(p.label, p.files.Length)).ToArray();
        return new Listing(attrs, class_indices, names.Length, filenames, labels);
    }
}
