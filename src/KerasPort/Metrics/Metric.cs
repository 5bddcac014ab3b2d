using TorchSharp;

namespace KerasPort.Metrics;

/// <summary>
/// Base of Keras's stateful metrics: <see cref="update_state"/> accumulates over the batches of
/// an epoch, <see cref="result"/> reads the value so far, <see cref="reset_state"/> starts over.
/// </summary>
public abstract class Metric
{
    protected Metric(string name)
    {
        this.name = name;
    }

    /// <summary>The key the metric has in logs and in <c>History.history</c>.</summary>
    public string name { get; set; }

    public abstract void update_state(torch.Tensor y_true, torch.Tensor y_pred, torch.Tensor? sample_weight = null);

    public abstract double result();

    public abstract void reset_state();
}
