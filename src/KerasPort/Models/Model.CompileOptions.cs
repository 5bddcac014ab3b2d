using KerasPort.Callbacks;
using KerasPort.Metrics;
using static TorchSharp.torch;

namespace KerasPort.Models;

// compile's weighted_metrics, run_eagerly, jit_compile and steps_per_execution, with Keras 3's meaning on its torch backend.
public partial class Model
{
    private CompileMetrics? _weighted_metric_specs;
    private List<(int output, Metric metric)>? _weighted_metrics;

    /// <summary>
    /// Keras's <c>run_eagerly</c>, as given to <c>compile</c> (default false). KerasPort always runs
    /// eagerly (each step is libtorch calls, as Keras's torch backend without <c>torch.compile</c>),
    /// so the flag changes nothing here.
    /// </summary>
    public bool run_eagerly { get; set; }

    /// <summary>
    /// Keras's <c>jit_compile</c> after <c>compile</c>: always false. <c>compile</c> accepts
    /// <c>true</c> and ignores it, warning as Keras 3 does on torch &lt; 2.1 (KerasPort has no
    /// graph compiler); <c>"auto"</c> (null) is false on torch, as in Keras.
    /// </summary>
    public bool jit_compile { get; private set; }

    /// <summary>
    /// Keras's <c>steps_per_execution</c>: 1, the only value Keras's torch backend runs (it raises
    /// on any other when training starts; KerasPort raises at <c>compile</c>).
    /// </summary>
    public int steps_per_execution { get; private set; } = 1;

    /// <summary>Checks and stores compile's execution flags and weighted metrics, as Keras's <c>compile</c> does.</summary>
    private void set_compile_options(CompileMetrics? weighted_metrics, bool run_eagerly, int steps_per_execution, bool? jit_compile)
    {
        if (steps_per_execution != 1)
            throw new ArgumentException($"`steps_per_execution` must be 1 with the PyTorch backend. Received: steps_per_execution={steps_per_execution}", nameof(steps_per_execution));
        if (jit_compile == true)
            Callback.warn(run_eagerly
                ? "If `run_eagerly` is True, then `jit_compile` cannot also be True. Disabling `jit_compile`."
                : "`jit_compile=True` is accepted and ignored: KerasPort runs each step eagerly on libtorch (as Keras does on torch < 2.1). Using `jit_compile=False`");
        _weighted_metric_specs = weighted_metrics;
        _weighted_metrics = null;
        this.run_eagerly = run_eagerly;
        this.steps_per_execution = steps_per_execution;
        this.jit_compile = false;
    }

    /// <summary>
    /// The weighted metrics, resolved from the first batch's shapes as the others; one whose log
    /// name a compiled metric already has is logged as <c>weighted_</c> + name, as Keras names it.
    /// </summary>
    private List<(int output, Metric metric)> resolve_weighted_metrics(Tensor[]? y, Tensor[] y_pred, List<(int output, Metric metric)> metrics)
    {
        if (_weighted_metrics is not null) return _weighted_metrics;
        var result = metrics_per_output(_weighted_metric_specs, y, y_pred, "weighted_metrics");
        var taken = new HashSet<string>(metrics.Select(m => m.metric.name), StringComparer.Ordinal);
        foreach (var (_, metric) in result)
        {
            if (!taken.Add(metric.name))
            {
                metric.name = "weighted_" + metric.name;
                taken.Add(metric.name);
            }
        }
        return _weighted_metrics = result;
    }

    /// <summary>The weighted metrics' log names once resolved (none before).</summary>
    private IEnumerable<string> weighted_metric_names() => _weighted_metrics?.Select(m => m.metric.name) ?? [];
}
