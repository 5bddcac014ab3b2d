using KerasPort.Backend;
using KerasPort.Utils;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasPort.Metrics;

/// <summary>
/// Keras's <c>AUC</c> (single-label): confusion counts at <see cref="num_thresholds"/> thresholds
/// (by default 200: -1e-7, 1/199, ..., 198/199, 1 + 1e-7, bucketed as Keras does), then the area
/// under the ROC or PR curve by Riemann sums (<c>interpolation</c> = trapezoids, or
/// <c>minoring</c>/<c>majoring</c>); PR with interpolation uses Davis and Goadrich's interpolation
/// as Keras does. Unnamed, it takes Keras's automatic name (<c>auc</c>, <c>auc_1</c>, ...).
/// </summary>
public sealed class AUC : Metric
{
    private static readonly string[] curves = ["ROC", "PR", "PRGAIN"];
    private static readonly string[] summation_methods = ["interpolation", "minoring", "majoring"];
    private readonly float[] _thresholds;
    private readonly bool _thresholds_distributed_evenly;
    private readonly double[]? _init_thresholds;
    private readonly Tensor true_positives, false_positives, true_negatives, false_negatives;

    /// <summary>Creates the metric; every argument has Keras's name and default. Keras's <c>multi_label</c>, <c>num_labels</c> and <c>label_weights</c> are not supported (single-label only).</summary>
    /// <param name="num_thresholds">The number of thresholds the curve is discretized with; must be &gt; 1. Default 200. Ignored when <paramref name="thresholds"/> is given.</param>
    /// <param name="curve"><c>"ROC"</c> (default), <c>"PR"</c> (precision-recall) or <c>"PRGAIN"</c>; case-insensitive.</param>
    /// <param name="summation_method"><c>"interpolation"</c> (default; <c>"careful_interpolation"</c> is an alias), <c>"minoring"</c> (left sums, a lower bound) or <c>"majoring"</c> (right sums, an upper bound).</param>
    /// <param name="name">The metric's name; null (default) for Keras's automatic <c>auc</c>, <c>auc_1</c>, ...</param>
    /// <param name="thresholds">Explicit thresholds in [0, 1], used instead of evenly spaced ones (the end points -1e-7 and 1 + 1e-7 are added); null (default) for none.</param>
    /// <param name="from_logits">True when the predictions are logits (a sigmoid is applied first). Default false.</param>
    /// <exception cref="ArgumentException">An unknown <paramref name="curve"/> or <paramref name="summation_method"/>, <paramref name="num_thresholds"/> &lt;= 1, or a threshold outside [0, 1].</exception>
    public AUC(int num_thresholds = 200, string curve = "ROC", string summation_method = "interpolation", string? name = null,
               double[]? thresholds = null, bool from_logits = false)
        : base(name ?? GlobalState.auto_name(nameof(AUC)))
    {
        curve = curve.ToUpperInvariant();
        if (!curves.Contains(curve))
            throw new ArgumentException($"Invalid AUC curve value: \"{curve}\". Expected values are [\"PR\", \"ROC\", \"PRGAIN\"]", nameof(curve));
        summation_method = summation_method.ToLowerInvariant().Replace("careful_interpolation", "interpolation");
        if (!summation_methods.Contains(summation_method))
            throw new ArgumentException(
                $"Invalid AUC summation method value: \"{summation_method}\". Expected values are [\"interpolation\", \"majoring\", \"minoring\"]",
                nameof(summation_method));
        List<double> inner;
        if (thresholds is not null)
        {
            if (thresholds.Any(t => !(t >= 0 && t <= 1)))
                throw new ArgumentException(
                    $"Threshold values must be in [0, 1]. Received: {PythonFormat.repr(thresholds.Where(t => !(t >= 0 && t <= 1)).ToList())}", nameof(thresholds));
            inner = thresholds.Order().ToList();
            num_thresholds = inner.Count + 2;
            _thresholds_distributed_evenly = ConfusionMatrix.is_evenly_distributed([0.0, .. inner, 1.0]);
            _init_thresholds = [.. inner];
        }
        else
        {
            if (num_thresholds <= 1)
                throw new ArgumentException($"Argument `num_thresholds` must be an integer > 1. Received: num_thresholds={num_thresholds}", nameof(num_thresholds));
            inner = Enumerable.Range(0, num_thresholds - 2).Select(i => (i + 1) * 1.0 / (num_thresholds - 1)).ToList();
            _thresholds_distributed_evenly = true;
        }
        const double epsilon = 1e-7;
        _thresholds = [(float)(0.0 - epsilon), .. inner.Select(t => (float)t), (float)(1.0 + epsilon)];
        this.num_thresholds = num_thresholds;
        this.curve = curve;
        this.summation_method = summation_method;
        this.from_logits = from_logits;
        true_positives = ConfusionMatrix.counter(num_thresholds);
        false_positives = ConfusionMatrix.counter(num_thresholds);
        true_negatives = ConfusionMatrix.counter(num_thresholds);
        false_negatives = ConfusionMatrix.counter(num_thresholds);
    }

