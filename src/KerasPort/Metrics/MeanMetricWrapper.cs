using TorchSharp;

namespace KerasPort.Metrics;

/// <summary>
/// Keras's <c>MeanMetricWrapper</c>: the mean over samples of <c>fn(y_true, y_pred)</c> (a
/// per-sample function such as an accuracy or a loss), weighted by the sample weights.
/// </summary>
/// <param name="fn">The per-sample function, <c>fn(y_true, y_pred)</c>, giving one value per sample.</param>
/// <param name="name">The metric's name, its key in the logs.</param>
public class MeanMetricWrapper(Func<torch.Tensor, torch.Tensor, torch.Tensor> fn, string name) : MeanReduction(name)
{
    /// <inheritdoc/>
    public override void update_state(torch.Tensor y_true, torch.Tensor y_pred, torch.Tensor? sample_weight = null)
    {
        using var scope = torch.NewDisposeScope();
        accumulate(fn(y_true, y_pred), sample_weight);
    }
}
