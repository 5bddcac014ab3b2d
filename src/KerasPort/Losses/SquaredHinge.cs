namespace KerasPort.Losses;

/// <summary>Keras's <c>SquaredHinge</c> loss: <c>mean(square(maximum(1 - y_true * y_pred, 0)))</c> over the last axis; labels that are all 0 or 1 become -1 or 1.</summary>
public sealed class SquaredHinge : LossFunctionWrapper
{
    /// <param name="reduction">Keras's reduction. Default <c>"sum_over_batch_size"</c>.</param>
    /// <param name="name">Default <c>"squared_hinge"</c>.</param>
    public SquaredHinge(string? reduction = "sum_over_batch_size", string name = "squared_hinge")
        : base(keras.losses.squared_hinge, reduction, name)
    {
    }
}
