using TorchSharp;

namespace KerasPort.Losses;

/// <summary>Keras's <c>MeanSquaredLogarithmicError</c>: per sample, <c>mean((log(max(y_pred, 1e-7) + 1) - log(max(y_true, 1e-7) + 1))^2)</c> over the last axis.</summary>
/// <param name="reduction">How <see cref="Loss.__call__"/> reduces the per-sample losses: <c>"sum_over_batch_size"</c> (default), <c>"sum"</c>, <c>"mean"</c>, <c>"mean_with_sample_weight"</c>, or <c>"none"</c> / null.</param>
/// <param name="name">The loss's name. Default <c>"mean_squared_logarithmic_error"</c>.</param>
public sealed class MeanSquaredLogarithmicError(string? reduction = "sum_over_batch_size", string name = "mean_squared_logarithmic_error") : Loss(name, reduction)
{
    /// <inheritdoc/>
    public override torch.Tensor call(torch.Tensor y_true, torch.Tensor y_pred) => keras.losses.mean_squared_logarithmic_error(y_true, y_pred);

    /// <inheritdoc/>
    public override IDictionary<string, object> get_config() => base_config();
}
