using KerasPort.Utils;
using static TorchSharp.torch;

namespace KerasPort.Models;

/// <summary>
/// What one pass over the data gives <c>fit</c>, <c>evaluate</c> and <c>predict</c>: a number of
/// batches, each fetched when its step runs (inside that step's dispose scope).
/// </summary>
internal abstract class DataAdapter : IDisposable
{
    /// <summary>Batches in one full pass.</summary>
    public abstract int num_batches { get; }

    /// <summary>Prepares a new pass (a new shuffle order for tensors).</summary>
    public virtual void begin_epoch()
    {
    }

    /// <summary>Batch <paramref name="index"/> of the current pass.</summary>
    public abstract StepData get(int index);

    /// <summary>Runs after each epoch (a Sequence reshuffles here).</summary>
    public virtual void on_epoch_end()
    {
    }

    public virtual void Dispose()
    {
    }

    /// <summary>Keras's <c>EpochIterator</c>: <paramref name="steps"/> batches or one full pass, capped at the data.</summary>
    public int steps(int? steps) => steps is null ? num_batches : Math.Min(steps.Value, num_batches);
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
    public long size => x[0].shape[0];
}

/// <summary>Batches sliced from in-memory tensors (one or several inputs and targets), the last one partial; shuffled per epoch with torch's generator.</summary>
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
    }

    public long num_samples => _x[0].shape[0];

    public override int num_batches => (int)((num_samples + _batch_size - 1) / _batch_size);

    public override void begin_epoch()
    {
        _order?.Dispose();
        _order = null;
        if (_shuffle)
        {
            using var scope = NewDisposeScope();
            _order = randperm(num_samples, dtype: ScalarType.Int64).MoveToOuterDisposeScope();
        }
    }

    public override StepData get(int index)
    {
        long start = index * _batch_size;
        long length = Math.Min(_batch_size, num_samples - start);
        if (_order is null)
            return new StepData(_x.Select(x => x.narrow(0, start, length)).ToArray(), _y?.Select(y => y.narrow(0, start, length)).ToArray(), _sample_weight?.narrow(0, start, length));
        var rows = _order.narrow(0, start, length);
        return new StepData(_x.Select(x => x.index_select(0, rows)).ToArray(), _y?.Select(y => y.index_select(0, rows)).ToArray(), _sample_weight?.index_select(0, rows));
    }

    public override void Dispose() => _order?.Dispose();
}

/// <summary>The batches of a Keras <see cref="Sequence"/>, as it gives them.</summary>
internal sealed class SequenceDataAdapter : DataAdapter
{
    private readonly Sequence _sequence;

    public SequenceDataAdapter(Sequence sequence) => _sequence = sequence;

    public override int num_batches => _sequence.Count;

    public override StepData get(int index) => new(_sequence[index]);

    public override void on_epoch_end() => _sequence.on_epoch_end();
}

/// <summary>
/// What torch's <c>DataLoader</c> draws from torch's global generator, where Keras's torch backend
/// feeds <c>fit</c>, <c>evaluate</c> and <c>predict</c> through one.
/// </summary>
internal static class TorchDataLoader
{
    private const long Half = 1L << 62;

    /// <summary>
    /// torch's <c>torch.empty((), dtype=torch.int64).random_()</c>: one 64-bit draw (two words of
    /// the global MT19937) modulo 2**63, the draw behind a DataLoader iterator's base seed and a
    /// RandomSampler's seed. randint over [-2**62, 2**62) takes the same draw modulo the same 2**63.
    /// </summary>
    public static long draw_int64_seed()
    {
        using var t = randint(-Half, Half, [1], dtype: ScalarType.Int64);
        return t.item<long>() + Half;
    }
}
