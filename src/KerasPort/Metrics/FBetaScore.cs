using KerasPort.Utils;
using TorchSharp;

namespace KerasPort.Metrics;

/// <summary>
/// Keras's <c>FBetaScore</c>: <c>(1 + beta^2) * precision * recall / (beta^2 * precision + recall)</c>
/// from float32 true-positive, false-positive and false-negative counts per class (or overall for
/// <c>average: "micro"</c>), on 2D inputs <c>(batch_size, output_dim)</c>. Without
/// <see cref="threshold"/>, each row's highest prediction counts as the positive one.
/// </summary>
/// <remarks>
/// With <c>average: null</c> (Keras's default) the score is one value per class:
/// <see cref="result_tensor"/> gives it, while <see cref="result"/>, which <c>fit</c> logs, raises
/// (KerasPort's History holds one number per epoch); use <c>"macro"</c>, <c>"micro"</c> or
/// <c>"weighted"</c> to log it.
/// </remarks>
public class FBetaScore : Metric
{
    private torch.Tensor? _true_positives, _false_positives, _false_negatives, _intermediate_weights;

    /// <param name="average">null (per class, the default), <c>"micro"</c>, <c>"macro"</c> or <c>"weighted"</c>.</param>
    /// <param name="beta">The weight of recall against precision, &gt; 0. Default 1.0.</param>
    /// <param name="threshold">Predictions above it are positive, in (0, 1]; null (default): each row's maximum.</param>
    /// <param name="name">Default <c>"fbeta_score"</c>.</param>
    public FBetaScore(string? average = null, double beta = 1.0, double? threshold = null, string name = "fbeta_score")
        : base(name)
    {
        if (average is not (null or "micro" or "macro" or "weighted"))
            throw new ArgumentException(
                $"Invalid `average` argument value. Expected one of: {{None, 'micro', 'macro', 'weighted'}}. Received: average={average}", nameof(average));
        if (!(beta > 0.0) || double.IsPositiveInfinity(beta))
            throw new ArgumentException($"Invalid `beta` argument value. It should be > 0. Received: beta={PythonFormat.repr(beta)}", nameof(beta));
        if (threshold is double t && !(t > 0.0 && t <= 1.0))
            throw new ArgumentException($"Invalid `threshold` argument value. It should verify 0 < threshold <= 1. Received: threshold={PythonFormat.repr(t)}", nameof(threshold));
        this.average = average;
        this.beta = beta;
        this.threshold = threshold;
    }

    /// <summary>null (one score per class), <c>"micro"</c>, <c>"macro"</c> or <c>"weighted"</c>.</summary>
    public string? average { get; }
    /// <summary>The weight of recall against precision.</summary>
    public double beta { get; }
    /// <summary>The decision threshold; null when each row's highest prediction is the positive one.</summary>
    public double? threshold { get; }

    private void build(long[] y_true_shape, long[] y_pred_shape)
    {
        if (y_pred_shape.Length != 2 || y_true_shape.Length != 2)
            throw new ArgumentException(
                "FBetaScore expects 2D inputs with shape (batch_size, output_dim). " +
                $"Received input shapes: y_pred.shape={PythonFormat.tuple(y_pred_shape)} and y_true.shape={PythonFormat.tuple(y_true_shape)}.", "y_pred");
        long[] shape = average == "micro" ? [] : [y_pred_shape[^1]];
        torch.Tensor zeros() => torch.zeros(shape, torch.ScalarType.Float32).DetachFromDisposeScope();
        (_true_positives, _false_positives, _false_negatives, _intermediate_weights) = (zeros(), zeros(), zeros(), zeros());
    }

    /// <inheritdoc/>
    public override void update_state(torch.Tensor y_true, torch.Tensor y_pred, torch.Tensor? sample_weight = null)
    {
        using var scope = torch.NewDisposeScope();
        var t = y_true.to_type(torch.ScalarType.Float32);
        var p = y_pred.to_type(torch.ScalarType.Float32);
        if (_true_positives is null) build(t.shape, p.shape);
        var predicted = threshold is double th
            ? p > th
            : (p >= p.amax([-1], keepdim: true)).logical_and_(p.abs() > 1e-9);
        p = predicted.to_type(torch.ScalarType.Float32);
        var w = sample_weight?.to_type(torch.ScalarType.Float32);
        torch.Tensor weighted_sum(torch.Tensor value)
        {
            if (w is not null) value = value * w.unsqueeze(1);
            return average == "micro" ? value.sum() : value.sum([0]);
        }
        _true_positives!.add_(weighted_sum(p * t));
        _false_positives!.add_(weighted_sum(p * (1 - t)));
        _false_negatives!.add_(weighted_sum((1 - p) * t));
        _intermediate_weights!.add_(weighted_sum(t));
    }

    /// <summary>The score as Keras computes it: per class with <c>average: null</c>, else a scalar.</summary>
    public torch.Tensor result_tensor()
    {
        using var scope = torch.NewDisposeScope();
        if (_true_positives is null) return torch.zeros(average is null ? [0] : [], torch.ScalarType.Float32).MoveToOuterDisposeScope();
        const float epsilon = 1e-7f;
        var precision = _true_positives / (_true_positives + _false_positives! + epsilon);
        var recall = _true_positives / (_true_positives + _false_negatives! + epsilon);
        float beta_squared = (float)(beta * beta);
        var mean = precision * recall / (beta_squared * precision + recall + epsilon);
        var f_score = mean * (float)(1 + beta * beta);
        if (average == "weighted")
            f_score = (f_score * (_intermediate_weights! / (_intermediate_weights!.sum() + epsilon))).sum();
        else if (average is not null)
            f_score = f_score.mean();
        return f_score.MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override double result()
    {
        if (average is null)
            throw new NotSupportedException(
                $"{GetType().Name} with average=None gives one value per class: read it with result_tensor(), or pass average: \"macro\", \"micro\" or \"weighted\" to log one number.");
        using var value = result_tensor();
        return value.item<float>();
    }

    /// <inheritdoc/>
    public override void reset_state()
    {
        foreach (var v in new[] { _true_positives, _false_positives, _false_negatives, _intermediate_weights }) v?.zero_();
    }

    /// <inheritdoc/>
    public override IDictionary<string, object> get_config()
    {
        var config = base.get_config();
        config["average"] = average!;
        config["beta"] = beta;
        config["threshold"] = threshold!;
        return config;
    }
}
