using System.Collections;
using static TorchSharp.torch;

namespace KerasPort.Data;

/// <summary>
/// The part of <c>tf.data.Dataset</c> that Keras programs use, with tf.data's names: a lazy chain
/// of stages (<see cref="from_tensor_slices(Tensor)"/>, <see cref="batch"/>, <see cref="shuffle"/>,
/// <c>map</c>, <see cref="cache"/>, <see cref="prefetch"/>, ...) whose elements are tuples of
/// tensors. Enumerating gives each element as a <c>Tensor[]</c> (one entry per component), which
/// deconstructs as Python unpacks a tuple: <c>foreach (var (x, y) in ds)</c>,
/// <c>var (image, label) = ds.First();</c>. <c>fit</c>, <c>evaluate</c> and <c>predict</c> take a
/// dataset of batches, as Keras takes a tf.data pipeline.
/// </summary>
/// <remarks>
/// Memory: each element is made inside a dispose scope of its own; its tensors move to the
/// caller's scope (if any) and everything else the stages made for it is freed at once, so a
/// loop inside <c>torch.NewDisposeScope()</c> (as <c>fit</c>'s steps are) keeps memory flat.
/// Only <c>map(..., num_parallel_calls)</c> and <see cref="prefetch"/> use threads.
/// </remarks>
public abstract partial class Dataset : IEnumerable<Tensor[]>
{
    /// <summary>tf.data's <c>AUTOTUNE</c> (-1): let the dataset choose the parallelism or buffer size.</summary>
    public const int AUTOTUNE = -1;

    /// <summary>tf.data's <c>INFINITE_CARDINALITY</c> (-1): what <see cref="cardinality"/> returns for a dataset that never ends.</summary>
    public const long INFINITE = -1;

    /// <summary>tf.data's <c>UNKNOWN_CARDINALITY</c> (-2): what <see cref="cardinality"/> returns when the length is not known before iterating.</summary>
    public const long UNKNOWN = -2;

    private ElementSpec? _spec;

    private protected Dataset()
    {
    }

    /// <summary>tf's class name of this stage, shown by <see cref="ToString"/>.</summary>
    private protected abstract string stage_name { get; }

    /// <summary>
    /// The stage's elements. Every tensor of a yielded element is a handle made during that
    /// MoveNext (callers own it); a tensor a stage keeps across elements is detached from every
    /// dispose scope and handed on as a fresh alias.
    /// </summary>
    private protected abstract IEnumerable<Tensor[]> iterate();

    /// <summary>The element structure, worked out from the input stages (map runs its function once to learn it).</summary>
    private protected abstract ElementSpec compute_spec();

    internal ElementSpec spec => _spec ??= compute_spec();

    /// <summary>
    /// tf.data's <c>cardinality()</c>: the number of elements, <see cref="INFINITE"/> for a dataset
    /// that repeats forever, or <see cref="UNKNOWN"/> when only iterating can tell (after
    /// <see cref="filter(Func{Tensor, Tensor})"/> or <see cref="unbatch"/>).
    /// </summary>
    public abstract long cardinality();

    /// <summary>
    /// tf.data's <c>element_spec</c>: one <see cref="TensorSpec"/> per component of an element
    /// (a single entry for a dataset of single tensors).
    /// </summary>
    public TensorSpec[] element_spec => spec.components;

    /// <summary>The class names, for a dataset made by <c>image_dataset_from_directory</c> (null otherwise), as Keras sets them on its dataset.</summary>
    public string[]? class_names { get; internal set; }

    /// <summary>The image files in the order the dataset reads them, for a dataset made by <c>image_dataset_from_directory</c> (null otherwise).</summary>
    public string[]? file_paths { get; internal set; }

    /// <summary>
    /// Python's <c>train_ds, val_ds = image_dataset_from_directory(..., subset="both")</c>: the
    /// training and the validation dataset. Any other dataset is one dataset and refuses to split.
    /// </summary>
    public virtual void Deconstruct(out Dataset training, out Dataset validation) =>
        throw new InvalidOperationException($"Only the result of image_dataset_from_directory(..., subset: \"both\") unpacks into (training, validation); this is one {stage_name}.");

    /// <summary>tf.data's repr: <c>&lt;BatchDataset element_spec=(TensorSpec(...), TensorSpec(...))&gt;</c>.</summary>
    public override string ToString() => $"<{stage_name} element_spec={spec}>";

    /// <summary>Iterates the elements, each made inside its own dispose scope (see the class remarks).</summary>
    public IEnumerator<Tensor[]> GetEnumerator() => scoped(iterate()).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The elements of <paramref name="dataset"/> as a stage sees them (no scope of their own).</summary>
    private protected static IEnumerable<Tensor[]> elements(Dataset dataset) => dataset.iterate();

    private static IEnumerable<Tensor[]> scoped(IEnumerable<Tensor[]> source)
    {
        using var e = source.GetEnumerator();
        while (true)
        {
            Tensor[] current;
            using (var scope = NewDisposeScope())
            {
                if (!e.MoveNext()) yield break;
                current = e.Current;
                foreach (var t in current) t.MoveToOuterDisposeScope();
            }
            yield return current;
        }
    }

    /// <summary>tf.data's <c>as_numpy_iterator()</c>: the elements with every component copied to the CPU.</summary>
    public IEnumerable<Tensor[]> as_numpy_iterator()
    {
        foreach (var element in this)
            yield return element.Select(t => t.device_type == TorchSharp.DeviceType.CPU ? t : t.cpu()).ToArray();
    }

    /// <summary>A held tensor handed on: a fresh alias in the current scope, the held handle freed.</summary>
    private protected static Tensor[] release(Tensor[] held)
    {
        var result = new Tensor[held.Length];
        for (int i = 0; i < held.Length; i++)
        {
            result[i] = held[i].alias();
            held[i].Dispose();
        }
        return result;
    }

    /// <summary>Keeps <paramref name="element"/> beyond the current scope (for a buffer or a cache).</summary>
    private protected static Tensor[] hold(Tensor[] element)
    {
        foreach (var t in element) t.DetachFromDisposeScope();
        return element;
    }

    private protected static void dispose(IEnumerable<Tensor> tensors)
    {
        foreach (var t in tensors) t.Dispose();
    }

    /// <summary>tf.data's check of a count argument (-1 meaning all, for take and skip).</summary>
    private protected static void check_count(long count, string name)
    {
        if (count < -1)
            throw new ArgumentException($"Invalid value received for argument {name}. Expected a non-negative integer or -1. Received: {name}={count}", name);
    }
}
