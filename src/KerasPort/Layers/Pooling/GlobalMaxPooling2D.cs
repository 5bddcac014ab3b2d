namespace KerasPort.Layers;

/// <summary>Keras's <c>GlobalMaxPooling2D</c>: the maximum over height and width of each channel: <c>[batch, height, width, channels]</c> becomes <c>[batch, channels]</c>.</summary>
/// <example><code>new GlobalMaxPooling2D()</code></example>
public sealed class GlobalMaxPooling2D : BaseGlobalPooling
{
    /// <param name="data_format"><c>channels_last</c> (default, <c>[batch, height, width, channels]</c>) or <c>channels_first</c>.</param>
    /// <param name="keepdims">Whether the pooled axes stay with length 1 (default false).</param>
    /// <param name="input_shape">Shape of one sample, to fix the model's input.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    public GlobalMaxPooling2D(string? data_format = null, bool keepdims = false, long[]? input_shape = null, string? name = null)
        : base(2, max: true, data_format, keepdims, input_shape, name)
    {
    }
}
