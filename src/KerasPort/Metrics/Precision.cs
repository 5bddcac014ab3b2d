using TorchSharp;

namespace KerasPort.Metrics;

/// <summary>
/// Keras's <c>Precision</c>: <c>TP / (TP + FP)</c> at one threshold (0.5 by default), 0 before any positive
/// prediction. Unnamed, it takes Keras's automatic name (<c>precision</c>, <c>precision_1</c>, ...).
/// </summary>
/// <example>
/// Python <c>model.compile(..., metrics=[keras.metrics.Precision(thresholds=0.7)])</c> ports as:
/// <code>
/// model.compile(optimizer: "adam", loss: "binary_crossentropy", metrics: [new Precision(thresholds: 0.7)]);
/// </code>
/// </example>
/// <param name="thresholds">The decision threshold in [0, 1]; a prediction above it is positive. Default null: 0.5, or no threshold with <paramref name="top_k"/>. Keras also takes a list of thresholds; KerasPort takes one.</param>
/// <param name="top_k">When set, only the k highest predictions of each sample count as positive. Default null.</param>
/// <param name="class_id">When set, only this class's column is measured. Default null (all).</param>
/// <param name="name">The metric's name; null (default) for Keras's automatic one.</param>
public sealed class Precision(double? thresholds = null, int? top_k = null, int? class_id = null, string? name = null)
    : ThresholdedMetric(thresholds, top_k, class_id, name ?? Backend.GlobalState.auto_name(nameof(Precision)))
{
    private readonly torch.Tensor false_positives = ConfusionMatrix.counter(1);

    /// <inheritdoc/>
    public override void update_state(torch.Tensor y_true, torch.Tensor y_pred, torch.Tensor? sample_weight = null) =>
        ConfusionMatrix.update(true_positives, false_positives, null, null, y_true, y_pred, [threshold], false, top_k, class_id, sample_weight);

    /// <inheritdoc/>
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

    /// <inheritdoc/>
    public override void reset_state()
    {
        true_positives.zero_();
        false_positives.zero_();
    }
}
