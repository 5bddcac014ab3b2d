namespace KerasPort.Preprocessing.Image;

/// <summary>
/// Keras's <c>width_shift_range</c> / <c>height_shift_range</c>, which take three kinds of value:
/// a float (fraction of the image size when &lt; 1, else pixels: a shift is drawn from
/// <c>uniform(-r, r)</c>), an int N (whole pixels drawn from <c>choice(N) · choice([-1, 1])</c>,
/// so in (−N, N)), or an array (one of its values, with a random sign). Converts implicitly from
/// <c>double</c>, <c>int</c>, <c>double[]</c> and <c>int[]</c>, so <c>width_shift_range: 0.2</c>,
/// <c>width_shift_range: 5</c> and <c>width_shift_range: new[] { 1.0, 2.0 }</c> all read as in Python.
/// </summary>
public readonly struct ShiftRange
{
    private readonly double _float;
    private readonly long _int;
    private readonly double[]? _values;

    /// <summary>Which of Keras's three forms this is.</summary>
    internal Kind kind { get; }

    internal enum Kind
    {
        Float,
        Int,
        Array,
    }

    private ShiftRange(Kind kind, double f, long i, double[]? values)
    {
        this.kind = kind;
        _float = f;
        _int = i;
        _values = values;
    }

    /// <summary>A float range: a fraction of the image size when below 1, else pixels; the shift is drawn from <c>uniform(-value, value)</c>.</summary>
    /// <param name="value">The range; 0 disables the shift.</param>
    public static implicit operator ShiftRange(double value) => new(Kind.Float, value, 0, null);

    /// <summary>A whole-pixel range: the shift is a whole number of pixels in (-value, value).</summary>
    /// <param name="value">The range in pixels; 0 disables the shift.</param>
    public static implicit operator ShiftRange(int value) => new(Kind.Int, 0, value, null);

    /// <summary>A set of allowed shifts: one of <paramref name="values"/> is drawn, with a random sign (fractions of the size when every value is below 1, else pixels).</summary>
    /// <param name="values">The allowed shifts; copied. An empty array disables the shift.</param>
    public static implicit operator ShiftRange(double[] values) =>
        new(Kind.Array, 0, 0, (double[])(values ?? throw new ArgumentNullException(nameof(values))).Clone());

    /// <summary>A set of allowed whole-pixel shifts, as the <c>double[]</c> form.</summary>
    /// <param name="values">The allowed shifts in pixels; copied.</param>
    public static implicit operator ShiftRange(int[] values) =>
        new(Kind.Array, 0, 0, (values ?? throw new ArgumentNullException(nameof(values))).Select(v => (double)v).ToArray());

    /// <summary>Python truthiness: 0, 0.0 and an empty array disable the shift.</summary>
    internal bool enabled => kind switch
    {
        Kind.Float => _float != 0,
        Kind.Int => _int != 0,
        _ => _values is { Length: > 0 },
    };

    internal double float_value => _float;
    internal long int_value => _int;
    internal IReadOnlyList<double> values => _values ?? [];

    /// <summary><c>np.max(range)</c>: a shift is a fraction of the image size when this is below 1.</summary>
    internal double max => kind switch
    {
        Kind.Float => _float,
        Kind.Int => _int,
        _ => _values!.Max(),
    };

    /// <inheritdoc/>
    public override string ToString() => kind switch
    {
        Kind.Float => _float.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        Kind.Int => _int.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => "[" + string.Join(", ", values.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "]",
    };
}
