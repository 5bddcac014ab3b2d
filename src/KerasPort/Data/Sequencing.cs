using static TorchSharp.torch;

namespace KerasPort.Data;

/// <summary>tf's <c>TakeDataset</c>: the first elements of its input.</summary>
internal sealed class TakeDataset : Dataset
{
    private readonly Dataset _input;
    private readonly long _count;

    public TakeDataset(Dataset input, long count)
    {
        _input = input;
        _count = count;
    }

    private protected override string stage_name => "TakeDataset";

    public override long cardinality()
    {
        long n = _input.cardinality();
        if (_count == -1) return n;
        if (n == INFINITE) return _count;
        if (n == UNKNOWN) return UNKNOWN;
        return Math.Min(n, _count);
    }

    private protected override ElementSpec compute_spec() => _input.spec;

    private protected override IEnumerable<Tensor[]> iterate()
    {
        if (_count == 0) yield break;
        long taken = 0;
        foreach (var element in elements(_input))
        {
            yield return element;
            if (_count != -1 && ++taken >= _count) yield break;
        }
    }
}

/// <summary>tf's <c>SkipDataset</c>: its input without the first elements.</summary>
internal sealed class SkipDataset : Dataset
{
    private readonly Dataset _input;
    private readonly long _count;

    public SkipDataset(Dataset input, long count)
    {
        _input = input;
        _count = count;
    }

    private protected override string stage_name => "SkipDataset";

    public override long cardinality()
    {
        long n = _input.cardinality();
        if (n < 0) return n;
        return _count == -1 ? 0 : Math.Max(0, n - _count);
    }

    private protected override ElementSpec compute_spec() => _input.spec;

    private protected override IEnumerable<Tensor[]> iterate()
    {
        long skipped = 0;
        foreach (var element in elements(_input))
        {
            if (_count == -1 || skipped < _count)
            {
                skipped++;
                dispose(element);
                continue;
            }
            yield return element;
        }
    }
}

/// <summary>tf's <c>RepeatDataset</c>: its input again and again (a new iteration each time, so shuffles draw anew).</summary>
internal sealed class RepeatDataset : Dataset
{
    private readonly Dataset _input;
    private readonly long _count;

    public RepeatDataset(Dataset input, long count)
    {
        _input = input;
        _count = count;
    }

    private protected override string stage_name => "RepeatDataset";

    public override long cardinality()
    {
        long n = _input.cardinality();
        if (_count == -1) return n == 0 ? 0 : INFINITE;
        if (_count == 0) return 0;
        if (n < 0) return n;
        return n * _count;
    }

    private protected override ElementSpec compute_spec() => _input.spec;

    private protected override IEnumerable<Tensor[]> iterate()
    {
        for (long pass = 0; _count == -1 || pass < _count; pass++)
        {
            bool any = false;
            foreach (var element in elements(_input))
            {
                any = true;
                yield return element;
            }
            // An empty input repeated forever is still empty (tf stops rather than spin).
            if (!any) yield break;
        }
    }
}

/// <summary>tf's <c>ConcatenateDataset</c>: one dataset's elements, then another's.</summary>
internal sealed class ConcatenateDataset : Dataset
{
    private readonly Dataset _first;
    private readonly Dataset _second;

    public ConcatenateDataset(Dataset first, Dataset second)
    {
        _first = first;
        _second = second;
    }

    private protected override string stage_name => "ConcatenateDataset";

    public override long cardinality()
    {
        long a = _first.cardinality(), b = _second.cardinality();
        if (a == INFINITE || b == INFINITE) return INFINITE;
        if (a == UNKNOWN || b == UNKNOWN) return UNKNOWN;
        return a + b;
    }

    private protected override ElementSpec compute_spec()
    {
        var a = _first.spec;
        var b = _second.spec;
        if (a.components.Length != b.components.Length || a.tuple != b.tuple)
            throw new ArgumentException($"Incompatible dataset elements for concatenate: {a} and {b}.");
        return a with { components = a.components.Zip(b.components, (x, y) => x.merge(y, "concatenate")).ToArray() };
    }

    private protected override IEnumerable<Tensor[]> iterate() => elements(_first).Concat(elements(_second));
}

/// <summary>tf's <c>ZipDataset</c>: one element of each input, side by side, until the shortest ends.</summary>
internal sealed class ZipDataset : Dataset
{
    private readonly Dataset[] _inputs;

    public ZipDataset(Dataset[] inputs) => _inputs = inputs;

    private protected override string stage_name => "ZipDataset";

    public override long cardinality()
    {
        long result = INFINITE;
        foreach (var d in _inputs)
        {
            long n = d.cardinality();
            if (n == UNKNOWN) return UNKNOWN;
            if (n != INFINITE) result = result == INFINITE ? n : Math.Min(result, n);
        }
        return result;
    }

    private protected override ElementSpec compute_spec() => new(_inputs.SelectMany(d => d.spec.components).ToArray(), true);

    private protected override IEnumerable<Tensor[]> iterate()
    {
        var enumerators = _inputs.Select(d => elements(d).GetEnumerator()).ToArray();
        try
        {
            while (true)
            {
                var parts = new List<Tensor>();
                foreach (var e in enumerators)
                {
                    if (!e.MoveNext())
                    {
                        dispose(parts);
                        yield break;
                    }
                    parts.AddRange(e.Current);
                }
                yield return parts.ToArray();
            }
        }
        finally
        {
            foreach (var e in enumerators) e.Dispose();
        }
    }
}

/// <summary>tf's <c>enumerate</c>: each element preceded by its int64 index.</summary>
internal sealed class EnumerateDataset : Dataset
{
    private readonly Dataset _input;
    private readonly long _start;

    public EnumerateDataset(Dataset input, long start)
    {
        _input = input;
        _start = start;
    }

    private protected override string stage_name => "EnumerateDataset";

    public override long cardinality() => _input.cardinality();

    private protected override ElementSpec compute_spec() =>
        new([new TensorSpec([], ScalarType.Int64), .. _input.spec.components], true);

    private protected override IEnumerable<Tensor[]> iterate()
    {
        long i = _start;
        foreach (var element in elements(_input))
            yield return [tensor(i++), .. element];
    }
}
