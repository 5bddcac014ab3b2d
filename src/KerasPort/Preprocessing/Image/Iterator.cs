using KerasPort.Utils;

namespace KerasPort.Preprocessing.Image;

/// <summary>
/// Keras's image <c>Iterator</c>: the base of the iterators that <see cref="ImageDataGenerator"/>'s
/// <c>flow</c>, <c>flow_from_directory</c> and <c>flow_from_dataframe</c> return. It is a
/// <see cref="Sequence"/> (<see cref="Count"/> batches, <c>it[i]</c>, <see cref="on_epoch_end"/>)
/// for <c>fit</c>, and an endless generator (<see cref="next"/>, <c>foreach</c>) as in Keras.
/// </summary>
/// <remarks>
/// Seeding and ordering follow Keras exactly: with a <see cref="seed"/>, every batch starts with
/// <c>np.random.seed(seed + total_batches_seen)</c>; at the start of each epoch of <see cref="next"/>
/// the index array is <c>np.random.permutation(n)</c> (or <c>arange(n)</c>); the random transforms
/// of a batch continue the global stream (<see cref="RandomState.Global"/>) right after that.
/// <para>
/// All draws of a batch happen serially, in Keras's order, under a lock; only the pixel work is
/// spread across cores afterwards, so a seed gives the same images whatever the number of cores.
/// When batches are taken in order, with <see cref="next"/> (or <c>foreach</c>) or with the
/// indexer (<c>it[i]</c> then <c>it[i + 1]</c>, and after the last batch <see cref="on_epoch_end"/>
/// then <c>it[0]</c>, as <c>fit</c> does), the next batch is drawn ahead
/// and its pixels computed in the background; it is used only if nothing touched the iterator or
/// the global random state in between, and the global state is then left exactly where Keras
/// leaves it, so results never change. Files for <c>save_to_dir</c> are written when a batch is
/// handed out, never ahead.
/// </para>
/// </remarks>
public abstract partial class Iterator : Sequence, IDisposable
{
    /// <summary>File extensions that the file iterators accept (case-insensitive suffixes, as Keras).</summary>
    public static readonly IReadOnlyList<string> white_list_formats = ["png", "jpg", "jpeg", "bmp", "ppm", "tif", "tiff"];

    /// <summary>
    /// The generator's validation fraction for a <paramref name="subset"/>. Keras silently returns an
    /// empty validation subset (and everything for training) when validation_split is 0; that
    /// is almost always a mistake, so it is refused here.
    /// </summary>
    internal static double subset_split(string subset, ImageDataGenerator? generator)
    {
        double split = generator?.validation_split ?? 0.0;
        if (split == 0.0)
            throw new ArgumentException(
                $"Invalid value received for argument subset. A subset requires the ImageDataGenerator's validation_split " +
                $"to be strictly between 0 and 1. Received: subset=\"{subset}\" with validation_split=0.", nameof(subset));
        return split;
    }

    private readonly object _lock = new();
    private long _version;            // bumped by every state change other than taking the draw-ahead
    private Lookahead? _ahead;

    // Batches that came from the draw-ahead (for tests).
    internal long lookahead_hits { get; private set; }

    /// <summary>Number of samples.</summary>
    public int n { get; }

    /// <summary>Samples per batch.</summary>
    public int batch_size { get; }

    /// <summary>Seed of the per-batch reseeding (<c>seed + total_batches_seen</c>); null for none.</summary>
    public long? seed { get; }

    /// <summary>Whether the index array is a fresh permutation at every epoch.</summary>
    public bool shuffle { get; }

    /// <summary>Position of <see cref="next"/> inside the current epoch (0 starts a new one).</summary>
    public int batch_index { get; private set; }

    /// <summary>Batches produced so far, through <see cref="next"/> and the indexer together.</summary>
    public long total_batches_seen { get; private set; }

    /// <summary>The current order of the samples; null until the first batch.</summary>
    public int[]? index_array { get; private set; }

