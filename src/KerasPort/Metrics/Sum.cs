using TorchSharp;

namespace KerasPort.Metrics;

/// <summary>Keras's <c>Sum</c>: the (weighted) sum of the values seen so far, in float32.</summary>
/// <param name="name">The metric's name, its key in the logs. Default <c>"sum"</c>.</param>
public sealed class Sum(string name = "sum") : Metric(name)
{
    private float total;

    /// <summary>Adds the (weighted) values.</summary>
    public void update_state(torch.Tensor values, torch.Tensor? sample_weight = null)
    {
        using var scope = torch.NewDisposeScope();
        var v = values.to_type(torch.ScalarType.Float32);
        if (sample_weight is not null) v = v * sample_weight.to_type(torch.ScalarType.Float32);
        total += v.sum().item<float>();
    }

    /// <summary>A Sum takes values: call <c>update_state(values, sample_weight)</c>.</summary>
    public override void update_state(torch.Tensor y_true, torch.Tensor y_pred, torch.Tensor? sample_weight = null) =>
        throw new NotSupportedException("Sum.update_state takes (values, sample_weight), not (y_true, y_pred, sample_weight).");

    /// <inheritdoc/>
    public override double result() => total;

    /// <inheritdoc/>
    public override void reset_state() => total = 0;

    internal override float[] state_sums
    {
        get => [total];
        set => total = value[0];
    }
}
