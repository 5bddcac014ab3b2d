using System.Globalization;
using KerasPort.Backend;
using KerasPort.Layers;
using KerasPort.Utils;
using static TorchSharp.torch;

namespace KerasPort.Data
{
    /// <summary>
    /// Keras's <c>keras.utils.split_dataset</c> (<c>keras/src/utils/dataset_utils.py</c>) on the torch
    /// backend: arrays go the way of <c>_split_dataset_torch</c> (torch's <c>random_split</c>: a
    /// <c>randperm</c> of every index, even without <c>shuffle</c>), a <see cref="Dataset"/> the way
    /// of <c>_split_dataset_tf</c> (its elements listed, shuffled by Python's <c>random</c>, the left
    /// part from the front and the right part from the back).
    /// </summary>
    internal static class SplitDataset
    {
        /// <summary>Keras's <c>_split_dataset_torch</c> for arrays of the same length (one array or several per element).</summary>
        public static (Dataset left, Dataset right) split_arrays(Tensor[] arrays, bool tuple, object? left_size, object? right_size, bool shuffle, long? seed)
        {
            if (arrays.Length == 0)
                throw new ArgumentException("Received an empty list dataset. Please provide a non-empty list of arrays.", "dataset");
            if (arrays.Any(a => a.dim() == 0 || a.shape[0] != arrays[0].shape[0]))
                throw new ArgumentException($"Size mismatch between tensors: every array needs the same first dimension. Received shapes: {string.Join(", ", arrays.Select(a => ShapeText.format(a.shape)))}", "dataset");
            check_given(left_size, right_size);
            long total = arrays[0].shape[0];
            var (left, right) = rescale_dataset_split_sizes(left_size, right_size, total);
            if (left + right != total)
                throw new ArgumentException($"Sum of input lengths does not equal the length of the input dataset! (torch's random_split: left_size={left}, right_size={right}, length={total})", nameof(right_size));

            using var scope = NewDisposeScope();
            Tensor order;
            if (!shuffle) order = randperm(total);
            else
            {
                using var generator = new TorchSharp.torch.Generator();
                if (seed is long s) generator.manual_seed(s);
                else generator.seed();
                order = randperm(total, generator: generator);
            }
            return (subset(arrays, order.narrow(0, 0, left), tuple), subset(arrays, order.narrow(0, left, right), tuple));
        }

        // The datasets keep their arrays beyond the scope that made them.
        private static Dataset subset(Tensor[] arrays, Tensor rows, bool tuple)
        {
            var parts = arrays.Select(a => a.index_select(0, rows.to(a.device)).DetachFromDisposeScope()).ToArray();
            return tuple ? Dataset.from_tensor_slices(parts) : Dataset.from_tensor_slices(parts[0]);
        }

        /// <summary>Keras's <c>_split_dataset_tf</c> for a <see cref="Dataset"/>: unbatched, listed, split, rebatched, prefetched.</summary>
        public static (Dataset left, Dataset right) split_dataset(Dataset dataset, object? left_size, object? right_size, bool shuffle, long? seed)
        {
            check_given(left_size, right_size);
            long? batch_size = dataset is BatchDataset batched ? batched.batch_size : null;
            var source = batch_size is null ? dataset : dataset.unbatch();
            var samples = new List<Tensor[]>();
            using var scope = NewDisposeScope();
            foreach (var element in source)
            {
                if (samples.Count > 0 && !source.spec.tuple && !element[0].shape.SequenceEqual(samples[0][0].shape))
                    throw new ArgumentException($"All `dataset` samples must have same shape, Expected shape: {ShapeText.format(samples[0][0].shape)} Received shape: {ShapeText.format(element[0].shape)} at index {samples.Count - 1}.", nameof(dataset));
                samples.Add(element);
            }
            if (samples.Count == 0)
                throw new ArgumentException("Received an empty dataset. Argument `dataset` must be a non-empty list/tuple of `numpy.ndarray` objects or `tf.data.Dataset` objects.", nameof(dataset));
            if (shuffle)
            {
                // As Keras: an unseeded split draws its seed from, then reseeds, Python's global random.
                seed ??= PythonRandom.Global.randint(0, 1000000);
                PythonRandom.Global.seed(seed.Value);
                PythonRandom.Global.shuffle(samples);
            }
            var (left, right) = rescale_dataset_split_sizes(left_size, right_size, samples.Count);
            return (restore(samples.Take((int)left).ToList(), source.spec.tuple, batch_size),
                    restore(samples.Skip(samples.Count - (int)right).ToList(), source.spec.tuple, batch_size));
        }

