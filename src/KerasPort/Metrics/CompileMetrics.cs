using System.Collections;
using System.Runtime.CompilerServices;

namespace KerasPort.Metrics;

/// <summary>
/// Keras's <c>metrics</c> and <c>weighted_metrics</c> arguments of <c>compile</c>: a list of
/// <see cref="MetricSpec"/>s (<c>metrics: ["accuracy", new AUC()]</c>; for a model with several
/// outputs, one entry per output, each a metric or a list of them), or a dictionary keyed by output
/// name (<c>new Dictionary&lt;string, MetricSpec&gt; { ["b"] = new[] { "accuracy" } }</c>). Written
/// as a collection expression or converted implicitly from an array or a dictionary; a bare
/// metric, which Keras rejects, does not compile.
/// </summary>
[CollectionBuilder(typeof(CompileMetrics), nameof(create))]
public readonly struct CompileMetrics : IEnumerable<MetricSpec>
{
    private readonly MetricSpec[]? _list;
    private readonly IReadOnlyDictionary<string, MetricSpec>? _by_output;

    private CompileMetrics(MetricSpec[]? list, IReadOnlyDictionary<string, MetricSpec>? by_output)
    {
        _list = list;
        _by_output = by_output;
    }

    /// <summary>The list a collection expression writes (<c>["accuracy", "mae"]</c>).</summary>
    public static CompileMetrics create(ReadOnlySpan<MetricSpec> metrics) => new(metrics.ToArray(), null);

    /// <summary>A list of metrics.</summary>
    public static implicit operator CompileMetrics(MetricSpec[] metrics) =>
        new((MetricSpec[])(metrics ?? throw new ArgumentNullException(nameof(metrics))).Clone(), null);

    /// <summary>A list of metric names.</summary>
    public static implicit operator CompileMetrics(string[] metrics) =>
        new((metrics ?? throw new ArgumentNullException(nameof(metrics))).Select(n => (MetricSpec)n).ToArray(), null);

    /// <summary>The metrics of each output, by output name.</summary>
    public static implicit operator CompileMetrics(Dictionary<string, MetricSpec> by_output) =>
        new(null, new Dictionary<string, MetricSpec>(by_output ?? throw new ArgumentNullException(nameof(by_output)), by_output.Comparer));

    /// <summary>The entries, when given as a list; null otherwise.</summary>
    internal IReadOnlyList<MetricSpec>? list => _list ?? (_by_output is null ? [] : null);

    /// <summary>The metrics by output name, when given as a dictionary; null otherwise.</summary>
    internal IReadOnlyDictionary<string, MetricSpec>? by_output => _by_output;

    /// <summary>The list's entries; for a dictionary, its values.</summary>
    IEnumerator<MetricSpec> IEnumerable<MetricSpec>.GetEnumerator() =>
        ((IEnumerable<MetricSpec>?)_list ?? _by_output?.Values ?? []).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable<MetricSpec>)this).GetEnumerator();

    /// <summary>The metrics as Python would print them: a list, or a dict by output name.</summary>
    public override string ToString() => _by_output is null
        ? "[" + string.Join(", ", (list ?? []).Select(m => m.ToString())) + "]"
        : "{" + string.Join(", ", _by_output.Select(kv => $"'{kv.Key}': {kv.Value}")) + "}";
}
