namespace KerasPort.Metrics;

/// <summary>
/// Keras's <c>TopKCategoricalAccuracy</c>: how often the one-hot label's class is among the
/// <see cref="k"/> highest predictions (a tie with the k-th value counts, as Keras's <c>in_top_k</c>).
/// </summary>
/// <param name="k">How many of the highest predictions count. Default 5.</param>
/// <param name="name">The metric's name. Default <c>"top_k_categorical_accuracy"</c>.</param>
public sealed class TopKCategoricalAccuracy(int k = 5, string name = "top_k_categorical_accuracy")
    : MeanMetricWrapper((t, p) => keras.metrics.top_k_categorical_accuracy(t, p, k), name)
{
    /// <summary>How many top predictions count. Default 5.</summary>
    public int k { get; } = k;

    /// <inheritdoc/>
    public override IDictionary<string, object> get_config()
    {
        var config = base.get_config();
        config["k"] = (long)k;
        return config;
    }
}
