using TorchSharp;

namespace KerasPort.Metrics;

/// <summary>
/// Base of Keras's stateful metrics: <see cref="update_state"/> accumulates over the batches of
/// an epoch, <see cref="result"/> reads the value so far, <see cref="reset_state"/> starts over.
/// State is float32, as Keras's metric variables are.
/// </summary>
public abstract class Metric
{
    protected Metric(string name)
    {
        this.name = name;
    }

    /// <summary>The key the metric has in logs and in <c>History.history</c>.</summary>
    public string name { get; set; }

    /// <summary>Keras's metric dtype; every metric here keeps float32 state.</summary>
    public string dtype => "float32";

    public abstract void update_state(torch.Tensor y_true, torch.Tensor y_pred, torch.Tensor? sample_weight = null);

    public abstract double result();

    public abstract void reset_state();

    /// <summary>Keras's config: <c>name</c> and <c>dtype</c>, plus the subclass's arguments.</summary>
    public virtual IDictionary<string, object> get_config() => new Dictionary<string, object> { ["name"] = name, ["dtype"] = dtype };
}
