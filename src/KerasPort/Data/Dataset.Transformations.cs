using static TorchSharp.torch;

namespace KerasPort.Data;

public abstract partial class Dataset
{
    /// <summary>
    /// tf.data's <c>batch(batch_size, drop_remainder=False)</c>: stacks consecutive elements
    /// (component by component) into batches of <paramref name="batch_size"/>; the last batch is
    /// smaller unless <paramref name="drop_remainder"/> drops it.
    /// </summary>
    public Dataset batch(long batch_size, bool drop_remainder = false)
    {
        if (batch_size <= 0)
            throw new ArgumentException($"Invalid value received for argument batch_size. Expected a positive integer. Received: batch_size={batch_size}", nameof(batch_size));
        return new BatchDataset(this, batch_size, drop_remainder);
    }

    /// <summary>tf.data's <c>unbatch()</c>: splits each element's components along their first axis into rows.</summary>
    public Dataset unbatch() => new UnbatchDataset(this);

    /// <summary>tf.data's <c>take(count)</c>: at most the first <paramref name="count"/> elements (-1: all).</summary>
    public Dataset take(long count)
    {
        check_count(count, nameof(count));
        return new TakeDataset(this, count);
    }

    /// <summary>tf.data's <c>skip(count)</c>: every element after the first <paramref name="count"/> (-1: skips all).</summary>
    public Dataset skip(long count)
    {
        check_count(count, nameof(count));
        return new SkipDataset(this, count);
    }

    /// <summary>tf.data's <c>repeat(count=None)</c>: the dataset <paramref name="count"/> times, forever when null (or -1).</summary>
    public Dataset repeat(long? count = null)
    {
        if (count is long c) check_count(c, nameof(count));
        return new RepeatDataset(this, count ?? -1);
    }

    /// <summary>
    /// tf.data's <c>shuffle(buffer_size, seed=None, reshuffle_each_iteration=True)</c>: fills a
    /// buffer with the first <paramref name="buffer_size"/> elements, then gives a random element of
    /// the buffer and puts the next input element in its place. A <paramref name="seed"/> makes the
    /// order the same on every run; each iteration draws a new order unless
    /// <paramref name="reshuffle_each_iteration"/> is false. The order is tf.data's algorithm with
    /// numpy's MT19937 as the generator, not TensorFlow's Philox stream: a seed does not give the
    /// order TensorFlow gives.
    /// </summary>
    public Dataset shuffle(long buffer_size, long? seed = null, bool reshuffle_each_iteration = true)
    {
        if (buffer_size <= 0 && buffer_size != AUTOTUNE)
            throw new ArgumentException($"Invalid value received for argument buffer_size. Expected a positive integer. Received: buffer_size={buffer_size}", nameof(buffer_size));
        return new ShuffleDataset(this, buffer_size, seed, reshuffle_each_iteration);
    }

    /// <summary>
    /// tf.data's <c>cache(filename="")</c>: the first full pass is kept (in memory, or in
    /// <paramref name="filename"/> when given) and later passes read it back instead of running
    /// the stages before it again. A file cache is written to a temporary name and renamed when
    /// the pass completes, so an interrupted pass leaves no half cache.
    /// </summary>
    public Dataset cache(string filename = "")
    {
        ArgumentNullException.ThrowIfNull(filename);
        return new CacheDataset(this, filename);
    }

    /// <summary>
    /// tf.data's <c>prefetch(buffer_size)</c>: a background thread prepares up to
    /// <paramref name="buffer_size"/> elements ahead while the consumer works on the current one.
    /// <see cref="AUTOTUNE"/> lets the dataset choose (two elements ahead here: tf tunes it at run time).
    /// </summary>
    public Dataset prefetch(long buffer_size)
    {
        if (buffer_size < 0 && buffer_size != AUTOTUNE)
            throw new ArgumentException($"Invalid value received for argument buffer_size. Expected a non-negative integer or AUTOTUNE (-1). Received: buffer_size={buffer_size}", nameof(buffer_size));
        return new PrefetchDataset(this, buffer_size == AUTOTUNE ? 2 : buffer_size);
    }

    /// <summary>
    /// tf.data's <c>Dataset.zip((a, b, ...))</c>: elements made of one element of each dataset
    /// (their components side by side), as long as the shortest dataset.
    /// </summary>
    public static Dataset zip(params Dataset[] datasets)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        if (datasets.Length == 0)
            throw new ArgumentException("Invalid value received for argument datasets. Expected at least one dataset. Received: none.", nameof(datasets));
        foreach (var d in datasets) ArgumentNullException.ThrowIfNull(d, nameof(datasets));
        return new ZipDataset(datasets);
    }

    /// <summary>tf.data's <c>ds.zip(other)</c> (Python calls the static zip on the instance): <c>Dataset.zip(this, other)</c>.</summary>
    public Dataset zip(Dataset other) => zip([this, other]);

    /// <summary>tf.data's <c>concatenate(dataset)</c>: this dataset's elements, then <paramref name="dataset"/>'s (same structure and dtypes).</summary>
    public Dataset concatenate(Dataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return new ConcatenateDataset(this, dataset);
    }

    /// <summary>tf.data's <c>enumerate(start=0)</c>: elements <c>(i, element...)</c> with i an int64 scalar counting from <paramref name="start"/>.</summary>
    public Dataset enumerate(long start = 0) => new EnumerateDataset(this, start);

    /// <summary>tf.data's <c>filter(predicate)</c> on one-component elements: keeps those for which <paramref name="predicate"/> gives a true boolean scalar.</summary>
    public Dataset filter(Func<Tensor, Tensor> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return new FilterDataset(this, e => predicate(arity(e, 1)[0]));
    }

    /// <summary>tf.data's <c>filter(lambda x, y: ...)</c>: the predicate receives the two components of each element.</summary>
    public Dataset filter(Func<Tensor, Tensor, Tensor> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return new FilterDataset(this, e => predicate(arity(e, 2)[0], e[1]));
    }

    /// <summary>The components of <paramref name="element"/>, checked to be <paramref name="n"/> (tf.data unpacks a tuple into that many arguments).</summary>
    private protected static Tensor[] arity(Tensor[] element, int n)
    {
        if (element.Length != n)
            throw new ArgumentException($"The function takes {n} positional argument{(n == 1 ? "" : "s")} but the dataset's elements have {element.Length} component{(element.Length == 1 ? "" : "s")}.");
        return element;
    }
}
