using KerasPort.Layers;
using static TorchSharp.torch;

namespace KerasPort.Constraints;

/// <summary>
/// Keras's <c>MinMaxNorm</c>: moves the norm of each slice of the weight along <see cref="axis"/>
/// toward [<see cref="min_value"/>, <see cref="max_value"/>]: the new norm is
/// <c>rate * clip(norm, min_value, max_value) + (1 - rate) * norm</c>.
/// </summary>
public sealed class MinMaxNorm : Constraint
{
    /// <param name="min_value">The smallest norm of the incoming weights (default 0).</param>
    /// <param name="max_value">The largest norm of the incoming weights (default 1).</param>
    /// <param name="rate">How far each update moves into the range: 1 (the default) enforces it strictly,
    /// below 1 moves there gradually.</param>
    /// <param name="axis">The axis or axes the norm is taken over (default 0, as <see cref="MaxNorm"/>).</param>
    public MinMaxNorm(double min_value = 0.0, double max_value = 1.0, double rate = 1.0, Axes? axis = null)
    {
        this.min_value = min_value;
        this.max_value = max_value;
        this.rate = rate;
        this.axis = axis ?? 0;
    }

    /// <summary>The smallest norm.</summary>
    public double min_value { get; }

    /// <summary>The largest norm.</summary>
    public double max_value { get; }

    /// <summary>The rate of enforcement, 1 for strict.</summary>
    public double rate { get; }

    /// <summary>The axis or axes the norm is taken over.</summary>
    public Axes axis { get; }

    /// <inheritdoc/>
    public override Tensor call(Tensor w)
    {
        using var scope = NewDisposeScope();
        var n = norms(w, axis);
        var desired = rate * n.clamp(min_value, max_value) + (1 - rate) * n;
        return (w * (desired / (n + keras.backend.epsilon()))).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override IDictionary<string, object> get_config() => new Dictionary<string, object>
    {
        ["min_value"] = min_value,
        ["max_value"] = max_value,
        ["rate"] = rate,
        ["axis"] = axis_config(axis),
    };
}
