using KerasPort.Losses;
using KerasPort.Utils;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace KerasPort;

public static partial class keras
{
    /// <summary>
    /// Keras's <c>keras.losses</c>: the loss functions (per-sample values, Keras's torch-backend
    /// numerics) and <see cref="get"/>, which resolves Keras's names and aliases to a <see cref="Loss"/>.
    /// </summary>
    public static partial class losses
    {
        private const double epsilon = 1e-7;

        private static readonly Dictionary<string, Func<Loss>> all_objects = new(StringComparer.Ordinal)
        {
            ["BinaryCrossentropy"] = () => new BinaryCrossentropy(),
            ["binary_crossentropy"] = () => new BinaryCrossentropy(),
            ["bce"] = () => new BinaryCrossentropy(),
            ["BCE"] = () => new BinaryCrossentropy(),
            ["CategoricalCrossentropy"] = () => new CategoricalCrossentropy(),
            ["categorical_crossentropy"] = () => new CategoricalCrossentropy(),
            ["SparseCategoricalCrossentropy"] = () => new SparseCategoricalCrossentropy(),
            ["sparse_categorical_crossentropy"] = () => new SparseCategoricalCrossentropy(),
            ["MeanSquaredError"] = () => new Losses.MeanSquaredError(),
            ["mean_squared_error"] = () => new Losses.MeanSquaredError(),
            ["mse"] = () => new Losses.MeanSquaredError(),
            ["MSE"] = () => new Losses.MeanSquaredError(),
            ["MeanAbsoluteError"] = () => new Losses.MeanAbsoluteError(),
            ["mean_absolute_error"] = () => new Losses.MeanAbsoluteError(),
            ["mae"] = () => new Losses.MeanAbsoluteError(),
            ["MAE"] = () => new Losses.MeanAbsoluteError(),
        };

        /// <summary>
        /// The loss named <paramref name="identifier"/>: a class name, a function name or one of
        /// Keras's aliases (<c>mse</c>, <c>mae</c>, <c>bce</c>, upper or lower case); null gives null.
        /// </summary>
        public static Loss? get(string? identifier)
        {
            if (identifier is null) return null;
            if (all_objects.TryGetValue(identifier, out var make)) return make();
            throw new ArgumentException(
                $"Could not interpret loss identifier: {identifier}. Expected one of: {string.Join(", ", all_objects.Keys)}",
                nameof(identifier));
        }

        /// <summary>
        /// Per-sample binary crossentropy, the mean over <paramref name="axis"/>. On probabilities
        /// (the torch backend's way): clip to [1e-7, 1 - 1e-7], then <c>-(y log p + (1 - y) log(1 - p))</c>.
        /// </summary>
        public static Tensor binary_crossentropy(Tensor y_true, Tensor y_pred, bool from_logits = false, double label_smoothing = 0.0, long axis = -1)
        {
            using var scope = NewDisposeScope();
            var y = y_true.to_type(y_pred.dtype);
            if (label_smoothing != 0) y = y * (1.0 - label_smoothing) + 0.5 * label_smoothing;
            if (!y.shape.SequenceEqual(y_pred.shape))
                throw new ArgumentException(
                    $"Arguments `target` and `output` must have the same shape. Received: target.shape={PythonFormat.tuple(y.shape)}, output.shape={PythonFormat.tuple(y_pred.shape)}",
                    nameof(y_true));
            var elementwise = from_logits
                ? F.binary_cross_entropy_with_logits(y_pred, y, reduction: nn.Reduction.None)
                : binary_cross_entropy_elementwise(y_pred.clamp(epsilon, 1.0 - epsilon), y);
            return elementwise.mean([axis]).MoveToOuterDisposeScope();
        }

        /// <summary>
        /// torch's binary_cross_entropy kernel, <c>(y - 1) max(log1p(-p), -100) - y max(log p, -100)</c>,
        /// as tensor ops: the same values, without the kernel's checks that p and y lie in [0, 1].
        /// So a NaN prediction gives a NaN loss (which TerminateOnNaN acts on) and labels outside
        /// [0, 1] a loss, as Keras's formula gives on other backends, instead of a libtorch error.
        /// </summary>
        private static Tensor binary_cross_entropy_elementwise(Tensor p, Tensor y) =>
            (y - 1) * p.neg().log1p_().clamp_min_(-100) - y * p.log().clamp_min_(-100);

