using KerasPort.Callbacks;
using KerasPort.Losses;
using KerasPort.Utils;
using TorchSharp;

namespace KerasPort.Metrics;

/// <summary>
/// Keras's <c>R2Score</c>, the coefficient of determination per output column of 2D inputs
/// <c>(batch_size, output_dim)</c>: <c>1 - sum((y_true - y_pred)^2) / sum((y_true - mean(y_true))^2)</c>,
/// from float32 running sums (weighted by the sample weights), aggregated over the columns as
/// <see cref="class_aggregation"/> says; with <see cref="num_regressors"/> &gt; 0, the adjusted score
/// <c>1 - (1 - R2)(n - 1) / (n - p - 1)</c>, n the number of values seen.
/// </summary>
/// <remarks>
/// With <c>class_aggregation: null</c> the score is one value per column: <see cref="result_tensor"/>
/// gives it, while <see cref="result"/>, which <c>fit</c> logs, raises. A column whose labels do not
/// vary scores 0 where the residuals are not 0 too (Keras turns the infinite ratio into 0).
/// </remarks>
public sealed class R2Score : Metric
{
    private torch.Tensor? _sum, _squared_sum, _total_mse, _count;
    private float _num_samples;

    /// <param name="class_aggregation"><c>"uniform_average"</c> (default: the mean over columns),
    /// <c>"variance_weighted_average"</c> (weighted by each column's variance), or null (one score per column).</param>
    /// <param name="num_regressors">The number of independent regressors, for the adjusted score; 0 (default) for the standard one.</param>
    /// <param name="name">Default <c>"r2_score"</c>.</param>
    public R2Score(string? class_aggregation = "uniform_average", int num_regressors = 0, string name = "r2_score")
        : base(name)
    {
        if (class_aggregation is not (null or "uniform_average" or "variance_weighted_average"))
            throw new ArgumentException(
                "Invalid value for argument `class_aggregation`. Expected one of (None, 'uniform_average', 'variance_weighted_average'). " +
                $"Received: class_aggregation={class_aggregation}", nameof(class_aggregation));
        if (num_regressors < 0)
            throw new ArgumentException(
                $"Invalid value for argument `num_regressors`. Expected a value >= 0. Received: num_regressors={num_regressors}", nameof(num_regressors));
        this.class_aggregation = class_aggregation;
        this.num_regressors = num_regressors;
    }

    /// <summary><c>"uniform_average"</c>, <c>"variance_weighted_average"</c>, or null (one score per column).</summary>
    public string? class_aggregation { get; }

    /// <summary>The number of independent regressors of the adjusted score; 0 for the standard score.</summary>
    public int num_regressors { get; }

    /// <inheritdoc/>
    public override void update_state(torch.Tensor y_true, torch.Tensor y_pred, torch.Tensor? sample_weight = null)
    {
        using var scope = torch.NewDisposeScope();
        var (t, p) = Loss.squeeze_or_expand_to_same_rank(y_true.to_type(torch.ScalarType.Float32), y_pred.to_type(torch.ScalarType.Float32));
        if (_sum is null)
        {
            if (t.dim() != 2 || p.dim() != 2)
                throw new ArgumentException(
                    "R2Score expects 2D inputs with shape (batch_size, output_dim). " +
                    $"Received input shapes: y_pred.shape={PythonFormat.tuple(p.shape)} and y_true.shape={PythonFormat.tuple(t.shape)}.", nameof(y_pred));
            torch.Tensor zeros() => torch.zeros(p.shape[^1], torch.ScalarType.Float32, p.device).DetachFromDisposeScope();
            (_sum, _squared_sum, _total_mse, _count) = (zeros(), zeros(), zeros(), zeros());
        }
        var w = sample_weight?.to_type(torch.ScalarType.Float32) ?? torch.tensor(1f);
        if (w.dim() == 1) w = w.unsqueeze(1);   // a features axis for per-sample weights
        w = w.broadcast_to(t.shape);
        var weighted_y_true = t * w;
        _sum.add_(weighted_y_true.sum([0]));
        _squared_sum!.add_((t * weighted_y_true).sum([0]));
        _total_mse!.add_(((t - p).square() * w).sum([0]));
        _count!.add_(w.sum([0]));
        _num_samples += t.numel();
    }

    /// <summary>The score as Keras computes it: per column with <c>class_aggregation: null</c>, else a scalar.</summary>
    public torch.Tensor result_tensor()
    {
        using var scope = torch.NewDisposeScope();
        if (_sum is null) return torch.zeros(class_aggregation is null ? [0] : [], torch.ScalarType.Float32).MoveToOuterDisposeScope();
        var mean = _sum / _count!;
        var total = _squared_sum! - _sum * mean;
        var raw_scores = 1 - _total_mse! / total;
        raw_scores = torch.where(raw_scores.isinf(), torch.tensor(0f), raw_scores);
        var r2_score = class_aggregation switch
        {
            "uniform_average" => raw_scores.mean(),
            "variance_weighted_average" => (total * raw_scores).sum() / total.sum(),
            _ => raw_scores,
        };
        if (num_regressors != 0)
        {
            if (num_regressors > _num_samples - 1)
                Callback.warn("More independent predictors than datapoints in adjusted R2 score. Falling back to standard R2 score.");
            else if (num_regressors == _num_samples - 1)
                Callback.warn("Division by zero in Adjusted R2 score. Falling back to standard R2 score.");
            else
            {
                float n = _num_samples, regressors = num_regressors;
                r2_score = 1 - (1 - r2_score) * (n - 1) / (n - regressors - 1);
            }
        }
        return r2_score.MoveToOuterDisposeScope();
    }

    /// <summary>The score; 0 before any sample. Raises with <c>class_aggregation: null</c> (one value per column: <see cref="result_tensor"/>).</summary>
    public override double result()
    {
        if (class_aggregation is null)
            throw new NotSupportedException(
                "R2Score with class_aggregation=None gives one value per output column: read it with result_tensor(), " +
                "or pass class_aggregation: \"uniform_average\" or \"variance_weighted_average\" to log one number.");
        using var value = result_tensor();
        return value.item<float>();
    }

    /// <inheritdoc/>
    public override void reset_state()
    {
        foreach (var v in new[] { _sum, _squared_sum, _total_mse, _count }) v?.zero_();
        _num_samples = 0;
    }

    /// <inheritdoc/>
    public override IDictionary<string, object> get_config()
    {
        var config = base.get_config();
        config["class_aggregation"] = class_aggregation!;
        config["num_regressors"] = num_regressors;
        return config;
    }
}
