using TorchSharp;
using static TorchSharp.torch;

namespace KerasPort;

public static partial class keras
{
    /// <summary>Keras's <c>keras.utils</c>: here, the numerical helpers of <c>numerical_utils.py</c>.</summary>
    public static partial class utils
    {
        /// <summary>
        /// Keras's <c>to_categorical</c>: class indices to one-hot rows, the class axis last. A trailing
        /// axis of size 1 is dropped first (<c>[n, 1]</c> gives <c>[n, num_classes]</c>);
        /// <paramref name="num_classes"/> defaults to <c>max(y) + 1</c>. Integer or integral float
        /// labels; the result is float32 (Keras gives float64 for numpy input, floatx here).
        /// </summary>
        public static Tensor to_categorical(Tensor y, long? num_classes = null)
        {
            ArgumentNullException.ThrowIfNull(y);
            using var scope = NewDisposeScope();
            var shape = y.shape;
            if (shape.Length > 1 && shape[^1] == 1) shape = shape[..^1];
            var labels = y.to_type(ScalarType.Float64).reshape(-1);
            if (labels.numel() > 0 && !labels.eq(labels.floor()).all().item<bool>())
                throw new ArgumentException("Invalid value received for argument y. Expected integer class indices. Received non-integer values.", nameof(y));
            var index = labels.to_type(ScalarType.Int64);
            long min = index.numel() > 0 ? index.min().item<long>() : 0;
            long max = index.numel() > 0 ? index.max().item<long>() : -1;
            // Keras (numpy) infers when num_classes is None or 0.
            long classes = num_classes is long n && n != 0 ? n : max + 1;
            if (classes <= 0)
                throw new ArgumentException($"Invalid value received for argument num_classes. Expected a positive integer. Received: num_classes={classes}", nameof(num_classes));
            if (min < 0 || max >= classes)
                throw new ArgumentException(
                    $"Invalid value received for argument y. Expected class indices between 0 and {classes - 1} (num_classes={classes}). Received values from {min} to {max}.",
                    nameof(y));
            var categorical = zeros(index.shape[0], classes);
            if (index.numel() > 0) categorical.scatter_(1, index.unsqueeze(1), ones(index.shape[0], 1));
            return categorical.reshape([.. shape, classes]).MoveToOuterDisposeScope();
        }

        /// <summary><see cref="to_categorical(Tensor, long?)"/> of a list of class indices: <c>to_categorical([0, 1, 2, 3], num_classes: 4)</c>.</summary>
        public static Tensor to_categorical(long[] y, long? num_classes = null)
        {
            using var t = tensor(y);
            return to_categorical(t, num_classes);
        }

        /// <summary>
        /// Keras's <c>normalize</c>: divides by the <paramref name="order"/>-norm along
        /// <paramref name="axis"/>; zero vectors are left at zero (their norm counts as 1).
        /// </summary>
        public static Tensor normalize(Tensor x, long axis = -1, int order = 2)
        {
            if (order < 1)
                throw new ArgumentException($"Argument `order` must be an int >= 1. Received: order={order}", nameof(order));
            using var scope = NewDisposeScope();
            var norm = linalg.vector_norm(x, order, [axis], keepdim: true);
            norm = where(norm == 0, ones_like(norm), norm);
            return (x / norm).MoveToOuterDisposeScope();
        }
    }
}
