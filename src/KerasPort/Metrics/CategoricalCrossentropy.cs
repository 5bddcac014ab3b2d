namespace KerasPort.Metrics;

    /// <summary>Keras's <c>CategoricalCrossentropy</c> metric: the sample mean of the categorical crossentropy loss on one-hot labels.</summary>
    /// <param name="name">The metric's name. Default <c>"categorical_crossentropy"</c>.</param>
    /// <param name="from_logits">True when the predictions are logits. Default false.</param>
    /// <param name="label_smoothing">In [0, 1]; above 0 the labels are smoothed toward uniform. Default 0.</param>
    /// <param name="axis">The class axis. Default -1.</param>
public sealed class CategoricalCrossentropy(string name = "categorical_crossentropy", bool from_logits = false, double label_smoothing = 0.0, long axis = -1)
    : MeanMetricWrapper((y, p) => keras.losses.categorical_crossentropy(y, p, from_logits, label_smoothing, axis), name)
{
    /// <summary>Whether the predictions are logits.</summary>
    public bool from_logits { get; } = from_logits;
    /// <summary>The label smoothing factor.</summary>
    public double label_smoothing { get; } = label_smoothing;
    /// <summary>The class axis.</summary>
    public long axis { get; } = axis;

    /// <inheritdoc/>
    public override IDictionary<string, object> get_config()
    {
        var config = base.get_config();
        config["from_logits"] = from_logits;
        config["label_smoothing"] = label_smoothing;
        config["axis"] = axis;
        return config;
    }
}
