using TorchSharp;

namespace KerasPort.Losses;

/// <summary>
/// Keras's <c>CategoricalCrossentropy</c> on one-hot (or soft) labels: the prediction is
/// normalised to sum to 1 along <see cref="axis"/>, clipped to [1e-7, 1 - 1e-7], and the
/// per-sample loss is <c>-sum(y log q)</c> over the classes.
/// </summary>
public sealed class CategoricalCrossentropy : Loss
{
    public CategoricalCrossentropy(bool from_logits = false, double label_smoothing = 0.0, long axis = -1,
                                   string? reduction = "sum_over_batch_size", string name = "categorical_crossentropy")
        : base(name, reduction)
    {
        BinaryCrossentropy.check_label_smoothing(label_smoothing);
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
        return keras.losses.categorical_crossentropy(y_true, y_pred, from_logits, label_smoothing, axis).MoveToOuterDisposeScope();
    }

    public override IDictionary<string, object> get_config()
    {
        var config = base_config();
        config["from_logits"] = from_logits;
        config["label_smoothing"] = label_smoothing;
        config["axis"] = axis;
        return config;
    }
}
