namespace KerasPort.Layers;

/// <summary>Keras's <c>GlobalAveragePooling1D</c>: the mean over the steps of each feature: <c>[batch, steps, features]</c> becomes <c>[batch, features]</c>.</summary>
/// <example><code>new GlobalAveragePooling1D()</code></example>
public sealed class GlobalAveragePooling1D : BaseGlobalPooling
{
    /// <param name="data_format"><c>channels_last</c> (default, <c>[batch, steps, features]</c>) or <c>channels_first</c>.</param>
    /// <param name="keepdims">Whether the pooled axes stay with length 1 (default false).</param>
    /// <param name="input_shape">Shape of one sample, to fix the model's input.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    public GlobalAveragePooling1D(string? data_format = null, bool keepdims = false, long[]? input_shape = null, string? name = null)
        : base(1, max: false, data_format, keepdims, input_shape, name)
    {
    }
}