        /// <summary>
        /// Per-sample categorical crossentropy along <paramref name="axis"/>: the prediction is divided by
        /// its sum, clipped to [1e-7, 1 - 1e-7], then <c>-sum(y log q)</c>; from logits, <c>-sum(y log_softmax)</c>.
        /// </summary>
        public static Tensor categorical_crossentropy(Tensor y_true, Tensor y_pred, bool from_logits = false, double label_smoothing = 0.0, long axis = -1)
        {
            using var scope = NewDisposeScope();
            var y = y_true.to_type(y_pred.dtype);
            if (label_smoothing != 0) y = y * (1.0 - label_smoothing) + label_smoothing / y_pred.shape[axis < 0 ? y_pred.dim() + axis : axis];
            if (!y.shape.SequenceEqual(y_pred.shape))
                throw new ArgumentException(
                    $"Arguments `target` and `output` must have the same shape. Received: target.shape={PythonFormat.tuple(y.shape)}, output.shape={PythonFormat.tuple(y_pred.shape)}",
                    nameof(y_true));
            var log_prob = log_probabilities(y_pred, from_logits, axis);
            return (-(y * log_prob).sum(axis)).MoveToOuterDisposeScope();
        }

        /// <summary>
        /// Per-sample crossentropy of integer labels (int or float tensors, shape [batch] or [batch, 1]):
        /// <c>-log q[label]</c> with q as in <see cref="categorical_crossentropy"/>.
        /// </summary>
        public static Tensor sparse_categorical_crossentropy(Tensor y_true, Tensor y_pred, bool from_logits = false, long axis = -1)
        {
            using var scope = NewDisposeScope();
            var labels = y_true;
            if (labels.dim() == y_pred.dim() && labels.shape[axis < 0 ? labels.dim() + axis : axis] == 1)
                labels = labels.squeeze(axis);
            labels = labels.to_type(ScalarType.Int64);
            var expected = y_pred.shape.Where((_, i) => i != (axis < 0 ? y_pred.dim() + axis : axis)).ToArray();
            if (!labels.shape.SequenceEqual(expected))
                throw new ArgumentException(
                    "Arguments `target` and `output` must have the same shape up until the last dimension: " +
                    $"target.shape={PythonFormat.tuple(y_true.shape)}, output.shape={PythonFormat.tuple(y_pred.shape)}",
                    nameof(y_true));
            var log_prob = log_probabilities(y_pred, from_logits, axis);
            return (-log_prob.gather(axis, labels.unsqueeze(axis)).squeeze(axis)).MoveToOuterDisposeScope();
        }

        // Keras's torch backend: log_softmax for logits; else normalise, clip to [eps, 1 - eps], log.
        private static Tensor log_probabilities(Tensor y_pred, bool from_logits, long axis) =>
            from_logits
                ? F.log_softmax(y_pred, axis)
                : (y_pred / y_pred.sum(axis, keepdim: true)).clamp(epsilon, 1.0 - epsilon).log();

        /// <summary>Per-sample mean of <c>(y_true - y_pred)^2</c> over the last axis.</summary>
        public static Tensor mean_squared_error(Tensor y_true, Tensor y_pred)
        {
            using var scope = NewDisposeScope();
            var (t, p) = Loss.squeeze_or_expand_to_same_rank(y_true.to_type(y_pred.dtype), y_pred);
            return (t - p).square().mean([-1]).MoveToOuterDisposeScope();
        }

        /// <summary>Per-sample mean of <c>|y_true - y_pred|</c> over the last axis.</summary>
        public static Tensor mean_absolute_error(Tensor y_true, Tensor y_pred)
        {
            using var scope = NewDisposeScope();
            var (t, p) = Loss.squeeze_or_expand_to_same_rank(y_true.to_type(y_pred.dtype), y_pred);
            return (t - p).abs().mean([-1]).MoveToOuterDisposeScope();
        }
    }
}
