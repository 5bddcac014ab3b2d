using KerasPort.Utils;
using TorchSharp;

namespace KerasPort.Losses;

/// <summary>
/// Keras's <c>BinaryCrossentropy</c>. On probabilities, as the torch backend: p is clipped to
/// [1e-7, 1 - 1e-7] (so the gradient is zero where the clip acts), then
/// <c>-(y log p + (1 - y) log(1 - p))</c>; the per-sample loss is the mean over <see cref="axis"/>.
/// </summary>
public sealed class BinaryCrossentropy : Loss
{
    public BinaryCrossentropy(bool from_logits = false, double label_smoothing = 0.0, long axis = -1,
                              string? reduction = "sum_over_batch_size", string name = "binary_crossentropy")
        : base(name, reduction)
    {
        check_label_smoothing(label_smoothing);
        this.from_logits = from_logits;
        this.label_smoothing = label_smoothing;
        this.axis = axis;
    }

    public bool from_logits { get; }
    public double label_smoothing { get; }
    public long axis { get; }

    public override torch.Tensor call(torch.Tensor y_true, torch.Tensor y_pred)
    {
        using var scope = torch.NewDisposeScope();
        (y_true, y_pred) = squeeze_or_expand_to_same_rank(cast_like(y_true, y_pred), y_pred);
        return keras.losses.binary_crossentropy(y_true, y_pred, from_logits, label_smoothing, axis).MoveToOuterDisposeScope();
    }

    public override IDictionary<string, object> get_config()
    {
        var config = base_config();
        config["from_logits"] = from_logits;
        config["label_smoothing"] = label_smoothing;
        config["axis"] = axis;
        return config;
    }

    internal static void check_label_smoothing(double label_smoothing)
    {
        if (!(label_smoothing >= 0 && label_smoothing <= 1))
            throw new ArgumentException(
                $"Invalid value received for argument label_smoothing. Expected a float value between 0 and 1. Received: label_smoothing={PythonFormat.repr(label_smoothing)}",
                nameof(label_smoothing));
    }
}
