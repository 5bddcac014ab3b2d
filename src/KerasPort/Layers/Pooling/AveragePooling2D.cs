namespace KerasPort.Layers;

/// <summary>Keras's <c>AveragePooling2D</c>: the mean over each window of <c>[batch, height, width, channels]</c> images; with "same" padding, the windows at the edge average only the inputs they cover where the padding is even, as Keras on torch does.</summary>
/// <example><code>
/// model.add(new AveragePooling2D(pool_size: 2, padding: "same"));
/// // Python: model.add(keras.layers.AveragePooling2D(pool_size=2, padding="same"))
/// </code></example>
public sealed class AveragePooling2D : BasePooling
{
    /// <param name="pool_size">An int or two ints (default 2).</param>
    /// <param name="strides">An int or two ints; null takes <paramref name="pool_size"/>.</param>
    /// <param name="padding"><c>valid</c> (default) or <c>same</c> (output size ceil(input / stride)).</param>
    /// <param name="data_format"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
    /// <param name="input_shape">Shape of one sample, to fix the model's input.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    public AveragePooling2D(IntTuple? pool_size = null, IntTuple? strides = null, string padding = "valid", string? data_format = null,
        long[]? input_shape = null, string? name = null)
        : base(2, max: false, pool_size, strides, padding, data_format, input_shape, name)
    {
    }
}
