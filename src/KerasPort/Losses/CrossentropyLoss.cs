using KerasPort.Utils;
using TorchSharp;

namespace KerasPort.Losses;

/// <summary>
/// What <see cref="BinaryCrossentropy"/> and <see cref="CategoricalCrossentropy"/> share (Keras
/// wraps both functions the same way): <c>from_logits</c>, <c>label_smoothing</c> in [0, 1] and
/// <c>axis</c>; labels cast to the prediction's dtype and brought to its rank before the function.
/// </summary>
public abstract class CrossentropyLoss : Loss
{
    private protected CrossentropyLoss(string name, string? reduction, bool from_logits, double label_smoothing, long axis)
        : base(name, reduction)
    {
        if (!(label_smoothing >= 0 && label_smoothing <= 1))
            throw new ArgumentException(
                $"Invalid value received for argument label_smoothing. Expected a float value between 0 and 1. Received: label_smoothing={PythonFormat.repr(label_smoothing)}",
                nameof(label_smoothing));
        this.from_logits = from_logits;
        this.label_smoothing = label_smoothing;
        this.axis = axis;
    }

    /// <summary>Whether the predictions are logits rather than probabilities.</summary>
    public bool from_logits { get; }
    /// <summary>The label smoothing factor, in [0, 1].</summary>
    public double label_smoothing { get; }
    /// <summary>The class axis of the prediction.</summary>
    public long axis { get; }

    /// <summary>The loss function (<c>keras.losses.binary_crossentropy</c>, ...) on labels of the prediction's dtype and rank.</summary>
    private protected abstract torch.Tensor crossentropy(torch.Tensor y_true, torch.Tensor y_pred);

    /// <inheritdoc/>
    public sealed override torch.Tensor call(torch.Tensor y_true, torch.Tensor y_pred)
    {
        using var scope = torch.NewDisposeScope();
        (y_true, y_pred) = squeeze_or_expand_to_same_rank(cast_like(y_true, y_pred), y_pred);
        return crossentropy(y_true, y_pred).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public sealed override IDictionary<string, object> get_config()
    {
        var config = base_config();
        config["from_logits"] = from_logits;
        config["label_smoothing"] = label_smoothing;
        config["axis"] = axis;
        return config;
    }
}
