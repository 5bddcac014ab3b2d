using TorchSharp;

namespace KerasPort.Losses;

/// <summary>
/// Keras's <c>BinaryCrossentropy</c>. On probabilities, as the torch backend: p is clipped to
/// [1e-7, 1 - 1e-7] (so the gradient is zero where the clip acts), then
/// <c>-(y log p + (1 - y) log(1 - p))</c>; the per-sample loss is the mean over <see cref="CrossentropyLoss.axis"/>.
/// </summary>
public sealed class BinaryCrossentropy : CrossentropyLoss
{
    public BinaryCrossentropy(bool from_logits = false, double label_smoothing = 0.0, long axis = -1,
                              string? reduction = "sum_over_batch_size", string name = "binary_crossentropy")
        : base(name, reduction, from_logits, label_smoothing, axis)
    {
    }

    private protected override torch.Tensor crossentropy(torch.Tensor y_true, torch.Tensor y_pred) =>
        keras.losses.binary_crossentropy(y_true, y_pred, from_logits, label_smoothing, axis);
}
