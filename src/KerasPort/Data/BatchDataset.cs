using static TorchSharp.torch;

namespace KerasPort.Data;

/// <summary>tf's <c>BatchDataset</c>: consecutive elements stacked component by component.</summary>
internal sealed class BatchDataset : Dataset
{
    private readonly Dataset _input;
    private readonly long _batch_size;
    private readonly bool _drop_remainder;

    public BatchDataset(Dataset input, long batch_size, bool drop_remainder)
    {
        _input = input;
        _batch_size = batch_size;
        _drop_remainder = drop_remainder;
    }

    /// <summary>The batch size (Keras's <c>get_batch_size</c> reads tf's <c>_batch_size</c>).</summary>
    public long batch_size => _batch_size;

    private protected override string stage_name => "BatchDataset";

    public override long cardinality()
    {
        long n = _input.cardinality();
        if (n < 0) return n;
        return _drop_remainder ? n / _batch_size : (n + _batch_size - 1) / _batch_size;
    }

    private protected override ElementSpec compute_spec()
    {
        var input = _input.spec;
        long? first = _drop_remainder ? _batch_size : null;
        return input with { components = input.components.Select(c => new TensorSpec([first, .. c.shape], c.dtype)).ToArray() };
    }

    private protected override IEnumerable<Tensor[]> iterate()
    {
        if (_input is TensorSliceDataset slices) return slices.batches(_batch_size, _drop_remainder);
        return stack_elements();
    }

    private IEnumerable<Tensor[]> stack_elements()
    {
        var pending = new List<Tensor[]>();
        foreach (var element in elements(_input))
        {
            pending.Add(element);
            if (pending.Count < _batch_size) continue;
            yield return stack(pending);
            pending.Clear();
        }
        if (pending.Count > 0 && !_drop_remainder) yield return stack(pending);
    }

    /// <summary>Stacks the elements; they must agree in structure, shapes and dtypes, as tf.data requires.</summary>
    private static Tensor[] stack(List<Tensor[]> batch)
    {
        var first = batch[0];
        var result = new Tensor[first.Length];
        for (int c = 0; c < first.Length; c++)
        {
            for (int i = 1; i < batch.Count; i++)
            {
                if (batch[i].Length != first.Length)
                    throw new InvalidOperationException($"Cannot batch elements with different structures: element 0 has {first.Length} components and element {i} has {batch[i].Length}.");
                if (!batch[i][c].shape.SequenceEqual(first[c].shape))
                    throw new InvalidOperationException($"Cannot batch tensors with different shapes in component {c}. First element had shape [{string.Join(",", first[c].shape)}] and element {i} had shape [{string.Join(",", batch[i][c].shape)}].");
                if (batch[i][c].dtype != first[c].dtype)
                    throw new InvalidOperationException($"Cannot batch tensors with different dtypes in component {c}: {first[c].dtype} and {batch[i][c].dtype}.");
            }
            result[c] = TorchSharp.torch.stack(batch.Select(e => e[c]), 0);
        }
        foreach (var element in batch) dispose(element);
        return result;
    }
}

/// <summary>tf's <c>UnbatchDataset</c>: each element split into the rows of its components.</summary>
internal sealed class UnbatchDataset : Dataset
{
    private readonly Dataset _input;

    public UnbatchDataset(Dataset input) => _input = input;

    private protected override string stage_name => "UnbatchDataset";

    public override long cardinality() => _input.cardinality() == INFINITE ? INFINITE : UNKNOWN;

    private protected override ElementSpec compute_spec()
    {
        var input = _input.spec;
        if (input.components.Any(c => c.shape.Length == 0))
            throw new InvalidOperationException("Input element must have a non-scalar value in each component to unbatch.");
        return input with { components = input.components.Select(c => new TensorSpec(c.shape[1..], c.dtype)).ToArray() };
    }

    private protected override IEnumerable<Tensor[]> iterate()
    {
        foreach (var element in elements(_input))
        {
            if (element.Any(c => c.dim() == 0))
                throw new InvalidOperationException("Input element must have a non-scalar value in each component to unbatch.");
            long rows = element[0].shape[0];
            if (element.Any(c => c.shape[0] != rows))
                throw new InvalidOperationException("Input element must have the same batch size in each component. Component 0 had size " +
                    $"{rows} but another component had size {element.First(c => c.shape[0] != rows).shape[0]}.");
            // The batch outlives the MoveNext that made it: keep it out of the caller's scopes.
            hold(element);
            try
            {
                for (long i = 0; i < rows; i++)
                    yield return element.Select(c => c.select(0, i)).ToArray();
            }
            finally
            {
                dispose(element);
            }
        }
    }
}
