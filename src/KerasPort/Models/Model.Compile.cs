using KerasPort.Losses;
using KerasPort.Metrics;
using KerasPort.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasPort.Models;

public partial class Model
{
    /// <summary>One compiled loss: the output it scores, the loss, its weight (null: 1) and the name of its log entry.</summary>
    private sealed record OutputLoss(int output, Loss loss, double? weight, Mean? tracker);

    private LossSpec? _loss_spec;
    private LossWeights? _loss_weights_spec;
    private CompileMetrics? _metric_specs;
    private List<OutputLoss>? _output_losses;
    private List<(int output, Metric metric)>? _metrics;
    private readonly Mean _loss_tracker = new("loss");

    /// <summary>True once <c>compile</c> has run.</summary>
    public bool compiled { get; private set; }

    /// <summary>The loss given to <c>compile</c> for a single-output model, resolved; null before or for several outputs.</summary>
    public Loss? loss => _loss_spec is { per_output: null, by_output: null } spec ? spec.resolve() : null;

    /// <summary>
    /// Keras's <c>compile</c>. <paramref name="optimizer"/>: a name or an <see cref="Optimizer"/>
    /// (<c>rmsprop</c> by default). <paramref name="loss"/>: a name, a <see cref="Loss"/> or a
    /// per-sample function; for a model with several outputs also an array (one per output, null for
    /// none) or a dictionary keyed by output name (<see cref="output_names"/>), see <see cref="LossSpec"/>.
    /// <paramref name="metrics"/>: a list of names such as <c>"accuracy"</c> (resolved from the data's
    /// shapes on the first batch), <see cref="Metric"/>s or functions; for several outputs, one entry
    /// per output (a metric or a list of them) or a dictionary by output name, see <see cref="CompileMetrics"/>.
    /// <paramref name="loss_weights"/>: a number, or an array / dictionary by output name.
    /// As in Keras 3, <paramref name="metrics"/> are computed without sample weights and
    /// <paramref name="weighted_metrics"/> (the same forms) with them (and with <c>class_weight</c>);
    /// <paramref name="run_eagerly"/>, <paramref name="steps_per_execution"/> and
    /// <paramref name="jit_compile"/> are Keras's, see <see cref="run_eagerly"/>,
    /// <see cref="steps_per_execution"/> and <see cref="jit_compile"/> (null is Keras's <c>"auto"</c>).
    /// </summary>
    public void compile(OptimizerSpec? optimizer = null, LossSpec? loss = null, CompileMetrics? metrics = null, LossWeights? loss_weights = null,
                        CompileMetrics? weighted_metrics = null, bool run_eagerly = false, int steps_per_execution = 1, bool? jit_compile = null)
    {
        var given_optimizer = optimizer ?? "rmsprop";
        var resolved_optimizer = given_optimizer.resolve();
        loss?.validate();

        set_compile_options(weighted_metrics, run_eagerly, steps_per_execution, jit_compile);
        this.optimizer = resolved_optimizer;
        _loss_spec = loss;
        _loss_weights_spec = loss_weights;
        _metric_specs = metrics;
        _compile_args = (given_optimizer, loss, metrics, loss_weights);
        _output_losses = null;
        _metrics = null;
        // The per-output structure is known now for a Functional model; others resolve on the first batch.
        if (is_functional) resolve_losses();
        reset_metrics();
        compiled = true;
        _compiled_state_built = false;
    }

    /// <summary>
    /// The metrics tracked so far, in Keras's order: <c>loss</c>, the compiled metrics once
    /// resolved, then each output's loss (<c>{output}_loss</c>) for a model with several outputs.
    /// </summary>
    public IReadOnlyList<string> metrics_names
    {
        get
        {
            var names = new List<string> { "loss" };
            names.AddRange(compiled_metric_names());
            names.AddRange(weighted_metric_names());
            names.AddRange(output_loss_names());
            return names;
        }
    }

    private IEnumerable<string> output_loss_names() =>
        _output_losses is { Count: > 1 } ? _output_losses.Select(l => l.tracker!.name) : [];

    private IEnumerable<string> compiled_metric_names()
    {
        if (_metrics is not null) return _metrics.Select(m => m.metric.name);
        if (_metric_specs?.list is { } flat && output_count == 1)
            return flat.SelectMany(m => m.flatten()).Select(m => m.log_name!);
        return [];
    }

    /// <summary>
    /// Keras's <c>_flatten_metrics_in_order</c>: the loss, the compiled metrics (by their own names,
    /// which the logs carry only for a single output), each output's loss, then the other log keys sorted.
    /// </summary>
    private double[] flatten_metrics_in_order(Dictionary<string, double> logs)
    {
        var names = new List<string> { "loss" };
        if (output_count == 1) names.AddRange(compiled_metric_names());
        if (output_count == 1) names.AddRange(weighted_metric_names());
        names.AddRange(output_loss_names());
        var result = names.Where(logs.ContainsKey).Select(n => logs[n]).ToList();
        result.AddRange(logs.Keys.Where(k => !names.Contains(k)).OrderBy(k => k, StringComparer.Ordinal).Select(k => logs[k]));
        return result.ToArray();
    }

