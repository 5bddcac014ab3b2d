namespace KerasPort;

/// <summary>
/// Python's tuple unpacking of a list, for C# arrays: <c>var (loss, acc) = model.evaluate(...)</c>,
/// <c>var (x, y) = element</c> on a dataset's <c>Tensor[]</c> element. As in Python, the array
/// must have exactly as many entries as names.
/// </summary>
public static class ArrayDeconstruct
{
    /// <summary><c>var (x0, x1) = a</c>: the 2 entries of <paramref name="a"/>; throws Python's error when it has another length.</summary>
    public static void Deconstruct<T>(this T[] a, out T x0, out T x1)
    {
        check(a, 2);
        (x0, x1) = (a[0], a[1]);
    }

    /// <summary><c>var (x0, x1, x2) = a</c>: the 3 entries of <paramref name="a"/>; throws Python's error when it has another length.</summary>
    public static void Deconstruct<T>(this T[] a, out T x0, out T x1, out T x2)
    {
        check(a, 3);
        (x0, x1, x2) = (a[0], a[1], a[2]);
    }

    /// <summary><c>var (x0, x1, x2, x3) = a</c>: the 4 entries of <paramref name="a"/>; throws Python's error when it has another length.</summary>
    public static void Deconstruct<T>(this T[] a, out T x0, out T x1, out T x2, out T x3)
    {
        check(a, 4);
        (x0, x1, x2, x3) = (a[0], a[1], a[2], a[3]);
    }

    /// <summary><c>var (x0, x1, x2, x3, x4) = a</c>: the 5 entries of <paramref name="a"/>; throws Python's error when it has another length.</summary>
    public static void Deconstruct<T>(this T[] a, out T x0, out T x1, out T x2, out T x3, out T x4)
    {
        check(a, 5);
        (x0, x1, x2, x3, x4) = (a[0], a[1], a[2], a[3], a[4]);
    }

    /// <summary>Python's messages: "too many values to unpack (expected 2)", "not enough values to unpack (expected 3, got 2)".</summary>
    private static void check<T>(T[] a, int n)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Length > n) throw new ArgumentException($"too many values to unpack (expected {n})");
        if (a.Length < n) throw new ArgumentException($"not enough values to unpack (expected {n}, got {a.Length})");
    }
}
