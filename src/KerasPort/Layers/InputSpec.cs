namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>InputSpec</c> checks, run before a layer computes: the rank and the size of given
/// axes, failing with Keras's "is incompatible with the layer" message.
/// </summary>
internal static class InputSpec
{
    private static string prefix(Layer layer) => $"Input 0 with name 'None' of layer '{layer.name}' is incompatible with the layer: ";

    /// <summary>Keras's <c>InputSpec(ndim=...)</c>.</summary>
    public static void ndim(Layer layer, long[] shape, int expected)
    {
        if (shape.Length != expected)
            throw new ArgumentException(prefix(layer) + $"expected ndim={expected}, found ndim={shape.Length}. Full shape received: {ShapeText.format(shape)}", "inputs");
    }

    /// <summary>Keras's <c>InputSpec(min_ndim=...)</c>.</summary>
    public static void min_ndim(Layer layer, long[] shape, int expected)
    {
        if (shape.Length < expected)
            throw new ArgumentException(prefix(layer) + $"expected min_ndim={expected}, found ndim={shape.Length}. Full shape received: {ShapeText.format(shape)}", "inputs");
    }

    /// <summary>Keras's <c>InputSpec(axes={axis: value})</c>; a negative axis counts from the end.</summary>
    public static void axis(Layer layer, long[] shape, int axis, long expected)
    {
        int index = axis < 0 ? shape.Length + axis : axis;
        if (index < 0 || index >= shape.Length || shape[index] != expected)
            throw new ArgumentException(prefix(layer) + $"expected axis {axis} of input shape to have value {expected}, but received input with shape {ShapeText.format(shape)}", "inputs");
    }
}
