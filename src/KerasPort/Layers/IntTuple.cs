using System.Collections;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace KerasPort.Layers;

/// <summary>
/// Keras's "an integer or a tuple/list of integers" arguments (<c>kernel_size</c>,
/// <c>strides</c>, <c>pool_size</c>, <c>dilation_rate</c>). Converts implicitly from <c>int</c>,
/// <c>long</c>, <c>int[]</c>, <c>long[]</c>, <c>(int, int)</c> and collection expressions, so
/// <c>kernel_size: 3</c>, <c>kernel_size: [3, 3]</c> and <c>kernel_size: new[] { 3, 3 }</c> read
/// as in Python, and any other type is a compile error.
/// </summary>
[CollectionBuilder(typeof(IntTuple), nameof(create))]
public readonly struct IntTuple : IEnumerable<long>
{
    private readonly long[]? _values;
    private readonly bool _scalar;

    private IntTuple(long[]? values, bool scalar)
    {
        _values = values;
        _scalar = scalar;
    }

    /// <summary>One integer, used for every axis, as Keras's <c>kernel_size=3</c>.</summary>
    public static implicit operator IntTuple(int value) => new([value], scalar: true);

    /// <summary>One integer, used for every axis, as Keras's <c>kernel_size=3</c>.</summary>
    public static implicit operator IntTuple(long value) => new([value], scalar: true);

    /// <summary>One integer per axis, as Keras's <c>kernel_size=[3, 3]</c>; null is refused where the value is read.</summary>
    public static implicit operator IntTuple(int[]? values) => new(values?.Select(v => (long)v).ToArray(), scalar: false);

    /// <summary>One integer per axis, as Keras's <c>kernel_size=[3, 3]</c>; null is refused where the value is read.</summary>
    public static implicit operator IntTuple(long[]? values) => new((long[]?)values?.Clone(), scalar: false);

    /// <summary>Two integers, as Keras's <c>kernel_size=(3, 3)</c>.</summary>
    public static implicit operator IntTuple((int, int) values) => new([values.Item1, values.Item2], scalar: false);

    /// <summary>The builder of a collection expression (<c>[3, 3]</c>).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static IntTuple create(ReadOnlySpan<long> values) => new(values.ToArray(), scalar: false);

    /// <summary>Whether a single integer was given (rather than a list of one).</summary>
    internal bool is_scalar => _scalar;

    /// <summary>
    /// Keras's <c>standardize_tuple</c>: <paramref name="n"/> copies of an integer, or the given
    /// <paramref name="n"/> integers; every entry must be positive (or, with
    /// <paramref name="allow_zero"/>, non-negative).
    /// </summary>
    internal long[] standardize(int n, string argument, bool allow_zero = false)
    {
        if (_values is null)
            throw new ArgumentException($"The `{argument}` argument must be a tuple of {n} integers. Received {argument}=null", argument);
        long[] result = _scalar ? Enumerable.Repeat(_values[0], n).ToArray() : (long[])_values.Clone();
        // Keras's messages: the wrong length, or the values that break the bound.
        string received = $"The `{argument}` argument must be a tuple of {n} integers. Received {argument}={this}";
        if (result.Length != n)
            throw new ArgumentException(received, argument);
        var bad = result.Where(v => allow_zero ? v < 0 : v <= 0).Distinct().Order().ToArray();
        if (bad.Length > 0)
            throw new ArgumentException($"{received}, including values {{{string.Join(", ", bad)}}} that do not satisfy `value {(allow_zero ? ">= 0" : "> 0")}`", argument);
        return result;
    }

    /// <summary>The integers as given (one for a single integer).</summary>
    public IEnumerator<long> GetEnumerator() => ((IEnumerable<long>)(_values ?? [])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>As Python prints the argument: <c>3</c>, <c>(3, 3)</c>, <c>(3,)</c>.</summary>
    public override string ToString() => _values is null ? "null" : _scalar ? _values[0].ToString()
        : _values.Length == 1 ? $"({_values[0]},)" : "(" + string.Join(", ", _values) + ")";
}
