namespace KerasPort.Layers;

/// <summary>
/// The <c>padding</c> of ZeroPadding2D and the <c>cropping</c> of Cropping2D, as Keras reads
/// them: an int (the same on all four sides), two ints (symmetric height, symmetric width) or two
/// pairs ((top, bottom), (left, right)); every amount non-negative.
/// </summary>
internal static class Padding2D
{
    public static long[][] standardize(IntTuple? symmetric, ((int, int), (int, int))? sides, string argument, long[] fallback)
    {
        if (sides is ((int top, int bottom), (int left, int right)))
        {
            var height = ((IntTuple)new[] { top, bottom }).standardize(2, $"1st entry of {argument}", allow_zero: true);
            var width = ((IntTuple)new[] { left, right }).standardize(2, $"2nd entry of {argument}", allow_zero: true);
            return [height, width];
        }
        var values = symmetric is { } s ? s.ToArray() : fallback;
        if (symmetric is { is_scalar: true }) values = [values[0], values[0]];
        if (values.Length != 2)
            throw new ArgumentException($"`{argument}` should have two elements. Received: {argument}={symmetric}.", argument);
        if (values.Any(v => v < 0))
            throw new ArgumentException($"`{argument}` cannot be negative. Received: {argument}={symmetric}.", argument);
        return [[values[0], values[0]], [values[1], values[1]]];
    }
}
