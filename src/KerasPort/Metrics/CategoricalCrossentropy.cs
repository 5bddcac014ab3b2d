namespace KerasPort.Metrics;

/// <summary>Keras's <c>CategoricalCrossentropy</c> metric: the sample mean of the categorical crossentropy loss.</summary>
public sealed class CategoricalCrossentropy(string name = "categorical_crossentropy", bool from_logits = false, double label_smoothing = 0.0, long axis = -1)
    : MeanMetricWrapper((y, p) => keras.losses.categorical_crossentropy(y, p, from_logits, label_smoothing, axis), name)
{
    public bool from_logits { get; } = from_logits;
    public double label_smoothing { get; } = label_smoothing;
    public long axis { get; } = axis;

    public override IDictionary<string, object> get_config()
    {
        var config = base.get_config();
        config["from_logits"] = from_logits;
        config["label_smoothing"] = label_smoothing;
        config["axis"] = axis;
        return config;
    }
}
