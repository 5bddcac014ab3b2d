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
            ["Hinge"] = () => new Losses.Hinge(),
            ["hinge"] = () => new Losses.Hinge(),
            ["SquaredHinge"] = () => new Losses.SquaredHinge(),
            ["squared_hinge"] = () => new Losses.SquaredHinge(),
            ["CategoricalHinge"] = () => new Losses.CategoricalHinge(),
            ["categorical_hinge"] = () => new Losses.CategoricalHinge(),
            ["Huber"] = () => new Huber(),
            // Keras resolves the function names to the functions, which compile wraps under the function's name.
            ["huber"] = () => new Huber(name: "huber"),
            ["LogCosh"] = () => new LogCosh(),
            ["log_cosh"] = () => new LogCosh(),
            ["KLDivergence"] = () => new Losses.KLDivergence(),
            ["kl_divergence"] = () => new Losses.KLDivergence(),
            ["kld"] = () => new Losses.KLDivergence(),
            ["KLD"] = () => new Losses.KLDivergence(),
            ["Poisson"] = () => new Losses.Poisson(),
            ["poisson"] = () => new Losses.Poisson(),
            ["CosineSimilarity"] = () => new Losses.CosineSimilarity(),
            ["cosine_similarity"] = () => new Losses.CosineSimilarity(),
            ["MeanAbsoluteError"] = () => new Losses.MeanAbsoluteError(),
            ["mean_absolute_error"] = () => new Losses.MeanAbsoluteError(),
            ["mae"] = () => new Losses.MeanAbsoluteError(),
            ["MAE"] = () => new Losses.MeanAbsoluteError(),
            ["MeanAbsolutePercentageError"] = () => new Losses.MeanAbsolutePercentageError(),
            ["mean_absolute_percentage_error"] = () => new Losses.MeanAbsolutePercentageError(),
            ["mape"] = () => new Losses.MeanAbsolutePercentageError(),
            ["MAPE"] = () => new Losses.MeanAbsolutePercentageError(),
            ["MeanSquaredLogarithmicError"] = () => new Losses.MeanSquaredLogarithmicError(),
            ["mean_squared_logarithmic_error"] = () => new Losses.MeanSquaredLogarithmicError(),
            ["msle"] = () => new Losses.MeanSquaredLogarithmicError(),
            ["MSLE"] = () => new Losses.MeanSquaredLogarithmicError(),
        };

        /// <summary>
        /// The loss named <paramref name="identifier"/>: a class name, a function name or one of
        /// Keras's aliases (<c>mse</c>, <c>mae</c>, <c>mape</c>, <c>msle</c>, <c>bce</c>, upper or lower case); null gives null.
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

        /// <summary>
        /// Per-sample mean absolute percentage error: <c>100 * mean(|(y_true - y_pred) / max(|y_true|, 1e-7)|)</c>
        /// over the last axis (a zero label divides by 1e-7, as in Keras).
        /// </summary>
        public static Tensor mean_absolute_percentage_error(Tensor y_true, Tensor y_pred)
        {
            using var scope = NewDisposeScope();
            var (t, p) = Loss.squeeze_or_expand_to_same_rank(y_true.to_type(y_pred.dtype), y_pred);
            return ((t - p) / t.abs().clamp_min(epsilon)).abs().mean([-1]).mul_(100.0).MoveToOuterDisposeScope();
        }

        /// <summary>
        /// Per-sample mean squared logarithmic error: <c>mean((log(max(y_pred, 1e-7) + 1) - log(max(y_true, 1e-7) + 1))^2)</c>
        /// over the last axis (values at or below 0 count as 1e-7, as in Keras).
        /// </summary>
        public static Tensor mean_squared_logarithmic_error(Tensor y_true, Tensor y_pred)
        {
            using var scope = NewDisposeScope();
            var (t, p) = Loss.squeeze_or_expand_to_same_rank(y_true.to_type(y_pred.dtype), y_pred);
            var first_log = p.clamp_min(epsilon).add_(1.0).log_();
            var second_log = t.clamp_min(epsilon).add_(1.0).log_();
            return first_log.sub_(second_log).square().mean([-1]).MoveToOuterDisposeScope();
        }

        /// <summary>Keras's <c>convert_binary_labels_to_hinge</c>: labels that are all 0 or 1 become -1 or 1; others stay.</summary>
        private static Tensor hinge_labels(Tensor y_true)
        {
            bool is_binary = y_true.eq(0).logical_or_(y_true.eq(1)).all().item<bool>();
            return is_binary ? 2.0 * y_true - 1.0 : y_true;
        }

        /// <summary>Per-sample hinge loss: <c>mean(maximum(1 - y_true * y_pred, 0))</c> over the last axis.</summary>
        public static Tensor hinge(Tensor y_true, Tensor y_pred)
        {
            using var scope = NewDisposeScope();
            var t = hinge_labels(y_true.to_type(y_pred.dtype));
            return (1.0 - t * y_pred).clamp_min_(0).mean([-1]).MoveToOuterDisposeScope();
        }

        /// <summary>Per-sample squared hinge loss: <c>mean(square(maximum(1 - y_true * y_pred, 0)))</c> over the last axis.</summary>
        public static Tensor squared_hinge(Tensor y_true, Tensor y_pred)
        {
            using var scope = NewDisposeScope();
            var t = hinge_labels(y_true.to_type(y_pred.dtype));
            return (1.0 - t * y_pred).clamp_min_(0).square().mean([-1]).MoveToOuterDisposeScope();
        }

        /// <summary>Per-sample categorical hinge loss: <c>maximum(neg - pos + 1, 0)</c> over the last axis.</summary>
        public static Tensor categorical_hinge(Tensor y_true, Tensor y_pred)
        {
            using var scope = NewDisposeScope();
            var t = y_true.to_type(y_pred.dtype);
            var pos = (t * y_pred).sum(-1);
            var neg = ((1.0 - t) * y_pred).amax(-1);
            return (neg - pos + 1.0).clamp_min_(0).MoveToOuterDisposeScope();
        }

        /// <summary>Per-sample Huber loss with threshold <paramref name="delta"/>, averaged over the last axis.</summary>
        public static Tensor huber(Tensor y_true, Tensor y_pred, double delta = 1.0)
        {
            using var scope = NewDisposeScope();
            var (t, p) = Loss.squeeze_or_expand_to_same_rank(y_true.to_type(y_pred.dtype), y_pred);
            var d = torch.tensor(delta, y_pred.dtype, y_pred.device);
            var error = p - t;
            var abs_error = error.abs();
            var quadratic = 0.5f * error.square();
            var linear = d * abs_error - 0.5f * d.square();
            return torch.where(abs_error <= d, quadratic, linear).mean([-1]).MoveToOuterDisposeScope();
        }

        /// <summary>Per-sample log-cosh loss: the mean over the last axis of <c>x + softplus(-2x) - log 2</c>, x = y_pred - y_true.</summary>
        public static Tensor log_cosh(Tensor y_true, Tensor y_pred)
        {
            using var scope = NewDisposeScope();
            var (t, p) = Loss.squeeze_or_expand_to_same_rank(y_true.to_type(y_pred.dtype), y_pred);
            var x = p - t;
            var log2 = torch.tensor(Math.Log(2.0), y_pred.dtype, y_pred.device);
            return (x + F.softplus(x * -2.0) - log2).mean([-1]).MoveToOuterDisposeScope();
        }

        /// <summary>Per-sample Kullback-Leibler divergence: <c>sum(y_true * log(y_true / y_pred))</c> over the last axis, both clipped to [1e-7, 1].</summary>
        public static Tensor kl_divergence(Tensor y_true, Tensor y_pred)
        {
            using var scope = NewDisposeScope();
            var t = y_true.to_type(y_pred.dtype).clamp(epsilon, 1);
            var p = y_pred.clamp(epsilon, 1);
            return (t * (t / p).log()).sum(-1).MoveToOuterDisposeScope();
        }

        /// <summary>Per-sample Poisson loss: <c>mean(y_pred - y_true * log(y_pred + 1e-7))</c> over the last axis.</summary>
        public static Tensor poisson(Tensor y_true, Tensor y_pred)
        {
            using var scope = NewDisposeScope();
            var t = y_true.to_type(y_pred.dtype);
            var eps = torch.tensor(epsilon, y_pred.dtype, y_pred.device);
            return (y_pred - t * (y_pred + eps).log()).mean([-1]).MoveToOuterDisposeScope();
        }

        /// <summary>
        /// Per-sample cosine similarity loss: <c>-sum(l2_normalize(y_true) * l2_normalize(y_pred))</c>
        /// along <paramref name="axis"/> (Keras's loss is the negated similarity; the metric is not negated).
        /// </summary>
        public static Tensor cosine_similarity(Tensor y_true, Tensor y_pred, long axis = -1)
        {
            using var scope = NewDisposeScope();
            return (-keras.metrics.cosine_similarity(y_true, y_pred, axis)).MoveToOuterDisposeScope();
        }
    }
}
