using KerasPort.Utils;
using static TorchSharp.torch;

namespace KerasPort.Metrics;

/// <summary>
/// One entry of Keras's <c>metrics</c> / <c>weighted_metrics</c> arguments of <c>compile</c>: a
/// metric's name (<c>"accuracy"</c>, <c>"mae"</c>, ...; <c>"accuracy"</c> and <c>"acc"</c> pick
/// binary, categorical or sparse categorical accuracy from the first batch's shapes, as Keras does),
/// a <see cref="Metric"/>, or a per-sample function <c>fn(y_true, y_pred)</c> (averaged by a
/// <see cref="MeanMetricWrapper"/> named after the method). For a model with several outputs, an
/// entry may also be the list of one output's metrics (<c>new[] { "mse", "accuracy" }</c>). Each form
/// converts implicitly; an unknown name fails on the first batch with Keras's message.
/// </summary>
public readonly struct MetricSpec
{
    private readonly string? _name;
    private readonly Metric? _metric;
    private readonly Func<Tensor, Tensor, Tensor>? _function;
    private readonly MetricSpec[]? _group;

    private MetricSpec(string? name = null, Metric? metric = null, Func<Tensor, Tensor, Tensor>? function = null, MetricSpec[]? group = null)
    {
        _name = name;
        _metric = metric;
        _function = function;
        _group = group;
    }

    /// <summary>A metric by name.</summary>
    public static implicit operator MetricSpec(string name) => new(name: name ?? throw none());

    /// <summary>A metric object, used (and updated) as given.</summary>
    public static implicit operator MetricSpec(Metric metric) => new(metric: metric ?? throw none());

    /// <summary>A per-sample metric function <c>fn(y_true, y_pred)</c>, averaged over the samples.</summary>
    public static implicit operator MetricSpec(Func<Tensor, Tensor, Tensor> function) =>
        new(function: function ?? throw none());

    /// <summary>The metrics of one output.</summary>
    public static implicit operator MetricSpec(MetricSpec[] group)
    {
        var copy = (MetricSpec[])(group ?? throw new ArgumentNullException(nameof(group))).Clone();
        if (copy.Any(m => m._group is not null))
            throw new ArgumentException("Invalid value received for argument metrics. The metrics of one output must be metric names, Metrics or functions, not another list.", "metrics");
        return new(group: copy);
    }

    /// <summary>The metric names of one output.</summary>
    public static implicit operator MetricSpec(string[] group) =>
        new(group: (group ?? throw new ArgumentNullException(nameof(group))).Select(n => (MetricSpec)n).ToArray());

    /// <summary>The metric objects of one output.</summary>
    public static implicit operator MetricSpec(Metric[] group) =>
        new(group: (group ?? throw new ArgumentNullException(nameof(group))).Select(m => (MetricSpec)m).ToArray());

    /// <summary>Keras's error for a <c>None</c> metric.</summary>
    private static ArgumentNullException none() => new("metrics", "Expected metric, received `None`");

    /// <summary>The single metrics this entry holds: itself, or each of its group.</summary>
    internal IEnumerable<MetricSpec> flatten() => _group ?? [this];

    /// <summary>
    /// The metric for one output: the object given, the function wrapped, or the one the name gives
    /// for labels and predictions of these shapes (named by the string); a name needs the labels' shape
    /// (null when the data has no targets).
    /// </summary>
    internal Metric resolve(long[]? y_true_shape, long[] y_pred_shape)
    {
        if (_group is not null) throw new InvalidOperationException("A group of metrics is resolved metric by metric.");
        if (_metric is not null) return _metric;
        if (_function is not null) return new MeanMetricWrapper(_function, FunctionNames.get_object_name(_function));
        if (y_true_shape is null) throw new ArgumentException("Metrics need targets: y is null.", "y");
        return MetricResolver.get(_name!, y_true_shape, y_pred_shape);
    }

    /// <summary>The name its log entry takes (before any output prefix); null for a group.</summary>
    internal string? log_name => _metric?.name ?? _name ?? (_function is null ? null : FunctionNames.get_object_name(_function));

    /// <summary>The argument as given (a name, a metric, a function, or the list of them), which <c>get_compile_config</c> serializes.</summary>
    internal object value => (object?)_name ?? _metric ?? (object?)_function ?? _group!.Select(m => m.value).ToList();

    /// <summary>The name the metric logs under, or the list of them for one output's group.</summary>
    public override string ToString() => _group is null ? log_name ?? "None" : "[" + string.Join(", ", _group.Select(m => m.ToString())) + "]";
}