    /// <summary>Starts every tracked metric over (Keras's <c>reset_metrics</c>).</summary>
    public void reset_metrics()
    {
        foreach (var m in tracked_metrics()) m.reset_state();
    }

    /// <summary>The loss tracker, each output's loss tracker, then the compiled and weighted metrics.</summary>
    private List<Metric> tracked_metrics()
    {
        var result = new List<Metric> { _loss_tracker };
        if (_output_losses is not null) result.AddRange(_output_losses.Select(l => l.tracker).OfType<Metric>());
        if (_metrics is not null) result.AddRange(_metrics.Select(m => m.metric));
        if (_weighted_metrics is not null) result.AddRange(_weighted_metrics.Select(m => m.metric));
        return result;
    }

    private void require_compiled()
    {
        if (!compiled) throw new InvalidOperationException("You must call `compile()` before using the model.");
    }

    /// <summary>The name of output <paramref name="i"/> (its layer's name) for per-output logs.</summary>
    private string output_name(int i) => output_names.Count > i ? output_names[i] : $"output_{i + 1}";

    /// <summary>Keras's CompileLoss: one loss per output (a single loss applies to every output), weighted, with a tracker each when there are several.</summary>
    private List<OutputLoss> resolve_losses()
    {
        if (_output_losses is not null) return _output_losses;
        int n = output_count;
        var per_output = new LossSpec[n];
        var weights = new double?[n];
        var spec = _loss_spec.GetValueOrDefault();
        if (spec.by_output is { } by_name)
        {
            // Keras: a dict of losses names every output, no more and no less.
            var keys = by_name.Keys.ToList();
            if (!keys.ToHashSet().SetEquals(Enumerable.Range(0, n).Select(output_name)))
                throw new ArgumentException($"Expected keys [{string.Join(", ", Enumerable.Range(0, n).Select(i => $"'{output_name(i)}'"))}] in loss dict, but found loss.keys()=[{string.Join(", ", keys.Select(k => $"'{k}'"))}]", "loss");
            for (int i = 0; i < n; i++) per_output[i] = by_name[output_name(i)];
        }
        else if (spec.per_output is { } items)
        {
            if (items.Count != n)
                throw new ArgumentException($"For a model with multiple outputs, when providing the `loss` argument as a list, it should have as many entries as the model has outputs. Received:\\nloss={items.Count} entries\\nof length {items.Count} whereas the model has {n} outputs.", "loss");
            for (int i = 0; i < n; i++) per_output[i] = items[i];
        }
        else
            for (int i = 0; i < n; i++) per_output[i] = spec;
        var given_weights = _loss_weights_spec.GetValueOrDefault(1.0);
        if (given_weights.by_output is { } weight_by_name)
            for (int i = 0; i < n; i++) weights[i] = weight_by_name.TryGetValue(output_name(i), out var w) ? w : null;
        else if (given_weights.per_output is { } values)
        {
            int losses_given = per_output.Count(l => !l.is_none);
            if (values.Count != losses_given && values.Count != n)
                throw new ArgumentException($"`loss_weights` must match the number of losses, got {losses_given} losses and {values.Count} weights.", "loss_weights");
            for (int i = 0, j = 0; i < n; i++)
                if (values.Count == n) weights[i] = values[i];
                else if (!per_output[i].is_none) weights[i] = values[j++];
        }
        else if (_loss_weights_spec is not null)
            for (int i = 0; i < n; i++) weights[i] = given_weights.scalar;
        var result = new List<OutputLoss>();
        int count = per_output.Count(l => !l.is_none);
        for (int i = 0; i < n; i++)
        {
            if (per_output[i].resolve() is not { } resolved) continue;
            result.Add(new OutputLoss(i, resolved, weights[i], count > 1 ? new Mean($"{output_name(i)}_loss") : null));
        }
        return _output_losses = result;
    }

    /// <summary>Resolves the metric names from the shapes of the first batch, per output, as Keras's CompileMetrics.</summary>
    private List<(int output, Metric metric)> resolve_metrics(Tensor[]? y, Tensor[] y_pred) =>
        _metrics ??= metrics_per_output(_metric_specs, y, y_pred, "metrics");

