using KerasPort.Utils;
using static TorchSharp.torch;

namespace KerasPort.Preprocessing.Image;

/// <summary>
/// Keras's <c>NumpyArrayIterator</c>, what <see cref="ImageDataGenerator.flow"/> returns: batches
/// of augmented, standardized images from a rank-4 tensor, with their labels <c>y</c> and
/// <c>sample_weight</c> sliced alongside (unchanged, in their own dtype).
/// </summary>
public sealed class NumpyArrayIterator : Iterator
{
    /// <summary>The images of the chosen subset, in <see cref="Iterator.dtype"/>.</summary>
    public Tensor x { get; }

    /// <summary>The labels of the chosen subset; null when none were given.</summary>
    public Tensor? y { get; }

    /// <summary>The sample weights of the chosen subset; null when none were given.</summary>
    public Tensor? sample_weight { get; }

    /// <summary>
    /// Checks the arrays as Keras does and keeps the <paramref name="subset"/> (the first
    /// <c>int(N * validation_split)</c> samples are "validation", the rest "training").
    /// </summary>
    /// <param name="x">Images, [N, H, W, C] (or [N, C, H, W] for channels_first).</param>
    /// <param name="y">Labels, N rows; null for none.</param>
    /// <param name="image_data_generator">The generator whose <c>random_transform</c> and <c>standardize</c> each image goes through; null hands the images out unchanged.</param>
    /// <param name="batch_size">Images per batch. Default 32.</param>
    /// <param name="shuffle">Whether each epoch starts with a new permutation. Default false here (<c>flow</c> passes true), as in Keras.</param>
    /// <param name="sample_weight">Per-sample weights; null for none. Ignored without labels, as in Keras.</param>
    /// <param name="seed">When given, the global generator is reseeded with <c>seed + total_batches_seen</c> before each batch, as Keras does; null keeps drawing from it.</param>
    /// <param name="data_format"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
    /// <param name="save_to_dir">A folder where every image handed out is also saved; null (default) for none.</param>
    /// <param name="save_prefix">Prefix of the saved file names. Default empty.</param>
    /// <param name="save_format"><c>"png"</c> (default), <c>"jpeg"</c>, ... for the saved images.</param>
    /// <param name="subset"><c>"training"</c> or <c>"validation"</c> with the generator's <c>validation_split</c>; null (default) for all samples.</param>
    /// <param name="ignore_class_split">Skip the check that both sides of a validation split hold the same labels. Default false.</param>
    /// <param name="dtype">The dtype of the image batches. Default float32.</param>
    /// <exception cref="ArgumentException">Lengths differ, the subset name is unknown, the split
    /// leaves different label sets on both sides (unless <paramref name="ignore_class_split"/>),
    /// or <paramref name="x"/> is not rank 4.</exception>
    public NumpyArrayIterator(Tensor x, Tensor? y, ImageDataGenerator? image_data_generator,
                              int batch_size = 32, bool shuffle = false, Tensor? sample_weight = null,
                              long? seed = null, string data_format = "channels_last",
                              string? save_to_dir = null, string save_prefix = "", string save_format = "png",
                              string? subset = null, bool ignore_class_split = false,
                              ScalarType dtype = ScalarType.Float32)
        : this(checked_arrays(x, y, sample_weight, image_data_generator, subset, ignore_class_split, dtype),
               image_data_generator, batch_size, shuffle, seed, data_format, save_to_dir, save_prefix, save_format, dtype)
    {
    }

