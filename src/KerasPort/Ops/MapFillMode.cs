namespace KerasPort.Ops;

/// <summary>
/// The fill modes of Keras's torch <c>map_coordinates</c> (jax.scipy's semantics, not scipy's):
/// each interpolation tap outside the image is mapped back inside by the mode; in constant mode
/// such a tap reads <c>fill_value</c> instead, so edge pixels blend with the fill.
/// </summary>
internal enum MapFillMode
{
    Constant,
    Nearest,
    Wrap,
    Mirror,
    Reflect,
}

internal static class MapFillModes
{
    /// <summary>The mode of a Keras <c>fill_mode</c> name; null when unknown.</summary>
    public static MapFillMode? parse(string? name) => name switch
    {
        "constant" => MapFillMode.Constant,
        "nearest" => MapFillMode.Nearest,
        "wrap" => MapFillMode.Wrap,
        "mirror" => MapFillMode.Mirror,
        "reflect" => MapFillMode.Reflect,
        _ => null,
    };

    /// <summary>
    /// Keras's index fixer for a tap <paramref name="index"/> on an axis of <paramref name="size"/>:
    /// clip for constant and nearest, floor-modulo for wrap, the triangular waves for mirror and reflect.
    /// </summary>
    public static int fix(int index, int size, MapFillMode mode)
    {
        switch (mode)
        {
            case MapFillMode.Wrap:
                return floor_mod(index, size);
            case MapFillMode.Mirror:
                return mirror(index, size);
            case MapFillMode.Reflect:
                // floor((mirror(2i + 1, 2n + 1) - 1) / 2)
                return (int)Math.Floor((mirror(2 * index + 1, 2 * size + 1) - 1) / 2.0);
            default:
                return index < 0 ? 0 : index > size - 1 ? size - 1 : index;
        }
    }

    // |((i + s) mod 2s) - s| with s = size - 1: the half-wave of a triangle.
    private static int mirror(int index, int size)
    {
        int s = size - 1;
        if (s == 0) return 0;
        return Math.Abs(floor_mod(index + s, 2 * s) - s);
    }

    private static int floor_mod(int a, int n)
    {
        int r = a % n;
        return r < 0 ? r + n : r;
    }
}
