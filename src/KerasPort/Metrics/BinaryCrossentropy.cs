namespace KerasPort.Metrics;

    /// <summary>Keras's <c>BinaryCrossentropy</c> metric: the sample mean of the binary crossentropy loss.</summary>
    /// <param name="name">The metric's name. Default <c>"binary_crossentropy"</c>.</param>
    /// <param name="from_logits">True when the predictions are logits. Default false.</param>
    /// <param name="label_smoothing">In [0, 1]; above 0 the labels are smoothed toward 0.5. Default 0.</param>
public sealed class BinaryCrossentropy(string name = "binary_crossentropy", bool from_logits = false, double label_smoothing = 0.0)
    : MeanMetricWrapper((y, p) => keras.losses.binary_crossentropy(y, p, from_logits, label_smoothing), name)
{
    /// <summary>Whether the predictions are logits.</summary>
    public bool from_logits { get; } = from_logits;
    /// <summary>The label smoothing factor.</summary>
    public double label_smoothing { get; } = label_smoothing;

    /// <inheritdoc/>
    public override IDictionary<string, object> get_config()
    {
        var config = base.get_config();
        config["from_logits"] = from_logits;
        config["label_smoothing"] = label_smoothing;
        return config;
    }
}
