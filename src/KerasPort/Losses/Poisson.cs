namespace KerasPort.Losses;

/// <summary>Keras's <c>Poisson</c> loss: <c>mean(y_pred - y_true * log(y_pred + 1e-7))</c> over the last axis.</summary>
public sealed class Poisson : LossFunctionWrapper
{
    /// <param name="reduction">Keras's reduction. Default <c>"sum_over_batch_size"</c>.</param>
    /// <param name="name">Default <c>"poisson"</c>.</param>
    public Poisson(string? reduction = "sum_over_batch_size", string name = "poisson")
        : base(keras.losses.poisson, reduction, name)
    {
    }
}
