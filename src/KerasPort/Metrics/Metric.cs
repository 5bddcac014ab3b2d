using TorchSharp;

namespace KerasPort.Metrics;

    /// <summary>
    /// Base of Keras's stateful metrics: <see cref="update_state"/> accumulates over the batches of
    /// an epoch, <see cref="result"/> reads the value so far, <see cref="reset_state"/> starts over.
    /// State is float32, as Keras's metric variables are.
    /// </summary>
    /// <example>
    /// Python <c>m = keras.metrics.AUC(); m.update_state(y_true, y_pred); m.result()</c> ports as:
    /// <code>
    /// var m = new AUC();
    /// m.update_state(y_true, y_pred);
    /// double auc = m.result();
    /// m.reset_state();
    /// // in compile, by object or by name: metrics: [new AUC(), "accuracy"]
    /// </code>
    /// </example>
public abstract class Metric
{
    /// <summary>A metric logged under <paramref name="name"/>.</summary>
    /// <param name="name">The key of the metric in the logs and in <c>History.history</c>.</param>
    protected Metric(string name)
    {
        this.name = name;
    }

    /// <summary>The key the metric has in logs and in <c>History.history</c>.</summary>
    public string name { get; set; }

    /// <summary>Keras's metric dtype; every metric here keeps float32 state.</summary>
    public string dtype => "float32";

    /// <summary>Accumulates the statistics of one batch (Keras's <c>update_state</c>).</summary>
    /// <param name="y_true">The labels of the batch.</param>
    /// <param name="y_pred">The model's predictions for the batch.</param>
    /// <param name="sample_weight">Optional weights, one per sample (or broadcastable to the values); null weighs every sample 1.</param>
    public abstract void update_state(torch.Tensor y_true, torch.Tensor y_pred, torch.Tensor? sample_weight = null);

    /// <summary>The metric's value over everything accumulated since the last <see cref="reset_state"/>.</summary>
    /// <returns>The value as a number (Keras returns a scalar tensor; <c>float(m.result())</c> in Python).</returns>
    public abstract double result();

    /// <summary>Forgets everything accumulated; <c>fit</c> calls it at the start of each epoch.</summary>
    public abstract void reset_state();

    /// <summary>
    /// The metric's state (Keras's metric variables) as float32 numbers that are sums over the
    /// samples seen, so that the states of data-parallel processes add up to the state of the
    /// whole data. A metric whose state is no such sum cannot be reduced across processes.
    /// </summary>
    internal virtual float[] state_sums
    {
        get => throw not_summable();
        set => throw not_summable();
    }

    /// <summary>The state of <paramref name="variables"/>, in order, as one array (for <see cref="state_sums"/>).</summary>
    private protected static float[] read_sums(params torch.Tensor[] variables)
    {
        using var scope = torch.NewDisposeScope();
        return variables.SelectMany(v => v.detach().to_type(torch.ScalarType.Float32).cpu().data<float>().ToArray()).ToArray();
    }

    /// <summary>Writes <paramref name="sums"/> back into <paramref name="variables"/>, in order.</summary>
    private protected static void write_sums(float[] sums, params torch.Tensor[] variables)
    {
        using var _ = torch.no_grad();
        int at = 0;
        foreach (var v in variables)
        {
            using var source = torch.tensor(sums[at..(at + (int)v.numel())]).reshape(v.shape);
            v.copy_(source);
            at += (int)v.numel();
        }
    }

    private NotSupportedException not_summable() =>
        new($"The metric {name} ({GetType().Name}) keeps a state that does not add up across processes, so it cannot be used under DataParallel. Metrics built on Mean (accuracy, losses as metrics), Sum, Precision, Recall, AUC and MeanIoU can.");

    /// <summary>Keras's config: <c>name</c> and <c>dtype</c>, plus the subclass's arguments.</summary>
    public virtual IDictionary<string, object> get_config() => new Dictionary<string, object> { ["name"] = name, ["dtype"] = dtype };
}
