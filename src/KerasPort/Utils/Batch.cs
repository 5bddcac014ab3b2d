using TorchSharp;

namespace KerasPort.Utils;

/// <summary>
/// One batch of a <see cref="Sequence"/>: inputs, targets (null when unlabelled) and per-sample
/// weights (null when none), as Keras's <c>(x, y, sample_weight)</c> tuples.
/// Deconstructs as <c>var (x, y) = batch</c> or <c>var (x, y, w) = batch</c>.
/// </summary>
public sealed record Batch(torch.Tensor x, torch.Tensor? y = null, torch.Tensor? sample_weight = null)
{
    /// <summary><c>var (x, y) = batch</c>: the inputs and the targets (null when unlabelled), without the sample weights.</summary>
    public void Deconstruct(out torch.Tensor x, out torch.Tensor? y)
    {
        x = this.x;
        y = this.y;
    }
}
