using TorchSharp;
using static TorchSharp.torch;

namespace KerasPort.Metrics;

/// <summary>
/// Keras's <c>metrics_utils.update_confusion_matrix_variables</c> (single-label): adds the
/// (weighted) true/false positives/negatives at each threshold to the given float32 counters.
/// A prediction is positive when strictly above the threshold. Evenly spaced thresholds take
/// Keras's bucketing shortcut, which is what AUC uses by default.
/// </summary>
internal static class ConfusionMatrix
{
    /// <summary>Keras's <c>NEG_INF</c>: the value that <c>top_k</c> filtering gives to the dropped predictions.</summary>
    public const double NEG_INF = -1e10;

    public static void update(Tensor? true_positives, Tensor? false_positives, Tensor? true_negatives, Tensor? false_negatives,
                              Tensor y_true, Tensor y_pred, float[] thresholds, bool thresholds_distributed_evenly,
                              int? top_k = null, int? class_id = null, Tensor? sample_weight = null)
    {
        using var scope = NewDisposeScope();
        var t = y_true.to_type(ScalarType.Float32);
        var p = y_pred.to_type(ScalarType.Float32);
        (p, t) = Losses.Loss.squeeze_or_expand_to_same_rank(p, t);
        Tensor? w = null;
        if (sample_weight is not null)
        {
            w = sample_weight.to_type(ScalarType.Float32).unsqueeze(-1);
            if (w.dim() == t.dim() + 1 && w.shape[^1] == 1) w = w.squeeze(-1);
        }
        if (top_k is int k)
        {
            // A stable descending sort: among equal predictions the first ones are kept, as TF's top_k does.
            var index = p.sort(-1, descending: true, stable: true).Indices.narrow(-1, 0, k);
            var mask = nn.functional.one_hot(index, p.shape[^1]).sum(-2).to_type(ScalarType.Float32);
            p = p * mask + NEG_INF * (1 - mask);
        }
        if (class_id is int c)
        {
            if (p.dim() == 1)
                throw new ArgumentException(
                    $"When class_id is provided, y_pred must be a 2D array with shape (num_samples, num_classes), found shape: {Utils.PythonFormat.tuple(p.shape)}",
                    nameof(class_id));
            t = t.narrow(-1, c, 1);
            p = p.narrow(-1, c, 1);
        }
        var weights = w?.broadcast_to(p.shape).reshape(-1);
        long num_thresholds = thresholds.Length;

        Tensor tp, fp, tn, fn;
        if (thresholds_distributed_evenly)
        {
            bool with_epsilon = thresholds[0] < 0 || thresholds[^1] > 1;
            var truth = t.ne(0).to_type(ScalarType.Float32).reshape(-1);
            var pred = p.clamp(0.0, 1.0).reshape(-1);
            var true_labels = weights is null ? truth : truth * weights;
            var false_labels = weights is null ? 1 - truth : (1 - truth) * weights;
            // Bucket of each prediction: the highest threshold index it exceeds.
            var bucket = (pred * (float)(num_thresholds - 1)).ceil() - 1;
            if (with_epsilon) bucket = bucket.relu();
            var index = bucket.to_type(ScalarType.Int64);
            var valid = index >= 0; // a segment sum drops negative ids
            var safe = index.clamp_min(0);
            var tp_bucket = zeros(num_thresholds).index_add_(0, safe, where(valid, true_labels, zeros_like(true_labels)), 1);
            var fp_bucket = zeros(num_thresholds).index_add_(0, safe, where(valid, false_labels, zeros_like(false_labels)), 1);
            tp = tp_bucket.flip(0).cumsum(0).flip(0);
            fp = fp_bucket.flip(0).cumsum(0).flip(0);
            tn = false_labels.sum() - fp;
            fn = true_labels.sum() - tp;
        }
        else
        {
            var thresh = tensor(thresholds).reshape(-1, 1);
            var pred_is_pos = p.reshape(1, -1).gt(thresh);
            var label_is_pos = t.ne(0).reshape(1, -1).expand(num_thresholds, -1);
            var pred_is_neg = pred_is_pos.logical_not();
            var label_is_neg = label_is_pos.logical_not();
            Tensor count(Tensor label, Tensor predicted)
            {
                var both = label.logical_and(predicted).to_type(ScalarType.Float32);
                return (weights is null ? both : both * weights.reshape(1, -1)).sum(1);
            }
            tp = count(label_is_pos, pred_is_pos);
            fp = count(label_is_neg, pred_is_pos);
            tn = count(label_is_neg, pred_is_neg);
            fn = count(label_is_pos, pred_is_neg);
        }
        true_positives?.add_(tp);
        false_positives?.add_(fp);
        true_negatives?.add_(tn);
        false_negatives?.add_(fn);
    }

    /// <summary>Keras's <c>is_evenly_distributed_thresholds</c>: at least 3 values within 1e-7 of <c>i / (n - 1)</c>.</summary>
    public static bool is_evenly_distributed(IReadOnlyList<double> thresholds)
    {
        int n = thresholds.Count;
        if (n < 3) return false;
        for (int i = 0; i < n; i++)
        {
            double even = (float)i / (float)(n - 1);
            // numpy's allclose(a, b, atol): |a - b| <= atol + rtol * |b| with rtol 1e-5.
            if (Math.Abs(thresholds[i] - even) > 1e-7 + 1e-5 * Math.Abs(even)) return false;
        }
        return true;
    }

    /// <summary>A float32 counter per threshold, kept out of any dispose scope.</summary>
    public static Tensor counter(long size) => zeros(size).DetachFromDisposeScope();

    /// <summary>Keras's <c>divide_no_nan</c> in float32.</summary>
    public static Tensor divide_no_nan(Tensor a, Tensor b) => where(b == 0, zeros_like(a), a / b);
}
