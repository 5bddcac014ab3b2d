using KerasPort.Utils;

namespace KerasPort.Layers;

/// <summary>
/// A Keras augmentation factor: one number (a range symmetric around 0, or from 0, as the layer says)
/// or a <c>(lower, upper)</c> pair. C# takes <c>0.2</c>, <c>[-0.1, 0.25]</c> or <c>(-0.1, 0.25)</c>.
/// </summary>
public readonly struct Factor
{
    private Factor(double? number, double[]? pair)
    {
        this.number = number;
        this.pair = pair;
    }

    /// <summary>The single number given; null when a list was given.</summary>
    public double? number { get; }

    /// <summary>The list given (normally two numbers); null when a number was given.</summary>
    public double[]? pair { get; }

    /// <summary>One number, as Keras's <c>factor=0.2</c>.</summary>
    public static implicit operator Factor(double value) => new(value, null);

    /// <summary>One whole number, as Keras's <c>factor=1</c>.</summary>
    public static implicit operator Factor(int value) => new(value, null);

    /// <summary>One whole number, as Keras's <c>factor=1</c>.</summary>
    public static implicit operator Factor(long value) => new(value, null);

    /// <summary>A list, as Keras's <c>factor=[-0.1, 0.25]</c>; the array is copied.</summary>
    public static implicit operator Factor(double[] values) => new(null, (double[])values.Clone());

    /// <summary>A list of whole numbers, as Keras's <c>factor=[-1, 2]</c>.</summary>
    public static implicit operator Factor(long[] values) => new(null, values.Select(v => (double)v).ToArray());

    /// <summary>A (lower, upper) tuple, as Keras's <c>factor=(-0.1, 0.25)</c>.</summary>
    public static implicit operator Factor((double lower, double upper) values) => new(null, [values.lower, values.upper]);

    /// <summary>The value as Keras's config holds it: a number or a list.</summary>
    public object value => number is double n ? n : pair!.ToList();

    /// <summary>The factor as Python prints it: <c>0.2</c> or <c>[-0.1, 0.25]</c>.</summary>
    public override string ToString() =>
        number is double n ? PythonFormat.repr(n) : "[" + string.Join(", ", pair!.Select(PythonFormat.repr)) + "]";
}
