using KerasPort.Utils;
using TorchSharp;

namespace KerasPort.Metrics;

/// <summary>
/// What Keras's <c>Precision</c> and <c>Recall</c> share: one threshold (0.5 by default; with
/// <see cref="top_k"/>, only the k highest predictions count, against <c>NEG_INF</c>), an optional
/// <see cref="class_id"/>, and float32 true-positive counts.
/// </summary>
public abstract class ThresholdedMetric : Metric
{
    private protected ThresholdedMetric(double? thresholds, int? top_k, int? class_id, string name)
        : base(name)
    {
        if (thresholds is double t && !(t >= 0 && t <= 1))
            throw new ArgumentException($"Threshold values must be in [0, 1]. Received: [{PythonFormat.repr(t)}]", nameof(thresholds));
        if (top_k is <= 0)
            throw new ArgumentException($"Invalid value received for argument top_k. Expected a positive integer or None. Received: top_k={top_k}", nameof(top_k));
        init_thresholds = thresholds;
        this.top_k = top_k;
        this.class_id = class_id;
        threshold = (float)(thresholds ?? (top_k is null ? 0.5 : ConfusionMatrix.NEG_INF));
    }

    /// <summary>The threshold given to the constructor (null: the default).</summary>
    public double? init_thresholds { get; }
    /// <summary>When set, only the k highest predictions of each sample count as positive; null for none.</summary>
    public int? top_k { get; }
    /// <summary>When set, only this class's column is measured; null for all.</summary>
    public int? class_id { get; }

    private protected float threshold { get; }
    private protected torch.Tensor true_positives { get; } = ConfusionMatrix.counter(1);

    /// <inheritdoc/>
    public override IDictionary<string, object> get_config()
    {
        var config = base.get_config();
        config["thresholds"] = init_thresholds!;
        config["top_k"] = top_k!;
        config["class_id"] = class_id!;
        return config;
    }
}
