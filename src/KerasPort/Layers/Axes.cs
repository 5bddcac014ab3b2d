using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace KerasPort.Layers;

/// <summary>
/// Keras's "an int or a list of ints" axis arguments (<c>LayerNormalization(axis=...)</c>,
/// <c>PReLU(shared_axes=...)</c>): converts implicitly from <c>int</c>, <c>int[]</c> and
/// collection expressions, so <c>axis: -1</c> and <c>axis: [1, 2]</c> read as in Python.
/// Negative axes count from the end.
/// </summary>
[CollectionBuilder(typeof(Axes), nameof(create))]
public readonly struct Axes : IEnumerable<int>
{
    private readonly int[]? _values;

    private Axes(int[] values, bool scalar)
    {
        _values = values;
        is_scalar = scalar;
    }

    /// <summary>One axis, as Keras's <c>axis=-1</c>.</summary>
    public static implicit operator Axes(int value) => new([value], scalar: true);

    /// <summary>Several axes, as Keras's <c>axis=[1, 2]</c>; the array is copied.</summary>
    public static implicit operator Axes(int[] values) => new((int[])values.Clone(), scalar: false);

    /// <summary>From Keras's JSON ints (a config read back from a file).</summary>
    public static implicit operator Axes(long value) => new([checked((int)value)], scalar: true);

    /// <summary>Several axes from Keras's JSON ints (a config read back from a file).</summary>
    public static implicit operator Axes(long[] values) => new(values.Select(v => checked((int)v)).ToArray(), scalar: false);

    /// <summary>The builder of a collection expression (<c>[1, 2]</c>).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static Axes create(ReadOnlySpan<int> values) => new(values.ToArray(), scalar: false);

    /// <summary>Whether a single int was given (Keras keeps it as an int, not a list).</summary>
    public bool is_scalar { get; }

    /// <summary>The axes as given.</summary>
    public int[] values => (int[])(_values ?? []).Clone();

    /// <summary>The axes in order (what makes <c>axis: [1, 2]</c> a collection expression).</summary>
    public IEnumerator<int> GetEnumerator() => ((IEnumerable<int>)values).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The axes as Python prints them: <c>-1</c> or <c>[1, 2]</c>.</summary>
    public override string ToString() => is_scalar ? values[0].ToString() : "[" + string.Join(", ", values) + "]";
}
