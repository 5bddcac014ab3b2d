using KerasPort.Losses;
using KerasPort.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasPort;

public static partial class keras
{
    /// <summary>
    /// Keras's <c>keras.metrics</c>: the per-sample accuracy functions and <see cref="get"/>, which
    /// resolves Keras's class names, their snake_case names and the aliases mse/mae/bce.
    /// </summary>
    public static partial class metrics
    {
        private static readonly Dictionary<string, Func<Metric>> all_objects = build_table();

        private static Dictionary<string, Func<Metric>> build_table()
        {
            var classes = new (string name, string snake, Func<Metric> make)[]
            {
                ("Mean", "mean", () => new Mean()),
                ("Sum", "sum", () => new Sum()),
                ("MeanSquaredError", "mean_squared_error", () => new Metrics.MeanSquaredError()),
                ("MeanAbsoluteError", "mean_absolute_error", () => new Metrics.MeanAbsoluteError()),
                ("AUC", "auc", () => new AUC()),
                ("Precision", "precision", () => new Precision()),
                ("Recall", "recall", () => new Recall()),
                ("BinaryCrossentropy", "binary_crossentropy", () => new Metrics.BinaryCrossentropy()),
                ("CategoricalCrossentropy", "categorical_crossentropy", () => new Metrics.CategoricalCrossentropy()),
                ("SparseCategoricalCrossentropy", "sparse_categorical_crossentropy", () => new Metrics.SparseCategoricalCrossentropy()),
                ("Accuracy", "accuracy", () => new Accuracy()),
                ("BinaryAccuracy", "binary_accuracy", () => new BinaryAccuracy()),
                ("CategoricalAccuracy", "categorical_accuracy", () => new CategoricalAccuracy()),
                ("SparseCategoricalAccuracy", "sparse_categorical_accuracy", () => new SparseCategoricalAccuracy()),
            };
            var table = new Dictionary<string, Func<Metric>>(StringComparer.Ordinal);
            foreach (var (name, snake, make) in classes)
            {
                table[name] = make;
                table[snake] = make;
            }
            table["bce"] = table["BCE"] = table["BinaryCrossentropy"];
            table["mse"] = table["MSE"] = table["MeanSquaredError"];
            table["mae"] = table["MAE"] = table["MeanAbsoluteError"];
            return table;
        }

        /// <summary>
        /// A new metric with default arguments from its Keras identifier (case-sensitive), named by the
        /// class's default name as in Keras (<c>"mae"</c> gives <c>mean_absolute_error</c>; compile renames
        /// it, see <see cref="MetricResolver"/>); null gives null.
        /// </summary>
        public static Metric? get(string? identifier)
        {
            if (identifier is null) return null;
            if (all_objects.TryGetValue(identifier, out var make)) return make();
            throw new ArgumentException(
                $"Could not interpret metric identifier: {identifier}. Expected one of: {string.Join(", ", all_objects.Keys)}",
                nameof(identifier));
        }

        /// <summary>1 where the prediction equals the label exactly, per element (float32).</summary>
        public static Tensor accuracy(Tensor y_true, Tensor y_pred)
        {
            using var scope = NewDisposeScope();
            var (t, p) = Loss.squeeze_or_expand_to_same_rank(y_true.to_type(y_pred.dtype), y_pred);
            return t.eq(p).to_type(ScalarType.Float32).MoveToOuterDisposeScope();
        }

        /// <summary>1 where <c>(y_pred &gt; threshold)</c> equals the label, per element (float32).</summary>
        public static Tensor binary_accuracy(Tensor y_true, Tensor y_pred, double threshold = 0.5)
        {
            using var scope = NewDisposeScope();
            var (t, p) = Loss.squeeze_or_expand_to_same_rank(y_true, y_pred);
            // Keras compares in the label's dtype: the thresholded prediction is cast to it.
            var predicted = p.gt(threshold).to_type(t.dtype);
            return t.eq(predicted).to_type(ScalarType.Float32).MoveToOuterDisposeScope();
        }

        /// <summary>1 where the argmax of the (one-hot) label equals the argmax of the prediction.</summary>
        public static Tensor categorical_accuracy(Tensor y_true, Tensor y_pred)
        {
            using var scope = NewDisposeScope();
            var t = y_true.argmax(-1).to_type(y_pred.dtype);
            var original_shape = t.shape;
            bool reshape_matches = t.dim() == y_pred.dim();
            if (reshape_matches) t = t.squeeze(-1);
            var p = y_pred.argmax(-1).to_type(t.dtype);
            var matches = t.eq(p).to_type(ScalarType.Float32);
            if (reshape_matches) matches = matches.reshape(original_shape);
            return matches.MoveToOuterDisposeScope();
        }

        /// <summary>1 where the integer label (shape [batch] or [batch, 1]) equals the argmax of the prediction.</summary>
        public static Tensor sparse_categorical_accuracy(Tensor y_true, Tensor y_pred)
        {
            using var scope = NewDisposeScope();
            var t = y_true.to_type(y_pred.dtype);
            var original_shape = t.shape;
            bool reshape_matches = t.dim() == y_pred.dim() && t.shape[^1] == 1;
            if (reshape_matches) t = t.squeeze(-1);
            var p = y_pred.argmax(-1).to_type(t.dtype);
            var matches = t.eq(p).to_type(ScalarType.Float32);
            if (reshape_matches) matches = matches.reshape(original_shape);
            if (matches.dim() > 1 && matches.shape[^1] == 1) matches = matches.squeeze(-1);
            return matches.MoveToOuterDisposeScope();
        }
    }
}
