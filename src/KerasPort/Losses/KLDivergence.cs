namespace KerasPort.Losses;

/// <summary>Keras's <c>KLDivergence</c> loss: <c>sum(y_true * log(y_true / y_pred))</c> over the last axis, both clipped to [1e-7, 1].</summary>
public sealed class KLDivergence : LossFunctionWrapper
{
    /// <param name="reduction">Keras's reduction. Default <c>"sum_over_batch_size"</c>.</param>
    /// <param name="name">Default <c>"kl_divergence"</c>.</param>
    public KLDivergence(string? reduction = "sum_over_batch_size", string name = "kl_divergence")
        : base(keras.losses.kl_divergence, reduction, name)
    {
    }
}
