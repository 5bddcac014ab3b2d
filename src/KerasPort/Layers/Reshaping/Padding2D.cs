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

    /// <summary>The ((top, bottom), (left, right)) of a config read back from a file (lists of JSON ints).</summary>
    public static long[][] from_config(IDictionary<string, object> config, string argument)
    {
        if (!config.TryGetValue(argument, out var value) || value is not System.Collections.IList { Count: 2 } pairs)
            throw new ArgumentException($"The config needs `{argument}` as two pairs ((top, bottom), (left, right)). Received: {(value is null ? "None" : value)}", argument);
        var sides = pairs.Cast<object>().Select(p => p is System.Collections.IList { Count: 2 } pair
            ? pair.Cast<object>().Select(Convert.ToInt32).ToArray()
            : throw new ArgumentException($"`{argument}` should hold two pairs of ints. Received: {p}", argument)).ToArray();
        return standardize(null, ((sides[0][0], sides[0][1]), (sides[1][0], sides[1][1])), argument, []);
    }
}
