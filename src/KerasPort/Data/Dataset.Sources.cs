using static TorchSharp.torch;

namespace KerasPort.Data;

public abstract partial class Dataset
{
    /// <summary>
    /// tf.data's <c>from_tensor_slices(x)</c>: one element per row of <paramref name="tensor"/>
    /// (sliced on its first axis). <c>Dataset.from_tensor_slices(x)</c>.
    /// </summary>
    public static Dataset from_tensor_slices(Tensor tensor) => new TensorSliceDataset([tensor], tuple: false);

    /// <summary>
    /// tf.data's <c>from_tensor_slices((x, y))</c>: elements <c>(x[i], y[i])</c>; both must have
    /// the same number of rows.
    /// </summary>
    public static Dataset from_tensor_slices((Tensor, Tensor) tensors) => new TensorSliceDataset([tensors.Item1, tensors.Item2], tuple: true);

    /// <summary>tf.data's <c>from_tensor_slices((x, y, sample_weight))</c>: elements of three components.</summary>
    public static Dataset from_tensor_slices((Tensor, Tensor, Tensor) tensors) =>
        new TensorSliceDataset([tensors.Item1, tensors.Item2, tensors.Item3], tuple: true);

    /// <summary>
    /// tf.data's <c>from_tensor_slices(tuple_of_tensors)</c> with the tuple as a C# array (DESIGN.md
    /// maps Python tuples to arrays): element i is <c>(components[0][i], components[1][i], ...)</c>,
    /// e.g. <c>Dataset.from_tensor_slices(table.unbind(1))</c> for the columns of a table.
    /// </summary>
    public static Dataset from_tensor_slices(Tensor[] components) => new TensorSliceDataset(components, tuple: true);

    /// <summary>tf.data's <c>from_tensors(x)</c>: a dataset of one element, <paramref name="tensor"/> itself.</summary>
    public static Dataset from_tensors(Tensor tensor) => new TensorDataset([tensor], tuple: false);

    /// <summary>tf.data's <c>from_tensors((x, y))</c>: one element of two components.</summary>
    public static Dataset from_tensors((Tensor, Tensor) tensors) => new TensorDataset([tensors.Item1, tensors.Item2], tuple: true);

    /// <summary>tf.data's <c>from_tensors(tuple_of_tensors)</c> with the tuple as a C# array.</summary>
    public static Dataset from_tensors(Tensor[] components) => new TensorDataset(components, tuple: true);
}

/// <summary>tf's <c>TensorSliceDataset</c>: the rows of its components.</summary>
internal sealed class TensorSliceDataset : Dataset
{
    private readonly Tensor[] _components;
    private readonly bool _tuple;

    public TensorSliceDataset(Tensor[] components, bool tuple)
    {
        foreach (var c in TensorDataset.check(components))
        {
            if (c.dim() == 0)
                throw new ArgumentException("Unbatching a tensor is only supported for rank >= 1: from_tensor_slices needs tensors with a first axis to slice. Received a scalar.", nameof(components));
        }
        if (components.Select(c => c.shape[0]).Distinct().Count() > 1)
            throw new ArgumentException("Dimensions of the components must match: from_tensor_slices received first dimensions " +
                string.Join(", ", components.Select(c => c.shape[0])) + ".", nameof(components));
        _components = components;
        _tuple = tuple;
    }

    private protected override string stage_name => "TensorSliceDataset";

    public override long cardinality() => _components[0].shape[0];

    private protected override ElementSpec compute_spec() =>
        new(_components.Select(c => new TensorSpec(c.shape.Skip(1).Select(d => (long?)d).ToArray(), c.dtype)).ToArray(), _tuple);

    private protected override IEnumerable<Tensor[]> iterate()
    {
        long n = cardinality();
        for (long i = 0; i < n; i++)
            yield return _components.Select(c => c.select(0, i)).ToArray();
    }

    /// <summary>
    /// <c>batch</c> fused with the slicing (as tf.data's optimizer fuses them): each batch copied
    /// from a range of rows at once, the same values as stacking the rows one by one.
    /// </summary>
    public IEnumerable<Tensor[]> batches(long batch_size, bool drop_remainder)
    {
        long n = cardinality();
        for (long start = 0; start < n; start += batch_size)
        {
            long length = Math.Min(batch_size, n - start);
            if (length < batch_size && drop_remainder) yield break;
            yield return _components.Select(c => c.narrow(0, start, length).clone()).ToArray();
        }
    }
}

/// <summary>tf's <c>TensorDataset</c>: its components, once.</summary>
internal sealed class TensorDataset : Dataset
{
    private readonly Tensor[] _components;
    private readonly bool _tuple;

    public TensorDataset(Tensor[] components, bool tuple)
    {
        _components = check(components);
        _tuple = tuple;
    }

    /// <summary>The components of a source dataset: at least one, none null.</summary>
    public static Tensor[] check(Tensor[] components)
    {
        ArgumentNullException.ThrowIfNull(components);
        if (components.Length == 0)
            throw new ArgumentException("Invalid value received for argument components. Expected at least one tensor. Received: an empty array.", nameof(components));
        foreach (var c in components) ArgumentNullException.ThrowIfNull(c, nameof(components));
        return components;
    }

    private protected override string stage_name => "TensorDataset";

    public override long cardinality() => 1;

    private protected override ElementSpec compute_spec() => ElementSpec.of(_components, _tuple);

    private protected override IEnumerable<Tensor[]> iterate()
    {
        yield return _components.Select(c => c.alias()).ToArray();
    }
}