    private protected Iterator(int n, int batch_size, bool shuffle, long? seed)
    {
        if (batch_size < 1)
            throw new ArgumentOutOfRangeException(nameof(batch_size), batch_size,
                $"Invalid value received for argument batch_size. Expected an integer >= 1. Received: batch_size={batch_size}");
        if (seed is < 0 or > uint.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(seed), seed,
                $"Invalid value received for argument seed. Expected an integer between 0 and 2**32 - 1. Received: seed={seed}");
        this.n = n;
        this.batch_size = batch_size;
        this.shuffle = shuffle;
        this.seed = seed;
    }

    /// <summary>Batches per epoch: <c>ceil(n / batch_size)</c>.</summary>
    public override int Count => (n + batch_size - 1) / batch_size;

    /// <summary>
    /// Batch <paramref name="idx"/> of the current index array (Keras's <c>__getitem__</c>, the path
    /// <c>fit</c> uses): reseeds with <c>seed + total_batches_seen</c>, builds the index array on the
    /// first call only (later by <see cref="on_epoch_end"/>), and transforms that slice. Batch
    /// <c>idx + 1</c> is then prepared ahead, as for <see cref="next"/> (or, under <c>fit</c> with
    /// shuffle, the batch that fit takes next); after the last batch, batch 0 of the epoch that
    /// <see cref="on_epoch_end"/> starts.
    /// </summary>
    public override Batch this[int idx] => get_item(idx, idx + 1);

    // fit tells which batch comes next: that one is prepared ahead. Count (one past the last)
    // stands for batch 0 after on_epoch_end.
    internal override Batch get_item(int index, int? next_index)
    {
        if (index < 0 || index >= Count)
            throw new ArgumentOutOfRangeException(nameof(index), index,
                $"Asked to retrieve element {index}, but the Sequence has length {Count}");
        return next_index == Count
            ? produce(index, 0, ahead_after_epoch_end: true)
            : produce(index, next_index is >= 0 && next_index < Count ? next_index : null);
    }

    /// <summary>Starts a new index array (a new permutation when shuffling).</summary>
    public override void on_epoch_end()
    {
        lock (_lock)
        {
            if (_ahead is { epoch_end: { } next_epoch } ahead && ahead.version == _version
                && same_state(RandomState.Global.get_state(), ahead.rng_before))
            {
                // The batch prepared ahead was drawn after this very epoch end: take its permutation.
                index_array = next_epoch.index_array;
                RandomState.Global.set_state(next_epoch.rng);
                _ahead = ahead with { rng_before = next_epoch.rng, epoch_end = null };
                return;
            }
            invalidate_lookahead();
            set_index_array();
        }
    }

    /// <summary>Makes the next call of <see cref="next"/> start a new epoch.</summary>
    public void reset()
    {
        lock (_lock)
        {
            invalidate_lookahead();
            batch_index = 0;
        }
    }

    /// <summary>
    /// The next batch of the endless stream (Keras's <c>next(it)</c>): wraps around epochs, the last
    /// batch of an epoch being short. Safe to call from several threads.
    /// </summary>
    public Batch next() => produce(null, null);

    // One batch: of next() when idx is null, else it[idx], then it[ahead] is prepared (next()'s
    // following batch for next(); after on_epoch_end when ahead_after_epoch_end). The random draws
    // happen under the lock (or come from the draw-ahead when nothing changed since), the pixels
    // outside it; a batch drawn here is queued before the one drawn ahead, so it is computed first.
    private Batch produce(int? idx, int? ahead_idx, bool ahead_after_epoch_end = false)
    {
        Drawn drawn;
        Task<TorchSharp.torch.Tensor>? rendering = null;
        bool prepared = false;
        lock (_lock)
        {
            if (_ahead is { epoch_end: null } ahead && ahead.index == idx && ahead.version == _version
                && (seed is not null || same_state(RandomState.Global.get_state(), ahead.rng_before)))
            {
                // Nothing happened since the draw-ahead: commit the state it reached.
                (batch_index, total_batches_seen, index_array) = ahead.state_after;
                RandomState.Global.set_state(ahead.rng_after);
                _ahead = null;
                lookahead_hits++;
                drawn = ahead.drawn;
                rendering = ahead.render;
                prepared = true;
            }
            else
            {
                invalidate_lookahead();
                drawn = step(idx);
                if (drawn.pixels is null) rendering = start_render(drawn, ahead: false);
            }
            if (!serial && (idx is null || ahead_idx is not null)) draw_ahead(ahead_idx, ahead_after_epoch_end);
        }
        if (rendering is null) return deliver(drawn, drawn.pixels!);
        var batch_x = RenderWorkers.shared.wait(rendering);
        return deliver(drawn, prepared ? taken_ahead(batch_x) : batch_x);
    }