        /// <summary>Keras's <c>_restore_dataset_from_list</c>: the samples stacked per component, sliced again, batched as the input was.</summary>
        private static Dataset restore(List<Tensor[]> samples, bool tuple, long? batch_size)
        {
            // The datasets keep their arrays beyond the scope that listed the samples.
            var components = Enumerable.Range(0, samples[0].Length).Select(i => stack(samples.Select(s => s[i]).ToArray()).DetachFromDisposeScope()).ToArray();
            var result = tuple ? Dataset.from_tensor_slices(components) : Dataset.from_tensor_slices(components[0]);
            if (batch_size is long size) result = result.batch(size);
            return result.prefetch(Dataset.AUTOTUNE);
        }

        private static void check_given(object? left_size, object? right_size)
        {
            if (left_size is null && right_size is null)
                throw new ArgumentException("At least one of the `left_size` or `right_size` must be specified. Received: left_size=None and right_size=None", nameof(left_size));
        }

        /// <summary>Keras's <c>_rescale_dataset_split_sizes</c>: an int is a count, a float a fraction, null the complement.</summary>
        internal static (long left, long right) rescale_dataset_split_sizes(object? left_size, object? right_size, long total_length)
        {
            var left = size(left_size, "left_size");
            var right = size(right_size, "right_size");
            if (left is { value: 0 } && right is { value: 0 })
                throw new ArgumentException("Both `left_size` and `right_size` are zero. At least one of the split sizes must be non-zero.", nameof(left_size));
            if (left is { } l && (l.is_int ? l.value <= 0 || l.value >= total_length : l.value <= 0 || l.value >= 1))
                throw new ArgumentException($"`left_size` should be either a positive integer smaller than {total_length}, or a float within the range `[0, 1]`. Received: left_size={text(l)}", nameof(left_size));
            if (right is { } r && (r.is_int ? r.value <= 0 || r.value >= total_length : r.value <= 0 || r.value >= 1))
                throw new ArgumentException($"`right_size` should be either a positive integer and smaller than {total_length} or a float within the range `[0, 1]`. Received: right_size={text(r)}", nameof(right_size));
            if (left is { is_int: false } lf && right is { is_int: false } rf && lf.value + rf.value > 1)
                throw new ArgumentException("The sum of `left_size` and `right_size` is greater than 1. It must be less than or equal to 1.", nameof(right_size));

            // Keras's counts as Python has them, for its messages: an int size becomes a float, a
            // fraction an int (round() rounds half to even, as Math.Round), a complement takes the other's type.
            (double value, bool is_float)? left_count = left is { } a ? (a.is_int ? (a.value, true) : (Math.Round(a.value * total_length), false)) : null;
            (double value, bool is_float)? right_count = right is { } b ? (b.is_int ? (b.value, true) : (Math.Round(b.value * total_length), false)) : null;
            left_count ??= (total_length - right_count!.Value.value, right_count.Value.is_float);
            right_count ??= (total_length - left_count.Value.value, left_count.Value.is_float);
            var (lc, rc) = (left_count.Value, right_count.Value);
            if (lc.value + rc.value > total_length)
                throw new ArgumentException($"The sum of `left_size` and `right_size` should be smaller than the {total_length}. Received: left_size + right_size = {python_number(lc.value + rc.value, lc.is_float || rc.is_float)}and total_length = {total_length}", nameof(right_size));
            foreach (var (split, side) in new[] { (lc.value, "left"), (rc.value, "right") })
            {
                if (split == 0)
                    throw new ArgumentException($"With `dataset` of length={total_length}, `left_size`={python_number(lc.value, lc.is_float)} and `right_size`={python_number(rc.value, rc.is_float)}.Resulting {side} side dataset split will be empty. Adjust any of the aforementioned parameters", side == "left" ? nameof(left_size) : nameof(right_size));
            }
            return ((long)lc.value, (long)rc.value);
        }

        private static string python_number(double value, bool is_float) =>
            is_float ? PythonFormat.repr(value) : ((long)value).ToString(CultureInfo.InvariantCulture);

