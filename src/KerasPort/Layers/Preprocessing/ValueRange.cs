using KerasPort.Utils;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>The <c>value_range</c> argument of the colour layers and Keras's conversions between ranges.</summary>
internal static class ValueRange
{
    /// <summary>Keras's <c>_set_value_range</c>: two numbers, sorted; null is Keras's default (0, 255).</summary>
    public static double[] check(double[]? value_range, string argument = "value_range")
    {
        if (value_range is null) return [0, 255];
        if (value_range.Length != 2)
            throw new ArgumentException($"The `value_range` argument should be a list of two numbers. Received: value_range=[{string.Join(", ", value_range.Select(PythonFormat.repr))}]", argument);
        return [Math.Min(value_range[0], value_range[1]), Math.Max(value_range[0], value_range[1])];
    }

    /// <summary>Keras's <c>_transform_value_range</c>: maps values from one range onto another, in float32.</summary>
    public static Tensor transform(Tensor images, double[] from, double[] to)
    {
        if (from[0] == to[0] && from[1] == to[1]) return images;
        using var scope = NewDisposeScope();
        var x = images.to_type(ScalarType.Float32);
        float from_min = (float)from[0], from_max = (float)from[1], to_min = (float)to[0], to_max = (float)to[1];
        x = (x - from_min) / (from_max - from_min);
        return (x * (to_max - to_min) + to_min).MoveToOuterDisposeScope();
    }

    /// <summary>The range as Keras's config holds it: a list of two numbers.</summary>
    public static List<double> config(double[] range) => [range[0], range[1]];
}
