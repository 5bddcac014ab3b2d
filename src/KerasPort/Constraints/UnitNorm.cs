using KerasPort.Layers;
using static TorchSharp.torch;

namespace KerasPort.Constraints;

/// <summary>Keras's <c>UnitNorm</c>: divides each slice of the weight along <see cref="axis"/> by its norm, <c>w / (epsilon + norm)</c>.</summary>
public sealed class UnitNorm : Constraint
{
    /// <param name="axis">The axis or axes the norm is taken over (default 0, as <see cref="MaxNorm"/>).</param>
    public UnitNorm(Axes? axis = null)
    {
        this.axis = axis ?? 0;
    }

    /// <summary>The axis or axes the norm is taken over.</summary>
    public Axes axis { get; }

    /// <inheritdoc/>
    public override Tensor call(Tensor w)
    {
        using var n = norms(w, axis);
        using var denominator = n + keras.backend.epsilon();
        return w / denominator;
    }

    /// <inheritdoc/>
    public override IDictionary<string, object> get_config() => new Dictionary<string, object> { ["axis"] = axis_config(axis) };
}
