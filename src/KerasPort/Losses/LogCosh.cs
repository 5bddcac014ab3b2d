namespace KerasPort.Losses;

/// <summary>Keras's <c>LogCosh</c> loss: the mean over the last axis of <c>log(cosh(y_pred - y_true))</c>, computed as <c>x + softplus(-2x) - log 2</c>.</summary>
public sealed class LogCosh : LossFunctionWrapper
{
    /// <param name="reduction">Keras's reduction. Default <c>"sum_over_batch_size"</c>.</param>
    /// <param name="name">Default <c>"log_cosh"</c>.</param>
    public LogCosh(string? reduction = "sum_over_batch_size", string name = "log_cosh")
        : base(keras.losses.log_cosh, reduction, name)
    {
    }
}
