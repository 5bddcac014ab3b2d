namespace KerasPort.Layers;

/// <summary>Keras's <c>GlobalAveragePooling2D</c>: the mean over height and width of each channel: <c>[batch, height, width, channels]</c> becomes <c>[batch, channels]</c>.</summary>
/// <example><code>
/// model.add(new GlobalAveragePooling2D());
/// // Python: model.add(keras.layers.GlobalAveragePooling2D())
/// </code></example>
public sealed class GlobalAveragePooling2D : BaseGlobalPooling
{
    /// <param name="data_format"><c>channels_last</c> (default, <c>[batch, height, width, channels]</c>) or <c>channels_first</c>.</param>
    /// <param name="keepdims">Whether the pooled axes stay with length 1 (default false).</param>
    /// <param name="input_shape">Shape of one sample, to fix the model's input.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    public GlobalAveragePooling2D(string? data_format = null, bool keepdims = false, long[]? input_shape = null, string? name = null)
        : base(2, max: false, data_format, keepdims, input_shape, name)
    {
    }
}
