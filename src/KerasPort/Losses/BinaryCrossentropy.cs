using TorchSharp;

namespace KerasPort.Losses;

    /// <summary>
    /// Keras's <c>keras.losses.BinaryCrossentropy</c>, for 0/1 labels and one probability (or logit)
    /// per output. On probabilities, as the torch backend: p is clipped to [1e-7, 1 - 1e-7] (so the
    /// gradient is zero where the clip acts), then <c>-(y log p + (1 - y) log(1 - p))</c>; the
    /// per-sample loss is the mean over <see cref="CrossentropyLoss.axis"/>.
    /// </summary>
    /// <example>
    /// Python <c>model.compile(loss=keras.losses.BinaryCrossentropy(from_logits=True), optimizer="adam")</c> ports as:
    /// <code>
    /// model.compile(loss: new BinaryCrossentropy(from_logits: true), optimizer: "adam");
    /// // or by name, with the defaults: model.compile(loss: "binary_crossentropy", optimizer: "adam");
    /// </code>
    /// </example>
public sealed class BinaryCrossentropy : CrossentropyLoss
{
    /// <summary>Creates the loss; every argument has Keras's name and default.</summary>
    /// <param name="from_logits">True when <c>y_pred</c> holds logits (no activation applied); false (default) when it holds probabilities, which are clipped to [1e-7, 1 - 1e-7].</param>
    /// <param name="label_smoothing">In [0, 1]; above 0 the labels are smoothed toward 0.5: <c>y * (1 - s) + 0.5 * s</c>. Default 0.</param>
    /// <param name="axis">The class axis of the prediction. Default -1 (the last).</param>
    /// <param name="reduction">How <see cref="Loss.__call__"/> reduces the per-sample losses: <c>"sum_over_batch_size"</c> (default, the mean over every value), <c>"sum"</c>, <c>"mean"</c>, <c>"mean_with_sample_weight"</c> (divided by the sum of the weights), or <c>"none"</c> / null (no reduction).</param>
    /// <param name="name">The loss's name. Default <c>"binary_crossentropy"</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="label_smoothing"/> is outside [0, 1], or <paramref name="reduction"/> is unknown.</exception>
    public BinaryCrossentropy(bool from_logits = false, double label_smoothing = 0.0, long axis = -1,
                              string? reduction = "sum_over_batch_size", string name = "binary_crossentropy")
        : base(name, reduction, from_logits, label_smoothing, axis)
    {
    }

    private protected override torch.Tensor crossentropy(torch.Tensor y_true, torch.Tensor y_pred) =>
        keras.losses.binary_crossentropy(y_true, y_pred, from_logits, label_smoothing, axis);
}
