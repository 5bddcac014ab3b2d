namespace KerasPort.Metrics;

/// <summary>
/// Keras's <c>CosineSimilarity</c> metric: the sample mean of the cosine similarity of the
/// L2-normalized labels and predictions along <see cref="axis"/> (1 for the same direction; not
/// negated, unlike the loss).
/// </summary>
/// <param name="name">The metric's name, its key in the logs. Default <c>"cosine_similarity"</c>.</param>
/// <param name="axis">The axis along which the similarity is computed. Default -1.</param>
public sealed class CosineSimilarity(string name = "cosine_similarity", long axis = -1)
    : MeanMetricWrapper((t, p) => keras.metrics.cosine_similarity(t, p, axis), name)
{
    /// <summary>The axis along which the similarity is computed. Default -1 (not in the config, as in Keras).</summary>
    public long axis { get; } = axis;
}
