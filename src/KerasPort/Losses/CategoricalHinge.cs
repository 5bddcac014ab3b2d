namespace KerasPort.Losses;

/// <summary>Keras's <c>CategoricalHinge</c> loss: <c>maximum(neg - pos + 1, 0)</c> with <c>pos = sum(y_true * y_pred)</c> and <c>neg = max((1 - y_true) * y_pred)</c> over the last axis.</summary>
public sealed class CategoricalHinge : LossFunctionWrapper
{
    /// <param name="reduction">Keras's reduction. Default <c>"sum_over_batch_size"</c>.</param>
    /// <param name="name">Default <c>"categorical_hinge"</c>.</param>
    public CategoricalHinge(string? reduction = "sum_over_batch_size", string name = "categorical_hinge")
        : base(keras.losses.categorical_hinge, reduction, name)
    {
    }
}
