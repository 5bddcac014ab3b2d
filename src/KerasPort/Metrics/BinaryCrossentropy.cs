namespace KerasPort.Metrics;

/// <summary>Keras's <c>BinaryCrossentropy</c> metric: the sample mean of the binary crossentropy loss.</summary>
public sealed class BinaryCrossentropy(string name = "binary_crossentropy", bool from_logits = false, double label_smoothing = 0.0)
    : MeanMetricWrapper((y, p) => keras.losses.binary_crossentropy(y, p, from_logits, label_smoothing), name)
{
    public bool from_logits { get; } = from_logits;
    public double label_smoothing { get; } = label_smoothing;

    public override IDictionary<string, object> get_config()
    {
        var config = base.get_config();
        config["from_logits"] = from_logits;
        config["label_smoothing"] = label_smoothing;
        return config;
    }
}
