namespace KerasPort.Metrics;

    /// <summary>Keras's <c>BinaryAccuracy</c>: how often a prediction, counted as 1 when strictly above <see cref="threshold"/>, matches the 0/1 label.</summary>
    /// <param name="name">The metric's name. Default <c>"binary_accuracy"</c>.</param>
    /// <param name="threshold">The decision threshold on the predicted probability. Default 0.5.</param>
public sealed class BinaryAccuracy(string name = "binary_accuracy", double threshold = 0.5)
    : MeanMetricWrapper((y, p) => keras.metrics.binary_accuracy(y, p, threshold), name)
{
    /// <summary>The decision threshold on the predicted probability.</summary>
    public double threshold { get; } = threshold;

    /// <inheritdoc/>
    public override IDictionary<string, object> get_config()
    {
        var config = base.get_config();
        config["threshold"] = threshold;
        return config;
    }
}