    /// <summary>The number of thresholds, the two end points included.</summary>
    public int num_thresholds { get; }
    /// <summary><c>"ROC"</c>, <c>"PR"</c> or <c>"PRGAIN"</c>.</summary>
    public string curve { get; }
    /// <summary><c>"interpolation"</c>, <c>"minoring"</c> or <c>"majoring"</c>.</summary>
    public string summation_method { get; }
    /// <summary>Whether the predictions are logits.</summary>
    public bool from_logits { get; }

    /// <summary>The thresholds in use, the two end points included.</summary>
    public IReadOnlyList<float> thresholds => _thresholds;

    /// <inheritdoc/>
    public override void update_state(Tensor y_true, Tensor y_pred, Tensor? sample_weight = null)
    {
        using var scope = NewDisposeScope();
        var p = from_logits ? y_pred.sigmoid() : y_pred;
        ConfusionMatrix.update(true_positives, false_positives, true_negatives, false_negatives, y_true, p, _thresholds,
                               _thresholds_distributed_evenly, sample_weight: sample_weight);
    }

    /// <inheritdoc/>
    public override double result()
    {
        using var scope = NewDisposeScope();
        long n = num_thresholds;
        Tensor head(Tensor t) => t.narrow(0, 0, n - 1);
        Tensor tail(Tensor t) => t.narrow(0, 1, n - 1);
        var tp = true_positives; var fp = false_positives; var tn = true_negatives; var fn = false_negatives;
        if (curve == "PR" && summation_method == "interpolation")
            return interpolate_pr_auc(head, tail).item<float>();
        var recall = ConfusionMatrix.divide_no_nan(tp, tp + fn);
        Tensor x, y;
        if (curve == "ROC")
        {
            x = ConfusionMatrix.divide_no_nan(fp, fp + tn);
            y = recall;
        }
        else if (curve == "PR")
        {
            x = recall;
            y = ConfusionMatrix.divide_no_nan(tp, tp + fp);
        }
        else
        {
            var scaling = ConfusionMatrix.divide_no_nan(tp + fn, tn + fp);
            var recall_gain = 1.0 - scaling * ConfusionMatrix.divide_no_nan(fn, tp);
            var precision_gain = 1.0 - scaling * ConfusionMatrix.divide_no_nan(fp, tp);
            recall_gain = where(tp == 0, zeros_like(recall_gain), recall_gain).clamp_min(0.0);
            precision_gain = where(tp == 0, ones_like(precision_gain), precision_gain);
            x = recall_gain;
            y = precision_gain;
        }
        var heights = summation_method switch
        {
            "interpolation" => (head(y) + tail(y)) / 2.0,
            "minoring" => minimum(head(y), tail(y)),
            _ => maximum(head(y), tail(y)),
        };
        return ((head(x) - tail(x)) * heights).sum().item<float>();
    }

    // Keras's interpolate_pr_auc: precision interpolated between thresholds (Davis & Goadrich 2006).
    private Tensor interpolate_pr_auc(Func<Tensor, Tensor> head, Func<Tensor, Tensor> tail)
    {
        var tp = true_positives;
        var dtp = head(tp) - tail(tp);
        var p = tp + false_positives;
        var dp = head(p) - tail(p);
        var prec_slope = ConfusionMatrix.divide_no_nan(dtp, dp.clamp_min(0));
        var intercept = tail(tp) - prec_slope * tail(p);
        var safe_p_ratio = where(head(p).gt(0).logical_and(tail(p).gt(0)),
                                 ConfusionMatrix.divide_no_nan(head(p), tail(p).clamp_min(0)), ones_like(tail(p)));
        var increment = ConfusionMatrix.divide_no_nan(prec_slope * (dtp + intercept * safe_p_ratio.log()),
                                                      (tail(tp) + tail(false_negatives)).clamp_min(0));
        return increment.sum();
    }

    internal override float[] state_sums
    {
        get => read_sums(true_positives, false_positives, true_negatives, false_negatives);
        set => write_sums(value, true_positives, false_positives, true_negatives, false_negatives);
    }

    /// <inheritdoc/>
    public override void reset_state()
    {
        true_positives.zero_();
        false_positives.zero_();
        true_negatives.zero_();
        false_negatives.zero_();
    }

    /// <inheritdoc/>
    public override IDictionary<string, object> get_config()
    {
        var config = base.get_config();
        config["num_thresholds"] = num_thresholds;
        config["curve"] = curve;
        config["summation_method"] = summation_method;
        config["multi_label"] = false;
        config["num_labels"] = null!;
        config["label_weights"] = null!;
        config["from_logits"] = from_logits;
        if (_init_thresholds is not null) config["thresholds"] = _init_thresholds;
        return config;
    }
}
