namespace KerasPort.Losses;

/// <summary>Keras's <c>CosineSimilarity</c> loss: the negated cosine similarity of the L2-normalized labels and predictions along <c>axis</c> (-1 for vectors in the same direction, 1 for opposite ones: lower is more similar).</summary>
public sealed class CosineSimilarity : LossFunctionWrapper
{
    /// <param name="axis">The axis along which the similarity is computed. Default -1.</param>
    /// <param name="reduction">Keras's reduction. Default <c>"sum_over_batch_size"</c>.</param>
    /// <param name="name">Default <c>"cosine_similarity"</c>.</param>
    public CosineSimilarity(long axis = -1, string? reduction = "sum_over_batch_size", string name = "cosine_similarity")
        : base((t, p) => keras.losses.cosine_similarity(t, p, axis), reduction, name)
    {
        this.axis = axis;
    }

    /// <summary>The axis along which the similarity is computed.</summary>
    public long axis { get; }
}
