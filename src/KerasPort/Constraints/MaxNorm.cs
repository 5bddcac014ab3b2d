using KerasPort.Layers;
using static TorchSharp.torch;

namespace KerasPort.Constraints;

/// <summary>
/// Keras's <c>MaxNorm</c>: rescales each slice of the weight along <see cref="axis"/> whose norm is
/// above <see cref="max_value"/> down to that norm, <c>w * clip(norm, 0, max_value) / (epsilon + norm)</c>.
/// </summary>
/// <example><code>new Dense(64, kernel_constraint: new MaxNorm(3))</code></example>
public sealed class MaxNorm : Constraint
{
    /// <param name="max_value">The largest norm allowed for the incoming weights of a unit (default 2).</param>
    /// <param name="axis">The axis or axes the norm is taken over (default 0: for a Dense kernel
    /// <c>(input_dim, units)</c>, each unit's incoming weights; for a Conv2D kernel use <c>[0, 1, 2]</c>).</param>
    public MaxNorm(double max_value = 2, Axes? axis = null)
    {
        this.max_value = max_value;
        this.axis = axis ?? 0;
    }

    /// <summary>The largest norm allowed.</summary>
    public double max_value { get; }

    /// <summary>The axis or axes the norm is taken over.</summary>
    public Axes axis { get; }

    /// <inheritdoc/>
    public override Tensor call(Tensor w)
    {
        using var scope = NewDisposeScope();
        var n = norms(w, axis);
        var desired = n.clamp(0, max_value);
        return (w * (desired / (n + keras.backend.epsilon()))).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override IDictionary<string, object> get_config() => new Dictionary<string, object> { ["max_value"] = max_value, ["axis"] = axis_config(axis) };
}
