using KerasPort.Losses;
using KerasPort.Metrics;
using KerasPort.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasPort.Models;

public abstract partial class Model
{
    private Loss? _loss;
    private double _loss_weight = 1.0;
    private List<object> _metric_specs = new();
    private List<Metric>? _metrics;
    private readonly Mean _loss_tracker = new("loss");

    /// <summary>True once <see cref="compile"/> has run.</summary>
    public bool compiled { get; private set; }

    /// <summary>The loss given to <c>compile</c>, resolved; null before.</summary>
    public Loss? loss => _loss;

    /// <summary>
    /// Keras's <c>compile</c>: the optimizer (a name or an <see cref="Optimizer"/>, <c>rmsprop</c> by
    /// default), the loss (a name or a <see cref="Loss"/>), the metrics (names such as
    /// <c>"accuracy"</c>, resolved from the data's shapes on the first batch, or <see cref="Metric"/>s)
    /// and the weight of the loss (a number, or a list of one number for this single-output model).
    /// </summary>
    public void compile(object? optimizer = null, object? loss = null, IEnumerable<object>? metrics = null, object? loss_weights = null)
    {
        var resolved_optimizer = optimizer switch
        {
            null => keras.optimizers.get("rmsprop"),
            string s => keras.optimizers.get(s),
            Optimizer o => o,
            _ => throw new ArgumentException($"Invalid value received for argument optimizer. Expected an optimizer name or an Optimizer. Received: optimizer={optimizer}", nameof(optimizer)),
        };
        var resolved_loss = loss switch
        {
            null => null,
            string s => keras.losses.get(s) ?? throw new ArgumentException($"Invalid value received for argument loss. Received: loss={s}", nameof(loss)),
            Loss l => l,
            _ => throw new ArgumentException($"Invalid value received for argument loss. Expected a loss name or a Loss. Received: loss={loss}", nameof(loss)),
        };
        var specs = metrics?.ToList() ?? new List<object>();
        foreach (var m in specs)
        {
            if (m is not (string or Metric))
                throw new ArgumentException($"Invalid value received for argument metrics. Expected metric names or Metric objects. Received: metrics entry {m ?? "null"}", nameof(metrics));
        }
        double weight = loss_weights switch
        {
            null => 1.0,
            double d => d,
            float f => f,
            int i => i,
            IEnumerable<double> list when list.Count() == 1 => list.First(),
            _ => throw new ArgumentException($"Invalid value received for argument loss_weights. Expected a number or a list of one number for a single-output model. Received: loss_weights={loss_weights}", nameof(loss_weights)),
        };

        this.optimizer = resolved_optimizer;
        _loss = resolved_loss;
        _loss_weight = weight;
        _metric_specs = specs;
        _compile_args = (optimizer ?? "rmsprop", loss, specs, loss_weights);
        _metrics = null;
        reset_metrics();
        compiled = true;
        _compiled_state_built = false;
    }

    /// <summary>The metrics tracked so far: <c>loss</c>, then the compiled metrics once resolved.</summary>
    public IReadOnlyList<string> metrics_names =>
        ["loss", .. (_metrics?.Select(m => m.name) ?? _metric_specs.Select(s => s is Metric m ? m.name : (string)s))];

    /// <summary>Starts every tracked metric over (Keras's <c>reset_metrics</c>).</summary>
    public void reset_metrics()
    {
        _loss_tracker.reset_state();
        if (_metrics is not null) foreach (var m in _metrics) m.reset_state();
    }

    private void require_compiled()
    {
        if (!compiled) throw new InvalidOperationException("You must call `compile()` before using the model.");
    }

    /// <summary>Resolves the metric names from the shapes of the first batch, as Keras's CompileMetrics.</summary>
    private List<Metric> resolve_metrics(Tensor? y, Tensor y_pred)
    {
        if (_metrics is not null) return _metrics;
        var result = new List<Metric>();
        foreach (var spec in _metric_specs)
        {
            if (spec is Metric m) result.Add(m);
            else
            {
                if (y is null) throw new ArgumentException("Metrics need targets: y is null.", "y");
                result.Add(MetricResolver.get((string)spec, y.shape, y_pred.shape));
            }
        }
        return _metrics = result;
    }

    /// <summary>
    /// Keras's <c>compute_loss</c>: the loss reduced as it says (<c>sum_over_batch_size</c> by
    /// default), times the loss weight, plus every penalty in <see cref="losses"/>.
    /// </summary>
    private Tensor compute_loss(Tensor? y, Tensor y_pred, Tensor? sample_weight)
    {
        Tensor? total = null;
        if (_loss is not null)
        {
            if (y is null) throw new ArgumentException("The model has a loss but y is null: pass targets to fit/evaluate.", "y");
            total = _loss.__call__(y, y_pred, sample_weight);
            if (_loss_weight != 1.0) total = total * _loss_weight;
        }
        foreach (var penalty in losses) total = total is null ? penalty : total + penalty;
        return total ?? throw new InvalidOperationException("No loss to compute. Provide a `loss` argument in `compile()`.");
    }

    /// <summary>Adds one batch to the running loss mean, weighted by the batch size (Keras's loss tracker, float32).</summary>
    private void track_loss(Tensor loss, long batch)
    {
        // On the host: one read of the scalar loss, the same float32 arithmetic as update_state(loss, batch).
        using var value = loss.dtype == ScalarType.Float32 ? loss.detach() : loss.detach().to_type(ScalarType.Float32);
        _loss_tracker.add_weighted(value.item<float>(), batch);
    }

    /// <summary>The running values in Keras's log order: keys sorted as <c>pythonify_logs</c> sorts them.</summary>
    private Dictionary<string, double> metrics_result()
    {
        var values = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["loss"] = _loss_tracker.result(),
        };
        if (_metrics is not null) foreach (var m in _metrics) values[m.name] = m.result();
        return new Dictionary<string, double>(values);
    }

    private void update_metrics(Tensor? y, Tensor y_pred, Tensor? sample_weight)
    {
        var metrics = resolve_metrics(y, y_pred);
        foreach (var m in metrics) m.update_state(y!, y_pred, sample_weight);
    }
}