        private static (double value, bool is_int)? size(object? value, string name) => value switch
        {
            null => null,
            int i => (i, true),
            long l => (l, true),
            double d => (d, false),
            float f => (f, false),
            _ => throw new ArgumentException($"Invalid `{name}` Type. Expected: int or float or None, Received: type({name})={value.GetType().Name}.", name),
        };

        private static string text((double value, bool is_int) size) => python_number(size.value, !size.is_int);
    }
}

namespace KerasPort
{
    using KerasPort.Data;
    using static TorchSharp.torch;

    public static partial class keras
    {
        public static partial class utils
        {
            /// <summary>
            /// Keras's <c>keras.utils.split_dataset</c> for an array: its rows split into a left and a right
            /// <see cref="Dataset"/> as Keras 3 does on the torch backend (torch's <c>random_split</c>, which
            /// orders the rows by a <c>randperm</c> whether or not <paramref name="shuffle"/> is set: from
            /// torch's global generator without it, as Keras does).
            /// </summary>
            /// <param name="dataset">The array; its first axis is the samples.</param>
            /// <param name="left_size">An <c>int</c>: the number of samples on the left; a <c>double</c> in (0, 1): their fraction; null: the complement of <paramref name="right_size"/>.</param>
            /// <param name="right_size">As <paramref name="left_size"/>, for the right side. With arrays the two must add up to every sample.</param>
            /// <param name="shuffle">Whether to shuffle with a generator seeded by <paramref name="seed"/> (default false).</param>
            /// <param name="seed">The shuffle's seed; null draws one.</param>
            public static (Dataset left, Dataset right) split_dataset(Tensor dataset, object? left_size = null, object? right_size = null, bool shuffle = false, long? seed = null) =>
                SplitDataset.split_arrays([dataset ?? throw new ArgumentNullException(nameof(dataset))], tuple: false, left_size, right_size, shuffle, seed);

            /// <summary>
            /// Keras's <c>keras.utils.split_dataset</c> for a tuple of arrays of the same length (<c>(x, y)</c>):
            /// a left and a right <see cref="Dataset"/> of tuples, as for one array.
            /// </summary>
            /// <param name="dataset">The arrays; their first axis is the samples.</param>
            /// <param name="left_size">An <c>int</c>: the number of samples on the left; a <c>double</c> in (0, 1): their fraction; null: the complement of <paramref name="right_size"/>.</param>
            /// <param name="right_size">As <paramref name="left_size"/>, for the right side. With arrays the two must add up to every sample.</param>
            /// <param name="shuffle">Whether to shuffle with a generator seeded by <paramref name="seed"/> (default false).</param>
            /// <param name="seed">The shuffle's seed; null draws one.</param>
            public static (Dataset left, Dataset right) split_dataset(Tensor[] dataset, object? left_size = null, object? right_size = null, bool shuffle = false, long? seed = null) =>
                SplitDataset.split_arrays(dataset ?? throw new ArgumentNullException(nameof(dataset)), tuple: true, left_size, right_size, shuffle, seed);

            /// <summary>
            /// Keras's <c>keras.utils.split_dataset</c> for a <see cref="Dataset"/>, as Keras splits a tf.data
            /// dataset: its elements (unbatched first when it is batched) listed, shuffled with Python's
            /// <c>random</c> seeded by <paramref name="seed"/>, the left part taken from the front and the
            /// right part from the back (so the two may leave samples out), each batched again as the input
            /// was, then prefetched. For small in-memory datasets.
            /// </summary>
            /// <param name="dataset">The dataset to split.</param>
            /// <param name="left_size">An <c>int</c>: the number of samples on the left; a <c>double</c> in (0, 1): their fraction; null: the complement of <paramref name="right_size"/>.</param>
            /// <param name="right_size">As <paramref name="left_size"/>, for the right side.</param>
            /// <param name="shuffle">Whether to shuffle before splitting (default false).</param>
            /// <param name="seed">The shuffle's seed; null draws one from Python's global <c>random</c>.</param>
            public static (Dataset left, Dataset right) split_dataset(Dataset dataset, object? left_size = null, object? right_size = null, bool shuffle = false, long? seed = null) =>
                SplitDataset.split_dataset(dataset ?? throw new ArgumentNullException(nameof(dataset)), left_size, right_size, shuffle, seed);
        }
    }
}
