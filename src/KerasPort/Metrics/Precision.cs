using TorchSharp;

namespace KerasPort.Metrics;

/// <summary>
/// Keras's <c>Precision</c>: <c>TP / (TP + FP)</c> at one threshold (0.5), 0 before any positive
/// prediction. Unnamed, it takes Keras's automatic name (<c>precision</c>, <c>precision_1</c>, ...).
/// </summary>
public sealed class Precision(double? thresholds = null, int? top_k = null, int? class_id = null, string? name = null)
    : ThresholdedMetric(thresholds, top_k, class_id, name ?? Backend.GlobalState.auto_name(nameof(Precision)))
{
    private readonly torch.Tensor false_positives = ConfusionMatrix.counter(1);

    public override void update_state(torch.Tensor y_true, torch.Tensor y_pred, torch.Tensor? sample_weight = null) =>
        ConfusionMatrix.update(true_positives, false_positives, null, null, y_true, y_pred, [threshold], false, top_k, class_id, sample_weight);

    public override double result()
    {
        using var scope = torch.NewDisposeScope();
        return ConfusionMatrix.divide_no_nan(true_positives, true_positives + false_positives)[0].item<float>();
    }

    internal override float[] state_sums
    {
        get => read_sums(true_positives, false_positives);
        set => write_sums(value, true_positives, false_positives);
    }

    public override void reset_state()
    {
        true_positives.zero_();
        false_positives.zero_();
    }
}