    // Advances the state as Keras does for one batch and makes its draws.
    private Drawn step(int? idx)
    {
        if (idx is not int i) return draw(flow_index());
        if (seed is { } s) RandomState.Global.seed(s + total_batches_seen);
        total_batches_seen++;
        if (index_array is null) set_index_array();
        int start = batch_size * i;
        return draw(index_array![start..Math.Min(start + batch_size, n)]);
    }

    /// <summary>Loops over <see cref="next"/> forever, as Keras's iterators do; break out of it.</summary>
    public override IEnumerator<Batch> GetEnumerator()
    {
        while (true) yield return next();
    }

    /// <summary>Drops the batch prepared ahead, if any.</summary>
    public void Dispose()
    {
        lock (_lock) invalidate_lookahead();
        GC.SuppressFinalize(this);
    }

    private void set_index_array()
    {
        index_array = shuffle ? RandomState.Global.permutation(n) : Enumerable.Range(0, n).ToArray();
    }

    // Keras's _flow_index, one step: the indices of the next batch.
    private int[] flow_index()
    {
        if (seed is { } s) RandomState.Global.seed(s + total_batches_seen);
        if (batch_index == 0) set_index_array();
        int current = n == 0 ? 0 : (int)((long)batch_index * batch_size % n);
        if (n > current + batch_size) batch_index++;
        else batch_index = 0;
        total_batches_seen++;
        return index_array![current..Math.Min(current + batch_size, n)];
    }

    // Draws the batch after this one (of next() when idx is null, else it[idx], after an
    // on_epoch_end when after_epoch_end) without changing any visible state, and starts its pixel
    // work in the background. Called under the lock, right after this batch's draws.
    private void draw_ahead(int? idx, bool after_epoch_end)
    {
        var state_before = (batch_index, total_batches_seen, index_array);
        var rng_before = RandomState.Global.get_state();
        try
        {
            NextEpoch? epoch_end = null;
            if (after_epoch_end)
            {
                set_index_array();
                epoch_end = new NextEpoch(index_array!, RandomState.Global.get_state());
            }
            var drawn = step(idx);
            var state_after = (batch_index, total_batches_seen, index_array);
            var rng_after = RandomState.Global.get_state();
            _ahead = new Lookahead(idx, _version, rng_before, rng_after, state_after, drawn,
                                   start_render(drawn, ahead: true), epoch_end);
        }
        catch (Exception)
        {
            // Nothing is prepared: the batch's own call will meet the same error, in its turn.
        }
        finally
        {
            (batch_index, total_batches_seen, index_array) = state_before;
            RandomState.Global.set_state(rng_before);
        }
    }

    private static bool same_state((uint[] key, int pos) a, (uint[] key, int pos) b) =>
        a.pos == b.pos && a.key.AsSpan().SequenceEqual(b.key);

    private void invalidate_lookahead()
    {
        _version++;
        if (_ahead is { } ahead)
        {
            _ahead = null;
            ahead.render.ContinueWith(t => t.Result.Dispose(), TaskContinuationOptions.OnlyOnRanToCompletion);
        }
    }

    private sealed record Lookahead(
        int? index,
        long version,
        (uint[] key, int pos) rng_before,
        (uint[] key, int pos) rng_after,
        (int batch_index, long total_batches_seen, int[]? index_array) state_after,
        Drawn drawn,
        Task<TorchSharp.torch.Tensor> render,
        NextEpoch? epoch_end);

    // What on_epoch_end makes before a batch drawn ahead across it: the index array and the state after it.
    private sealed record NextEpoch(int[] index_array, (uint[] key, int pos) rng);

    // A shape as Python prints a tuple: (10, 8, 8, 3), (10,).
    private protected static string shape_str(long[] shape) =>
        shape.Length == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";
}
