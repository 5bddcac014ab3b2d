namespace KerasPort.Metrics;

/// <summary>Keras's <c>BinaryAccuracy</c>: a prediction counts as 1 when strictly above <see cref="threshold"/>.</summary>
public sealed class BinaryAccuracy(string name = "binary_accuracy", double threshold = 0.5)
    : MeanMetricWrapper((y, p) => keras.metrics.binary_accuracy(y, p, threshold), name)
{
    public double threshold { get; } = threshold;

    public override IDictionary<string, object> get_config()
    {
        var config = base.get_config();
        config["threshold"] = threshold;
        return config;
    }
}
