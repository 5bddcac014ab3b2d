using TorchSharp;

namespace KerasPort.Metrics;

/// <summary>
/// Keras's <c>Mean</c>: the (weighted) mean of the values seen so far. Values with more than one
/// axis count once per sample (their mean over the other axes); a sample weight multiplies each
/// sample's value and adds to the count.
/// </summary>
/// <param name="name">The metric's name, its key in the logs. Default <c>"mean"</c>.</param>
public sealed class Mean(string name = "mean") : MeanReduction(name)
{
    /// <summary>Adds <paramref name="values"/> to the mean, weighted by <paramref name="sample_weight"/>.</summary>
    public void update_state(torch.Tensor values, torch.Tensor? sample_weight = null) => accumulate(values, sample_weight);

    /// <summary><c>update_state(value, sample_weight: weight)</c> for one scalar value and weight, without tensors.</summary>
    internal void add_weighted(float value, float weight) => accumulate(value * weight, weight);

    /// <summary>A Mean takes values, not labels and predictions: call <c>update_state(values, sample_weight)</c>.</summary>
    public override void update_state(torch.Tensor y_true, torch.Tensor y_pred, torch.Tensor? sample_weight = null) =>
        throw new NotSupportedException("Mean.update_state takes (values, sample_weight), not (y_true, y_pred, sample_weight).");
}
