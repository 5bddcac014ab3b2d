using System.Runtime.ExceptionServices;
using static TorchSharp.torch;

namespace KerasPort.Data;

/// <summary>
/// tf's <c>MapDataset</c> / <c>ParallelMapDataset</c>: a function applied to every element, outside
/// autograd (tf.data functions record no gradients). In parallel, up to the given number of
/// elements are mapped at once on the thread pool and given out in input order.
/// </summary>
internal sealed class MapDataset : Dataset
{
    private readonly Dataset _input;
    private readonly Func<Tensor[], Tensor[]> _func;
    private readonly bool _tuple;
    private readonly int _parallel;

    public MapDataset(Dataset input, Func<Tensor[], Tensor[]> func, bool tuple, int? num_parallel_calls)
    {
        if (num_parallel_calls is int n && n <= 0 && n != AUTOTUNE)
            throw new ArgumentException($"Invalid value received for argument num_parallel_calls. Expected a positive integer or AUTOTUNE (-1). Received: num_parallel_calls={n}", nameof(num_parallel_calls));
        _input = input;
        _func = func;
        _tuple = tuple;
        _parallel = num_parallel_calls switch
        {
            null => 0,
            AUTOTUNE => Environment.ProcessorCount,
            int count => count,
        };
    }

    private protected override string stage_name => _parallel > 0 ? "ParallelMapDataset" : "MapDataset";

    public override long cardinality() => _input.cardinality();

    /// <summary>tf traces the function to learn its output; here it runs once on the first input element.</summary>
    private protected override ElementSpec compute_spec()
    {
        var input = _input.spec;
        using var scope = NewDisposeScope();
        var first = elements(_input).FirstOrDefault();
        if (first is null) return new ElementSpec([], _tuple);
        var spec = ElementSpec.of(apply(first), _tuple);
        // A batch axis that the input leaves unknown stays unknown in the output.
        if (input.components.Length > 0 && input.components.All(c => c.shape.Length > 0 && c.shape[0] is null))
            spec = spec with { components = spec.components.Select(c => c.shape.Length == 0 ? c : new TensorSpec([null, .. c.shape[1..]], c.dtype)).ToArray() };
        return spec;
    }

    /// <summary>The function's outputs as fresh handles: a returned input or captured tensor is never handed on itself.</summary>
    private Tensor[] apply(Tensor[] element)
    {
        using var _ = no_grad();
        var outputs = _func(element);
        var result = new Tensor[outputs.Length];
        for (int i = 0; i < outputs.Length; i++)
        {
            if (outputs[i] is null) throw new InvalidOperationException($"The map function returned null as component {i}.");
            result[i] = outputs[i].alias();
        }
        return result;
    }

    private protected override IEnumerable<Tensor[]> iterate() => _parallel > 0 ? iterate_parallel() : elements(_input).Select(apply);

    private IEnumerable<Tensor[]> iterate_parallel()
    {
        // Elements are mapped a chunk at a time (a few per thread): one hand-off to the thread pool
        // per chunk instead of per element keeps cheap functions cheap. Outputs keep input order,
        // and an error surfaces at its element, after the outputs before it.
        int chunk_size = _parallel * 4;
        var options = new ParallelOptions { MaxDegreeOfParallelism = _parallel };
        var chunk = new List<Tensor[]>(chunk_size);
        using var input = elements(_input).GetEnumerator();
        while (true)
        {
            chunk.Clear();
            // The workers use each element after this MoveNext's scope ends.
            while (chunk.Count < chunk_size && input.MoveNext()) chunk.Add(hold(input.Current));
            if (chunk.Count == 0) yield break;
            var results = new Tensor[]?[chunk.Count];
            var errors = new ExceptionDispatchInfo?[chunk.Count];
            Parallel.For(0, chunk.Count, options, i =>
            {
                try
                {
                    results[i] = apply_on_worker(chunk[i]);
                }
                catch (Exception e)
                {
                    errors[i] = ExceptionDispatchInfo.Capture(e);
                }
            });
            try
            {
                for (int i = 0; i < chunk.Count; i++)
                {
                    errors[i]?.Throw();
                    var result = results[i]!;
                    results[i] = null;
                    yield return release(result);
                }
            }
            finally
            {
                // After an error, or when the consumer stops early, the rest of the chunk is freed here.
                foreach (var left in results)
                    if (left is not null) dispose(left);
            }
        }
    }

    private Tensor[] apply_on_worker(Tensor[] element)
    {
        try
        {
            using var scope = NewDisposeScope();
            return hold(apply(element));
        }
        finally
        {
            dispose(element);
        }
    }
}

/// <summary>tf's <c>FilterDataset</c>: the elements for which a predicate gives true.</summary>
internal sealed class FilterDataset : Dataset
{
    private readonly Dataset _input;
    private readonly Func<Tensor[], Tensor> _predicate;

    public FilterDataset(Dataset input, Func<Tensor[], Tensor> predicate)
    {
        _input = input;
        _predicate = predicate;
    }

    private protected override string stage_name => "FilterDataset";

    // tf.data's FilterDataset does not know how many elements pass, even of an endless input
    // (Keras's tf_dataset_adapter_test relies on it: range(42).repeat().filter(...) is UNKNOWN).
    public override long cardinality() => UNKNOWN;

    private protected override ElementSpec compute_spec() => _input.spec;

    private protected override IEnumerable<Tensor[]> iterate()
    {
        foreach (var element in elements(_input))
        {
            bool keep;
            using (no_grad())
            {
                var result = _predicate(element);
                if (result is null || result.dtype != ScalarType.Bool || result.numel() != 1)
                    throw new InvalidOperationException("Invalid `predicate`. `predicate` must return a `tf.bool` scalar tensor, but its return type was " +
                        (result is null ? "null" : TensorSpec.of(result).ToString()) + ".");
                keep = result.item<bool>();
            }
            if (keep) yield return element;
            else dispose(element);
        }
    }
}
