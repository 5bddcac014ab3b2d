namespace KerasPort.Layers;

/// <summary>Output shapes of the layers that set the image size (Resizing, CenterCrop, RandomCrop).</summary>
internal static class PreprocessingShapes
{
    /// <summary><paramref name="input_shape"/> (batched or not) with its height and width replaced.</summary>
    public static long?[] with_size(long?[] input_shape, long height, long width, string data_format)
    {
        var shape = (long?[])input_shape.Clone();
        int r = shape.Length;
        int h = data_format == "channels_last" ? r - 3 : r - 2;
        shape[h] = height;
        shape[h + 1] = width;
        return shape;
    }
}
