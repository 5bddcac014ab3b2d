using static TorchSharp.torch;

namespace KerasPort.Constraints;

/// <summary>Keras's <c>NonNeg</c>: sets the negative weights to 0, <c>maximum(w, 0)</c>.</summary>
public sealed class NonNeg : Constraint
{
    /// <inheritdoc/>
    public override Tensor call(Tensor w)
    {
        using var zero = zeros([], w.dtype, w.device);
        return maximum(w, zero);
    }
}
