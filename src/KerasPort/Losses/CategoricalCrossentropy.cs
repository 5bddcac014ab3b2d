using TorchSharp;

namespace KerasPort.Losses;

    /// <summary>
    /// Keras's <c>keras.losses.CategoricalCrossentropy</c>, for one-hot (or soft) labels: on
    /// probabilities, the prediction is normalised to sum to 1 along
    /// <see cref="CrossentropyLoss.axis"/> and clipped to [1e-7, 1 - 1e-7]; the per-sample loss is
    /// <c>-sum(y log q)</c> over the classes. For integer labels use
    /// <see cref="SparseCategoricalCrossentropy"/>.
    /// </summary>
    /// <example>
    /// Python <c>loss=keras.losses.CategoricalCrossentropy(label_smoothing=0.1)</c> ports as:
    /// <code>
    /// model.compile(loss: new CategoricalCrossentropy(label_smoothing: 0.1), optimizer: new Adam(), metrics: ["accuracy"]);
    /// var y_onehot = keras.utils.to_categorical(y, num_classes: 10);
    /// </code>
    /// </example>
public sealed class CategoricalCrossentropy : CrossentropyLoss
{
    /// <summary>Creates the loss; every argument has Keras's name and default.</summary>
    /// <param name="from_logits">True when <c>y_pred</c> holds logits (no activation applied); false (default) when it holds probabilities, which are clipped to [1e-7, 1 - 1e-7].</param>
    /// <param name="label_smoothing">In [0, 1]; above 0 the labels are smoothed toward uniform: <c>y * (1 - s) + s / num_classes</c>. Default 0.</param>
    /// <param name="axis">The class axis of the prediction. Default -1 (the last).</param>
    /// <param name="reduction">How <see cref="Loss.__call__"/> reduces the per-sample losses: <c>"sum_over_batch_size"</c> (default, the mean over every value), <c>"sum"</c>, <c>"mean"</c>, <c>"mean_with_sample_weight"</c> (divided by the sum of the weights), or <c>"none"</c> / null (no reduction).</param>
    /// <param name="name">The loss's name. Default <c>"categorical_crossentropy"</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="label_smoothing"/> is outside [0, 1], or <paramref name="reduction"/> is unknown.</exception>
    public CategoricalCrossentropy(bool from_logits = false, double label_smoothing = 0.0, long axis = -1,
                                   string? reduction = "sum_over_batch_size", string name = "categorical_crossentropy")
        : base(name, reduction, from_logits, label_smoothing, axis)
    {
    }

    private protected override torch.Tensor crossentropy(torch.Tensor y_true, torch.Tensor y_pred) =>
        keras.losses.categorical_crossentropy(y_true, y_pred, from_logits, label_smoothing, axis);
}
