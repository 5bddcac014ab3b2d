using KerasPort.Losses;
using TorchSharp;

namespace KerasPort.Metrics;

/// <summary>
/// Keras's <c>RootMeanSquaredError</c>: the square root of the (weighted) mean of the squared
/// errors seen so far, <c>sqrt(mean((y_pred - y_true)^2))</c>; per sample, the mean of its squared
/// errors over its other axes.
/// </summary>
/// <param name="name">The metric's name, its key in the logs. Default <c>"root_mean_squared_error"</c>.</param>
public sealed class RootMeanSquaredError(string name = "root_mean_squared_error") : MeanReduction(name)
{
    /// <inheritdoc/>
    public override void update_state(torch.Tensor y_true, torch.Tensor y_pred, torch.Tensor? sample_weight = null)
    {
        using var scope = torch.NewDisposeScope();
        var (t, p) = Loss.squeeze_or_expand_to_same_rank(y_true.to_type(torch.ScalarType.Float32), y_pred.to_type(torch.ScalarType.Float32));
        accumulate((p - t).square(), sample_weight);
    }

    /// <summary>The square root of the mean, in float32 as Keras; 0 before any sample.</summary>
    public override double result() => MathF.Sqrt((float)base.result());
}
