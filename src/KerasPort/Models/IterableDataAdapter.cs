using KerasPort.Data;
using KerasPort.Utils;
using static TorchSharp.torch;

namespace KerasPort.Models;

/// <summary>
/// Batches from something that can only be walked in order: a <see cref="Dataset"/> (Keras's
/// <c>TFDatasetAdapter</c>) or any enumerable of <c>(x, y)</c> / <c>(x, y, sample_weight)</c>
/// (Keras's generator adapter). Each pass enumerates the source again. When the source's length
/// is not known (a filtered, unbatched or endless dataset, a generator), <see cref="num_batches"/>
/// is <see cref="int.MaxValue"/> until a look-ahead finds the end of the pass, and then the number
/// of batches the pass gave, which is how fit's loop learns that an epoch is over.
/// </summary>
internal sealed class IterableDataAdapter : DataAdapter
{
    private readonly IEnumerable<Batch> _source;
    private readonly int? _known;
    private IEnumerator<Batch>? _iterator;
    private Batch? _lookahead;
    private Batch? _handed;
    private int _consumed;
    private bool _exhausted;

    private IterableDataAdapter(IEnumerable<Batch> source, int? known)
    {
        _source = source;
        _known = known;
    }

    /// <summary>The adapter for a dataset: its cardinality when finite and known.</summary>
    public static IterableDataAdapter of(Dataset dataset)
    {
        long n = dataset.cardinality();
        return new IterableDataAdapter(dataset.Select(to_batch), n >= 0 ? (int)Math.Min(n, int.MaxValue) : null);
    }

    /// <summary>The adapter for an enumerable of elements, each x, (x, y) or (x, y, sample_weight); its length is not known.</summary>
    public static IterableDataAdapter of(IEnumerable<Tensor[]> elements) =>
        elements is Dataset d ? of(d) : new IterableDataAdapter(elements.Select(to_batch), null);

    /// <summary>The adapter for batches given as <see cref="Batch"/>es (tuples converted by the caller).</summary>
    public static IterableDataAdapter of(IEnumerable<Batch> batches) => new(batches, null);

    /// <summary>Whether the number of batches is known before iterating (a dataset of known finite cardinality).</summary>
    public bool length_known => _known is not null;

    public override int num_batches
    {
        get
        {
            if (_known is int n) return n;
            // Look ahead only inside a pass: fit asks before every step, and the answer decides whether the epoch goes on.
            if (_iterator is not null) peek();
            return _exhausted ? _consumed : int.MaxValue;
        }
    }

    /// <summary>Each pass (each iterator Keras opens) enumerates the source again.</summary>
    protected override void start_pass() => restart();

    /// <summary>The next batch of the pass; batches are given in order (a new pass starts at index 0).</summary>
    protected override StepData fetch(int index)
    {
        if (index != _consumed)
        {
            if (index != 0)
                throw new InvalidOperationException($"Batches of an iterable are read in order: batch {index} was asked after {_consumed} batches.");
            restart();
        }
        peek();
        if (_lookahead is null)
            throw new InvalidOperationException($"The data ran out after {_consumed} batches.");
        release(_handed);
        _handed = _lookahead;
        _lookahead = null;
        _consumed++;
        return new StepData(_handed);
    }

    public override void Dispose() => restart();

    /// <summary>
    /// Reads the next batch ahead. It is kept out of every dispose scope (a look-ahead made inside
    /// one step serves the next), and freed here once the step that used it is over.
    /// </summary>
    private void peek()
    {
        if (_lookahead is not null || _exhausted) return;
        _iterator ??= _source.GetEnumerator();
        using var scope = NewDisposeScope();
        if (_iterator.MoveNext())
        {
            var batch = _iterator.Current;
            batch.x.DetachFromDisposeScope();
            batch.y?.DetachFromDisposeScope();
            batch.sample_weight?.DetachFromDisposeScope();
            _lookahead = batch;
        }
        else _exhausted = true;
    }

    private void restart()
    {
        _iterator?.Dispose();
        _iterator = null;
        release(_lookahead);
        release(_handed);
        _lookahead = _handed = null;
        _consumed = 0;
        _exhausted = false;
    }

    /// <summary>A batch this adapter handed out, freed once the step is done with it.</summary>
    private static void release(Batch? batch)
    {
        if (batch is null) return;
        batch.x.Dispose();
        batch.y?.Dispose();
        batch.sample_weight?.Dispose();
    }

    /// <summary>Keras's <c>unpack_x_y_sample_weight</c>: an element is x, (x, y) or (x, y, sample_weight).</summary>
    private static Batch to_batch(Tensor[] element) => element.Length switch
    {
        1 => new Batch(element[0]),
        2 => new Batch(element[0], element[1]),
        3 => new Batch(element[0], element[1], element[2]),
        _ => throw new ArgumentException($"Data is expected to be in format `x`, `(x,)`, `(x, y)`, or `(x, y, sample_weight)`, found an element of {element.Length} tensors."),
    };
}
