using KerasPort.Utils;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasPort.Models;

/// <summary>
/// What one pass over the data gives <c>fit</c>, <c>evaluate</c> and <c>predict</c>: a number of
/// batches, each fetched when its step runs (inside that step's dispose scope). It also makes the
/// random draws of Keras's torch backend at the same points: Keras's <c>EpochIterator</c> opens a
/// torch <c>DataLoader</c> iterator at the start of a pass and again once a pass is complete, and
/// each opening draws the iterator's base seed from torch's global generator; the first batch of a
/// pass starts the sampler (a shuffled tensor pass draws its permutation, a shuffled Sequence pass
/// Python's <c>random.shuffle</c> of the batch order).
/// </summary>
internal abstract class DataAdapter : IDisposable
{
    private bool _iterator_open;
    private bool _pass_started;
    private bool _pass_complete;
    private int _fetched;

    /// <summary>Batches in one full pass.</summary>
    public abstract int num_batches { get; }

    /// <summary>
    /// <c>fit</c>'s <c>steps_per_epoch</c>: with it, a pass spans epochs and the iterator opened when
    /// a pass ends serves the next epoch; without it, Keras opens a new iterator every epoch.
    /// </summary>
    public int? steps_per_epoch { get; set; }

    /// <summary>Keras's <c>EpochIterator.reset()</c>: forgets the open iterator, and the adapter's epoch ends.</summary>
    public void reset()
    {
        _iterator_open = false;
        _pass_complete = false;
        adapter_epoch_end();
    }

    /// <summary>
    /// Keras's <c>_symbolic_build</c> on a model whose compiled loss and metrics are not built yet
    /// (the first <c>fit</c> or <c>evaluate</c> after <c>compile</c>): it takes the first batch of a
    /// new iterator and drops it, with every draw that makes.
    /// </summary>
    public void symbolic_build()
    {
        begin_epoch();
        using var scope = NewDisposeScope();
        get(0);
    }

    /// <summary>The start of an epoch of <c>fit</c>, or of a pass of <c>evaluate</c> or <c>predict</c>.</summary>
    public void begin_epoch()
    {
        if (!_iterator_open || steps_per_epoch is null) open_iterator();
    }

    /// <summary>Batch <paramref name="index"/> of the current pass (the first one starts the sampler).</summary>
    public StepData get(int index)
    {
        if (!_pass_started)
        {
            _pass_started = true;
            start_pass();
        }
        var batch = fetch(index);
        if (++_fetched >= num_batches) _pass_complete = true;
        return batch;
    }

    /// <summary>
    /// The end of an epoch (of <c>fit</c>) or of a pass (<c>evaluate</c>, <c>predict</c>): a
    /// complete pass opens the next iterator, then the adapter's epoch ends (a Sequence's
    /// <c>on_epoch_end</c>).
    /// </summary>
    public void on_epoch_end()
    {
        if (_pass_complete) open_iterator();
        adapter_epoch_end();
    }

    public virtual void Dispose()
    {
    }

    /// <summary>Keras's <c>EpochIterator</c>: <paramref name="steps"/> batches or one full pass, capped at the data.</summary>
    public int steps(int? steps) => steps is null ? num_batches : Math.Min(steps.Value, num_batches);

    /// <summary>The rows of the first <paramref name="steps"/> batches; null when not known before they are fetched.</summary>
    public virtual long? rows(int steps) => null;

    /// <summary>The sampler's start, at the first batch of a pass.</summary>
    protected virtual void start_pass()
    {
    }

    /// <summary>Batch <paramref name="index"/> in the order of the current pass.</summary>
    protected abstract StepData fetch(int index);

    /// <summary>What the wrapped data does at the end of an epoch.</summary>
    protected virtual void adapter_epoch_end()
    {
    }

    private void open_iterator()
    {
        TorchDataLoader.skip_int64_seed();   // _BaseDataLoaderIter's _base_seed, unused without workers
        _iterator_open = true;
        _pass_started = false;
        _pass_complete = false;
        _fetched = 0;
    }
}

/// <summary>
/// The data of one step: the inputs (one tensor per model input), the targets (one per output;
/// null when unlabelled) and the per-sample weights.
/// </summary>
internal sealed record StepData(Tensor[] x, Tensor[]? y, Tensor? sample_weight)
{
    public StepData(Batch batch) : this([batch.x], batch.y is null ? null : [batch.y], batch.sample_weight)
    {
    }

    /// <summary>The number of samples in the step.</summary>
    public long size => x[0].size(0);
}