    /// <summary>The metrics that <paramref name="specs"/> (compile's metrics or weighted_metrics) name, each with its output.</summary>
    private List<(int output, Metric metric)> metrics_per_output(CompileMetrics? specs, Tensor[]? y, Tensor[] y_pred, string argument)
    {
        int n = y_pred.Length;
        var per_output = new List<MetricSpec>[n];
        for (int i = 0; i < n; i++) per_output[i] = new();
        if (specs?.by_output is { } by_name)
        {
            foreach (var (key, entry) in by_name)
            {
                int i = output_names.ToList().IndexOf(key);
                if (i < 0)
                    throw new ArgumentException($"Invalid `{argument}`: key '{key}' is not an output name of the model ({string.Join(", ", output_names)}).", argument);
                per_output[i].AddRange(entry.flatten());
            }
        }
        else if (specs?.list is { } entries)
        {
            if (n == 1)
                foreach (var entry in entries) per_output[0].AddRange(entry.flatten());
            else if (entries.Count != n)
                throw new ArgumentException($"Invalid `{argument}`. `{argument}` should contain metrics objects and either be a dict or a list matching the output names of the functional model [{string.Join(", ", output_names)}]. Received: {entries.Count} entries for {n} outputs.", argument);
            else
                for (int i = 0; i < n; i++) per_output[i].AddRange(entries[i].flatten());
        }
        var result = new List<(int, Metric)>();
        for (int i = 0; i < n; i++)
        {
            foreach (var spec in per_output[i])
            {
                var metric = spec.resolve(y?[i].shape, y_pred[i].shape);
                if (n > 1) metric.name = $"{output_name(i)}_{metric.name}";
                result.Add((i, metric));
            }
        }
        return result;
    }

    /// <summary>
    /// Keras's <c>compute_loss</c>: each output's loss reduced as it says (<c>sum_over_batch_size</c>
    /// by default) times its weight, summed, plus every penalty in <c>losses</c>.
    /// The unweighted loss of each output feeds its <c>{output}_loss</c> tracker.
    /// </summary>
    private Tensor compute_loss(Tensor[]? y, Tensor[] y_pred, Tensor? sample_weight)
    {
        Tensor? total = null;
        var output_losses = resolve_losses();
        if (output_losses.Count > 0 && y is null)
            throw new ArgumentException("The model has a loss but y is null: pass targets to fit/evaluate.", "y");
        if (y is not null && output_losses.Count > 0 && y.Length != y_pred.Length)
            throw new ArgumentException($"y_true and y_pred have different structures: {y.Length} targets for {y_pred.Length} outputs.", "y");
        foreach (var (i, loss_fn, weight, tracker) in output_losses)
        {
            var value = loss_fn.__call__(y![i], y_pred[i], sample_weight);
            if (tracker is not null) track_mean(tracker, value, y_pred[i].shape[0]);
            if (weight is double w) value = value * w;
            total = total is null ? value : total + value;
        }
        foreach (var penalty in losses) total = total is null ? penalty : total + penalty;
        return total ?? throw new InvalidOperationException("No loss to compute. Provide a `loss` argument in `compile()`.");
    }

    /// <summary>Adds one batch to the running loss mean, weighted by the batch size (Keras's loss tracker, float32).</summary>
    private void track_loss(Tensor loss, long batch) => track_mean(_loss_tracker, loss, batch);

    private static void track_mean(Mean tracker, Tensor loss, long batch)
    {
        // On the host: one read of the scalar loss, the same float32 arithmetic as update_state(loss, batch).
        using var value = loss.dtype == ScalarType.Float32 ? loss.detach() : loss.detach().to_type(ScalarType.Float32);
        using var scalar = value.ToScalar();
        tracker.add_weighted(scalar.ToSingle(), batch);
    }

    /// <summary>The running values in Keras's log order: keys sorted as <c>pythonify_logs</c> sorts them.</summary>
    private Dictionary<string, double> metrics_result()
    {
        // Under DataParallel, the logs are those of the whole data: the metric states summed over the ranks.
        using var global = Distribution.Replicas.summed_states(tracked_metrics());
        var values = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["loss"] = _loss_tracker.result(),
        };
        if (_output_losses is not null)
            foreach (var l in _output_losses) if (l.tracker is not null) values[l.tracker.name] = l.tracker.result();
        if (_metrics is not null) foreach (var (_, m) in _metrics) values[m.name] = m.result();
        if (_weighted_metrics is not null) foreach (var (_, m) in _weighted_metrics) values[m.name] = m.result();
        return new Dictionary<string, double>(values);
    }

    private void update_metrics(Tensor[]? y, Tensor[] y_pred, Tensor? sample_weight)
    {
        var metrics = resolve_metrics(y, y_pred);
        // Keras 3: compiled metrics ignore sample weights; weighted_metrics take them.
        foreach (var (i, m) in metrics) m.update_state(y![i], y_pred[i]);
        foreach (var (i, m) in resolve_weighted_metrics(y, y_pred, metrics)) m.update_state(y![i], y_pred[i], sample_weight);
    }
}
