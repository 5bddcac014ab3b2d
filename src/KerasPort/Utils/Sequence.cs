using System.Collections;

namespace KerasPort.Utils;

/// <summary>
/// Keras's <c>keras.utils.Sequence</c> / <c>PyDataset</c>: a finite, indexable list of batches
/// that <c>fit</c>, <c>evaluate</c> and <c>predict</c> consume. <see cref="Count"/> is
/// <c>len(seq)</c>, the indexer is <c>seq[i]</c>, and <see cref="on_epoch_end"/> runs after each
/// epoch (where shuffling happens). Enumerating yields the batches of one pass, in order;
/// iterators that loop forever, as Keras's image iterators do, override that.
/// </summary>
public abstract class Sequence : IEnumerable<Batch>
{
    /// <summary>Number of batches in one epoch (<c>len(seq)</c>).</summary>
    public abstract int Count { get; }

    /// <summary>Batch number <paramref name="index"/>, 0 &lt;= index &lt; Count.</summary>
    public abstract Batch this[int index] { get; }

    /// <summary>
    /// Batch <paramref name="index"/>, told that batch <paramref name="next_index"/> will be asked for
    /// next (null: unknown), as <c>fit</c> knows from its order of the epoch; <see cref="Count"/> means
    /// batch 0 after <see cref="on_epoch_end"/>. A Sequence that prepares batches ahead prepares that one.
    /// </summary>
    internal virtual Batch get_item(int index, int? next_index) => this[index];

    /// <summary>Called by <c>fit</c> at the end of every epoch.</summary>
    public virtual void on_epoch_end()
    {
    }

    /// <summary>The batches of one pass, <c>seq[0]</c> to <c>seq[len - 1]</c>; an endless iterator overrides this to loop.</summary>
    public virtual IEnumerator<Batch> GetEnumerator()
    {
        for (int i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
