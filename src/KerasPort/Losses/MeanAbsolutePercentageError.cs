using TorchSharp;

namespace KerasPort.Losses;

/// <summary>Keras's <c>MeanAbsolutePercentageError</c>: per sample, <c>100 * mean(|(y_true - y_pred) / max(|y_true|, 1e-7)|)</c> over the last axis.</summary>
/// <param name="reduction">How <see cref="Loss.__call__"/> reduces the per-sample losses: <c>"sum_over_batch_size"</c> (default), <c>"sum"</c>, <c>"mean"</c>, <c>"mean_with_sample_weight"</c>, or <c>"none"</c> / null.</param>
/// <param name="name">The loss's name. Default <c>"mean_absolute_percentage_error"</c>.</param>
public sealed class MeanAbsolutePercentageError(string? reduction = "sum_over_batch_size", string name = "mean_absolute_percentage_error") : Loss(name, reduction)
{
    /// <inheritdoc/>
    public override torch.Tensor call(torch.Tensor y_true, torch.Tensor y_pred) => keras.losses.mean_absolute_percentage_error(y_true, y_pred);

    /// <inheritdoc/>
    public override IDictionary<string, object> get_config() => base_config();
}