    private NumpyArrayIterator((Tensor x, Tensor? y, Tensor? w) arrays, ImageDataGenerator? image_data_generator,
                               int batch_size, bool shuffle, long? seed, string data_format,
                               string? save_to_dir, string save_prefix, string save_format, ScalarType dtype)
        : base((int)arrays.x.shape[0], batch_size, shuffle, seed)
    {
        (x, y, sample_weight) = arrays;
        this.image_data_generator = image_data_generator;
        this.data_format = data_format;
        this.save_to_dir = save_to_dir;
        this.save_prefix = save_prefix;
        this.save_format = save_format;
        this.dtype = dtype;
        image_shape = x.shape[1..];
        int channels_axis = data_format == "channels_last" ? 3 : 1;
        long channels = x.shape[channels_axis];
        if (channels is not (1 or 3 or 4))
            ImageDataGenerator.warn($"NumpyArrayIterator is set to use the data format convention \"{data_format}\" " +
                 $"(channels on axis {channels_axis}), i.e. expected either 1, 3, or 4 channels on axis " +
                 $"{channels_axis}. However, it was passed an array with shape {shape_str(x.shape)} ({channels} channels).");
    }

    /// <inheritdoc/>
    public override long[] image_shape { get; }

    private protected override long save_hash_range => 10_000;

    // A copy, as Keras's x.astype(dtype): standardize works in place. Copied as bytes: a tensor op
    // would start libtorch's own threads inside each of the batch's parallel workers.
    private protected override Tensor load_sample(int j)
    {
        using var source = x[j];
        var copy = empty(image_shape, x.dtype);
        source.bytes.CopyTo(copy.bytes);
        return copy;
    }

    private protected override Batch make_batch(int[] index_array, Tensor batch_x)
    {
        if (y is null) return new Batch(batch_x);
        using var idx = tensor(index_array.Select(i => (long)i).ToArray(), ScalarType.Int64);
        return new Batch(batch_x, y.index_select(0, idx), sample_weight?.index_select(0, idx));
    }

    private static (Tensor x, Tensor? y, Tensor? w) checked_arrays(
        Tensor x, Tensor? y, Tensor? sample_weight, ImageDataGenerator? generator,
        string? subset, bool ignore_class_split, ScalarType dtype)
    {
        long len = x.dim() == 0 ? 0 : x.shape[0];
        if (y is not null && (y.dim() == 0 || y.shape[0] != len))
            throw new ArgumentException(
                "`x` (images tensor) and `y` (labels) should have the same length. " +
                $"Found: x.shape = {shape_str(x.shape)}, y.shape = {shape_str(y.shape)}", nameof(y));
        if (sample_weight is not null && (sample_weight.dim() == 0 || sample_weight.shape[0] != len))
            throw new ArgumentException(
                "`x` (images tensor) and `sample_weight` should have the same length. " +
                $"Found: x.shape = {shape_str(x.shape)}, sample_weight.shape = {shape_str(sample_weight.shape)}",
                nameof(sample_weight));
        if (subset is not null)
        {
            if (subset is not ("training" or "validation"))
                throw new ArgumentException(
                    $"Invalid subset name: {subset}; expected \"training\" or \"validation\".", nameof(subset));
            long split = (long)(len * Iterator.subset_split(subset, generator));
            if (y is not null && !ignore_class_split && !same_values(y[..(int)split], y[(int)split..]))
                throw new ArgumentException(
                    "Training and validation subsets have different number of classes after the split. " +
                    "If your numpy arrays are sorted by the label, you might want to shuffle them.", nameof(subset));
            var range = subset == "validation" ? ..(int)split : (Range)((int)split..);
            x = x[range];
            y = y?[range];
            sample_weight = sample_weight?[range];
        }
        if (x.dim() != 4)
            throw new ArgumentException(
                "Input data in `NumpyArrayIterator` should have rank 4. " +
                $"You passed an array with shape {shape_str(x.shape)}", nameof(x));
        return (x.to(dtype, CPU).contiguous(), y, sample_weight);
    }

    // np.array_equal(np.unique(a), np.unique(b)).
    private static bool same_values(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        var (ua, _, _) = a.flatten().unique();
        var (ub, _, _) = b.flatten().unique();
        return ua.shape[0] == ub.shape[0] && ua.eq(ub).all().item<bool>();
    }
}
