namespace KerasPort.Layers;

/// <summary>Shapes written as Python writes tuples: <c>(None, 60)</c>, <c>(None,)</c>.</summary>
internal static class ShapeText
{
    public static string format(IEnumerable<long?> shape)
    {
        var dims = shape.Select(d => d?.ToString() ?? "None").ToList();
        return dims.Count == 1 ? $"({dims[0]},)" : $"({string.Join(", ", dims)})";
    }

    public static string format(IEnumerable<long> shape) => format(shape.Select(d => (long?)d));
}
