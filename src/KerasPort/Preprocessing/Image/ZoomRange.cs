namespace KerasPort.Preprocessing.Image;

/// <summary>
/// Keras's <c>zoom_range</c>: a float z (meaning [1 − z, 1 + z]) or a [lower, upper] pair.
/// Converts implicitly from <c>double</c> (and so from <c>int</c>) and <c>double[]</c>.
/// </summary>
public readonly struct ZoomRange
{
    private readonly double _value;
    private readonly double[]? _bounds;

    private ZoomRange(double value, double[]? bounds)
    {
        _value = value;
        _bounds = bounds;
    }

    /// <summary>A float z: the zoom is drawn from [1 - z, 1 + z]; 0 disables zooming.</summary>
    /// <param name="value">The zoom amount z.</param>
    public static implicit operator ZoomRange(double value) => new(value, null);

    /// <summary>An explicit [lower, upper] zoom range (checked for length 2 by the generator).</summary>
    /// <param name="bounds">Two numbers; copied.</param>
    public static implicit operator ZoomRange(double[] bounds) =>
        new(0, (double[])(bounds ?? throw new ArgumentNullException(nameof(bounds))).Clone());

    /// <summary>The [lower, upper] range Keras keeps; throws Keras's error for an array not of length 2.</summary>
    internal double[] Normalize()
    {
        if (_bounds is null)
            return [1 - _value, 1 + _value];
        if (_bounds.Length != 2)
            throw new ArgumentException(
                $"`zoom_range` should be a float or a tuple or list of two floats. Received: zoom_range={this}", "zoom_range");
        return [_bounds[0], _bounds[1]];
    }

    /// <inheritdoc/>
    public override string ToString() => _bounds is null
        ? _value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)
        : "[" + string.Join(", ", _bounds.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "]";
}
