namespace KerasPort.Losses;

/// <summary>Keras's <c>Hinge</c> loss: <c>mean(maximum(1 - y_true * y_pred, 0))</c> over the last axis; labels that are all 0 or 1 become -1 or 1.</summary>
public sealed class Hinge : LossFunctionWrapper
{
    /// <param name="reduction">Keras's reduction. Default <c>"sum_over_batch_size"</c>.</param>
    /// <param name="name">Default <c>"hinge"</c>.</param>
    public Hinge(string? reduction = "sum_over_batch_size", string name = "hinge")
        : base(keras.losses.hinge, reduction, name)
    {
    }
}
