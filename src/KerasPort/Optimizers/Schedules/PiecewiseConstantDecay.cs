using KerasPort.Utils;
using TorchSharp;

namespace KerasPort.Optimizers.Schedules;

/// <summary>
/// Keras's <c>PiecewiseConstantDecay</c>: <c>values[0]</c> while <c>step &lt;= boundaries[0]</c>,
/// <c>values[i]</c> while <c>boundaries[i-1] &lt; step &lt;= boundaries[i]</c>, and the last value
/// after the last boundary. The boundaries are cast to the step's dtype, as Keras casts them.
/// </summary>
public sealed class PiecewiseConstantDecay : LearningRateSchedule
{
    /// <param name="boundaries">Strictly increasing step boundaries.</param>
    /// <param name="values">The learning rates; one more than <paramref name="boundaries"/>.</param>
    /// <param name="name">Default <c>"PiecewiseConstant"</c>.</param>
    public PiecewiseConstantDecay(double[] boundaries, double[] values, string name = "PiecewiseConstant")
    {
        ArgumentNullException.ThrowIfNull(boundaries);
        ArgumentNullException.ThrowIfNull(values);
        if (boundaries.Length != values.Length - 1)
            throw new ArgumentException(
                "The length of boundaries should be 1 less than the length of values. " +
                $"Received: boundaries={list(boundaries)} of length {boundaries.Length}, and values={list(values)} of length {values.Length}.",
                nameof(boundaries));
        foreach (var v in values) finite(v, nameof(values));
        this.boundaries = boundaries;
        this.values = values;
        this.name = name;
    }

    /// <summary>The strictly increasing step boundaries.</summary>
    public IReadOnlyList<double> boundaries { get; }
    /// <summary>The learning rate of each interval; one more than the boundaries.</summary>
    public IReadOnlyList<double> values { get; }
    /// <summary>The schedule's name (kept in its config).</summary>
    public string name { get; }

    private static string list(double[] items) => "[" + string.Join(", ", items.Select(PythonFormat.repr)) + "]";

    /// <inheritdoc/>
    public override torch.Tensor __call__(torch.Tensor step)
    {
        using var scope = torch.NewDisposeScope();
        var bounds = boundaries.Select(b => torch.tensor(b, torch.ScalarType.Float64, step.device).to_type(step.dtype)).ToList();
        var result = torch.zeros_like(step, torch.ScalarType.Float32);
        result += (step <= bounds[0]).to_type(torch.ScalarType.Float32) * (float)values[0];
        result += (step > bounds[^1]).to_type(torch.ScalarType.Float32) * (float)values[^1];
        for (int i = 0; i + 1 < bounds.Count; i++)
            result += ((step > bounds[i]) & (step <= bounds[i + 1])).to_type(torch.ScalarType.Float32) * (float)values[i + 1];
        return result.MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override IDictionary<string, object?> get_config() => new Dictionary<string, object?>
    {
        ["boundaries"] = boundaries.Select(step_count).ToList(),
        ["values"] = values.ToList(),
        ["name"] = name,
    };

    /// <summary>The schedule that <paramref name="config"/> describes (Keras's <c>from_config</c>).</summary>
    public static PiecewiseConstantDecay from_config(IDictionary<string, object?> config) =>
        new(numbers(config, "boundaries"), numbers(config, "values"), text(config, "name") ?? "PiecewiseConstant");

    private static double[] numbers(IDictionary<string, object?> config, string key) =>
        config.TryGetValue(key, out var v) && v is System.Collections.IEnumerable items
            ? items.Cast<object>().Select(i => Convert.ToDouble(i, System.Globalization.CultureInfo.InvariantCulture)).ToArray()
            : throw new ArgumentException($"The config has no list `{key}`.", nameof(config));
}