/// <summary>
/// Batches sliced from in-memory tensors (one or several inputs and targets), the last one
/// partial; shuffled per pass as torch's <c>RandomSampler</c> does (a seed drawn from torch's
/// global generator, then <c>randperm</c>).
/// </summary>
internal sealed class TensorDataAdapter : DataAdapter
{
    private readonly Tensor[] _x;
    private readonly Tensor[]? _y;
    private readonly Tensor? _sample_weight;
    private readonly long _batch_size;
    private readonly bool _shuffle;
    private Tensor? _order;

    public TensorDataAdapter(Tensor[] x, Tensor[]? y, Tensor? sample_weight, int batch_size, bool shuffle)
    {
        _x = x;
        _y = y;
        _sample_weight = sample_weight;
        _batch_size = batch_size;
        _shuffle = shuffle;
        num_samples = x[0].size(0);
    }

    public long num_samples { get; }

    public override int num_batches => (int)((num_samples + _batch_size - 1) / _batch_size);

    public override long? rows(int steps) => Math.Clamp(steps * _batch_size, 0, num_samples);

    protected override void start_pass()
    {
        _order?.Dispose();
        _order = null;
        if (!_shuffle) return;
        using var generator = new TorchSharp.torch.Generator((ulong)TorchDataLoader.draw_int64_seed());
        // The pass's order outlives the step that starts it (steps run in dispose scopes).
        _order = randperm(num_samples, generator: generator).DetachFromDisposeScope();
    }

    protected override StepData fetch(int index)
    {
        long start = index * _batch_size;
        long length = Math.Min(_batch_size, num_samples - start);
        // One batch that holds every row: the arrays themselves, without a view of each.
        if (_order is null && length == num_samples)
            return new StepData(_x, _y, _sample_weight);
        if (_order is null)
            return new StepData(_x.Select(x => x.narrow(0, start, length)).ToArray(), _y?.Select(y => y.narrow(0, start, length)).ToArray(), _sample_weight?.narrow(0, start, length));
        var rows = _order.narrow(0, start, length);
        return new StepData(_x.Select(x => x.index_select(0, rows)).ToArray(), _y?.Select(y => y.index_select(0, rows)).ToArray(), _sample_weight?.index_select(0, rows));
    }

    public override void Dispose() => _order?.Dispose();
}

/// <summary>
/// The batches of a Keras <see cref="Sequence"/>, as Keras's PyDataset adapter gives them: with
/// <c>shuffle</c>, each pass takes the batches in an order shuffled by Python's
/// <c>random.shuffle</c>; the Sequence's <c>on_epoch_end</c> runs at the end of each epoch.
/// </summary>
internal sealed class SequenceDataAdapter : DataAdapter
{
    private readonly Sequence _sequence;
    private readonly bool _shuffle;
    private int[]? _order;

    public SequenceDataAdapter(Sequence sequence, bool shuffle = false)
    {
        _sequence = sequence;
        _shuffle = shuffle;
    }

    public override int num_batches => _sequence.Count;

    protected override void start_pass()
    {
        _order = null;
        if (!_shuffle) return;
        var order = Enumerable.Range(0, num_batches).ToList();
        PythonRandom.Global.shuffle(order);
        _order = [.. order];
    }

    // The next batch of the order goes along, for Sequences that prepare a batch ahead; after the
    // last batch of an unshuffled pass, num_batches: batch 0 once on_epoch_end has run.
    protected override StepData fetch(int index) =>
        new(_sequence.get_item(batch_at(index), index + 1 < num_batches ? batch_at(index + 1) : _order is null ? num_batches : null));

    private int batch_at(int index) => _order is null ? index : _order[index];

    protected override void adapter_epoch_end() => _sequence.on_epoch_end();
}

/// <summary>
/// What torch's <c>DataLoader</c> draws from torch's global generator, where Keras's torch backend
/// feeds <c>fit</c>, <c>evaluate</c> and <c>predict</c> through one.
/// </summary>
internal static class TorchDataLoader
{
    private const long Half = 1L << 62;

    // The tensor each draw fills (one per thread, outside every dispose scope): a draw runs at every
    // predict call, and filling a tensor in place costs a third of making one.
    [ThreadStatic] private static Tensor? _draw;

    /// <summary>
    /// torch's <c>torch.empty((), dtype=torch.int64).random_()</c>: one 64-bit draw (two words of
    /// the global MT19937) modulo 2**63, the draw behind a DataLoader iterator's base seed and a
    /// RandomSampler's seed. A draw over [-2**62, 2**62) (randint's) takes the same draw modulo the same 2**63.
    /// </summary>
    public static long draw_int64_seed()
    {
        skip_int64_seed();
        using var value = _draw!.ToScalar();
        return value.ToInt64() + Half;
    }

    /// <summary>The same draw, for a seed nobody reads: the generator moves on as torch's does.</summary>
    public static void skip_int64_seed()
    {
        _draw ??= empty([1], ScalarType.Int64).DetachFromDisposeScope();
        _draw.random_(-Half, Half);
    }
}
