using TorchSharp;

namespace KerasPort.Losses;

/// <summary>
/// Keras's <c>CategoricalCrossentropy</c> on one-hot (or soft) labels: the prediction is
/// normalised to sum to 1 along <see cref="CrossentropyLoss.axis"/>, clipped to [1e-7, 1 - 1e-7], and the
/// per-sample loss is <c>-sum(y log q)</c> over the classes.
/// </summary>
public sealed class CategoricalCrossentropy : CrossentropyLoss
{
    public CategoricalCrossentropy(bool from_logits = false, double label_smoothing = 0.0, long axis = -1,
                                   string? reduction = "sum_over_batch_size", string name = "categorical_crossentropy")
        : base(name, reduction, from_logits, label_smoothing, axis)
    {
    }

    private protected override torch.Tensor crossentropy(torch.Tensor y_true, torch.Tensor y_pred) =>
        keras.losses.categorical_crossentropy(y_true, y_pred, from_logits, label_smoothing, axis);
}
