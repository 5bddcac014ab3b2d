using TorchSharp;

namespace KerasPort.Losses;

/// <summary>
/// Keras's <c>SparseCategoricalCrossentropy</c>: integer class labels (shape [batch] or
/// [batch, 1], int or float), the prediction normalised and clipped as in
/// <see cref="CategoricalCrossentropy"/>, and the loss <c>-log q[label]</c>.
/// </summary>
public sealed class SparseCategoricalCrossentropy : Loss
{
    /// <summary>Creates the loss; every argument has Keras's name and default. Keras's <c>ignore_class</c> is not supported.</summary>
    /// <param name="from_logits">True when <c>y_pred</c> holds logits (no activation applied); false (default) when it holds probabilities, which are clipped to [1e-7, 1 - 1e-7].</param>
    /// <param name="reduction">How <see cref="Loss.__call__"/> reduces the per-sample losses: <c>"sum_over_batch_size"</c> (default, the mean over every value), <c>"sum"</c>, <c>"mean"</c>, <c>"mean_with_sample_weight"</c> (divided by the sum of the weights), or <c>"none"</c> / null (no reduction).</param>
    /// <param name="axis">The class axis of the prediction. Default -1 (the last).</param>
    /// <param name="name">The loss's name. Default <c>"sparse_categorical_crossentropy"</c>.</param>
    public SparseCategoricalCrossentropy(bool from_logits = false, string? reduction = "sum_over_batch_size", long axis = -1,
                                         string name = "sparse_categorical_crossentropy")
        : base(name, reduction)
    {
        this.from_logits = from_logits;
        this.axis = axis;
    }

    /// <summary>Whether the predictions are logits rather than probabilities.</summary>
    public bool from_logits { get; }
    /// <summary>The class axis of the prediction.</summary>
    public long axis { get; }

    /// <inheritdoc/>
    public override torch.Tensor call(torch.Tensor y_true, torch.Tensor y_pred)
    {
        using var scope = torch.NewDisposeScope();
        (y_true, y_pred) = squeeze_or_expand_to_same_rank(y_true, y_pred);
        return keras.losses.sparse_categorical_crossentropy(y_true, y_pred, from_logits, axis).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override IDictionary<string, object> get_config()
    {
        var config = base_config();
        config["from_logits"] = from_logits;
        config["ignore_class"] = null!;
        config["axis"] = axis;
        return config;
    }
}
