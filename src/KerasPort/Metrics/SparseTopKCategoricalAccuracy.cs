namespace KerasPort.Metrics;

/// <summary>
/// Keras's <c>SparseTopKCategoricalAccuracy</c>: how often the integer label is among the
/// <see cref="k"/> highest predictions; with <see cref="from_sorted_ids"/>, <c>y_pred</c> holds
/// class ids sorted by score and the label is looked for in its first k columns.
/// </summary>
/// <param name="k">How many of the highest predictions count. Default 5.</param>
/// <param name="name">The metric's name. Default <c>"sparse_top_k_categorical_accuracy"</c>.</param>
/// <param name="from_sorted_ids">True when <c>y_pred</c> already holds class ids sorted by score. Default false.</param>
public sealed class SparseTopKCategoricalAccuracy(int k = 5, string name = "sparse_top_k_categorical_accuracy", bool from_sorted_ids = false)
    : MeanMetricWrapper((t, p) => keras.metrics.sparse_top_k_categorical_accuracy(t, p, k, from_sorted_ids), name)
{
    /// <summary>How many top predictions count. Default 5.</summary>
    public int k { get; } = k;

    /// <summary>Whether <c>y_pred</c> holds sorted class ids instead of scores. Default false.</summary>
    public bool from_sorted_ids { get; } = from_sorted_ids;

    /// <inheritdoc/>
    public override IDictionary<string, object> get_config()
    {
        var config = base.get_config();
        config["k"] = (long)k;
        if (from_sorted_ids) config["from_sorted_ids"] = true;
        return config;
    }
}
