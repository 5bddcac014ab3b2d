using TorchSharp;

namespace KerasPort.Losses;

/// <summary>
/// Keras's <c>SparseCategoricalCrossentropy</c>: integer class labels (shape [batch] or
/// [batch, 1], int or float), the prediction normalised and clipped as in
/// <see cref="CategoricalCrossentropy"/>, and the loss <c>-log q[label]</c>.
/// </summary>
public sealed class SparseCategoricalCrossentropy : Loss
{
    public SparseCategoricalCrossentropy(bool from_logits = false, string? reduction = "sum_over_batch_size", long axis = -1,
                                         string name = "sparse_categorical_crossentropy")
        : base(name, reduction)
    {
        this.from_logits = from_logits;
        this.axis = axis;
    }

    public bool from_logits { get; }
    public long axis { get; }

    public override torch.Tensor call(torch.Tensor y_true, torch.Tensor y_pred)
    {
        using var scope = torch.NewDisposeScope();
        (y_true, y_pred) = squeeze_or_expand_to_same_rank(y_true, y_pred);
        return keras.losses.sparse_categorical_crossentropy(y_true, y_pred, from_logits, axis).MoveToOuterDisposeScope();
    }

    public override IDictionary<string, object> get_config()
    {
        var config = base_config();
        config["from_logits"] = from_logits;
        config["ignore_class"] = null!;
        config["axis"] = axis;
        return config;
    }
}
