using KerasPort.Losses;
using KerasPort.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasPort;

public static partial class keras
{
    /// <summary>
    /// Keras's <c>keras.metrics</c>: the per-sample accuracy functions and <see cref="get"/>, which
    /// resolves Keras's class names, their snake_case names and the aliases mse/mae/mape/msle/bce.
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
                ("MeanAbsolutePercentageError", "mean_absolute_percentage_error", () => new Metrics.MeanAbsolutePercentageError()),
                ("MeanSquaredLogarithmicError", "mean_squared_logarithmic_error", () => new Metrics.MeanSquaredLogarithmicError()),
                ("RootMeanSquaredError", "root_mean_squared_error", () => new RootMeanSquaredError()),
                ("R2Score", "r2_score", () => new R2Score()),
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
                ("TopKCategoricalAccuracy", "top_k_categorical_accuracy", () => new TopKCategoricalAccuracy()),
                ("SparseTopKCategoricalAccuracy", "sparse_top_k_categorical_accuracy", () => new SparseTopKCategoricalAccuracy()),
                ("Hinge", "hinge", () => new Metrics.Hinge()),
                ("SquaredHinge", "squared_hinge", () => new Metrics.SquaredHinge()),
                ("CategoricalHinge", "categorical_hinge", () => new Metrics.CategoricalHinge()),
                ("KLDivergence", "kl_divergence", () => new Metrics.KLDivergence()),
                ("Poisson", "poisson", () => new Metrics.Poisson()),
                ("LogCoshError", "log_cosh_error", () => new LogCoshError()),
                ("CosineSimilarity", "cosine_similarity", () => new Metrics.CosineSimilarity()),
                ("F1Score", "f1_score", () => new F1Score()),
                ("FBetaScore", "f_beta_score", () => new FBetaScore()),
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
            table["mape"] = table["MAPE"] = table["MeanAbsolutePercentageError"];
            table["msle"] = table["MSLE"] = table["MeanSquaredLogarithmicError"];
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

        /// <summary>
        /// Per-sample cosine similarity of the L2-normalized labels and predictions along
        /// <paramref name="axis"/>; the norm is Keras's <c>x * min(rsqrt(sum(x^2)), 1e7)</c>.
        /// </summary>
        public static Tensor cosine_similarity(Tensor y_true, Tensor y_pred, long axis = -1)
        {
            using var scope = NewDisposeScope();
            var (t, p) = Loss.squeeze_or_expand_to_same_rank(y_true.to_type(y_pred.dtype), y_pred);
            return (l2_normalize(t, axis) * l2_normalize(p, axis)).sum(axis).MoveToOuterDisposeScope();
        }

        private static Tensor l2_normalize(Tensor x, long axis) =>
            x * x.square().sum(axis, keepdim: true).rsqrt().clamp_max(1.0 / 1e-7);

        /// <summary>1 where the one-hot label's class is among the <paramref name="k"/> highest predictions, per sample.</summary>
        public static Tensor top_k_categorical_accuracy(Tensor y_true, Tensor y_pred, int k = 5)
        {
            using var scope = NewDisposeScope();
            var labels = y_true.to_type(y_pred.dtype).argmax(-1);
            return in_top_k(labels, y_pred, k).MoveToOuterDisposeScope();
        }

        /// <summary>
        /// 1 where the integer label is among the <paramref name="k"/> highest predictions, per sample;
        /// with <paramref name="from_sorted_ids"/>, where it is in the first k columns of <paramref name="y_pred"/>.
        /// </summary>
        public static Tensor sparse_top_k_categorical_accuracy(Tensor y_true, Tensor y_pred, int k = 5, bool from_sorted_ids = false)
        {
            using var scope = NewDisposeScope();
            var labels = from_sorted_ids ? y_true.to_type(y_pred.dtype) : y_true.to_type(ScalarType.Int32);
            // Keras drops the labels' trailing axis of 1 only through its reshape: a [batch, 1] label matches per sample.
            if (!from_sorted_ids) return in_top_k(labels, y_pred, k).MoveToOuterDisposeScope();
            var shape = labels.shape;
            var flat_pred = y_pred.dim() > 2 ? y_pred.reshape(-1, y_pred.shape[^1]) : y_pred;
            var flat_labels = labels.dim() > 1 ? labels.reshape(-1) : labels;
            var matches = flat_labels.unsqueeze(1).eq(flat_pred[.., ..k]).any(1).to_type(ScalarType.Float32);
            return (labels.dim() > 1 ? matches.reshape(shape) : matches).MoveToOuterDisposeScope();
        }

        /// <summary>Keras's torch <c>in_top_k</c> on flattened rows: the label's score is at least the k-th highest score.</summary>
        private static Tensor in_top_k(Tensor labels, Tensor y_pred, int k)
        {
            var shape = labels.shape;
            var flat_pred = y_pred.dim() > 2 ? y_pred.reshape(-1, y_pred.shape[^1]) : y_pred;
            var flat_labels = (labels.dim() > 1 ? labels.reshape(-1) : labels).to_type(ScalarType.Int64);
            var top = flat_pred.topk(Math.Min(k, (int)flat_pred.shape[^1])).values;
            var label_values = flat_pred.gather(-1, flat_labels.unsqueeze(1));
            var matches = (label_values >= top).any(-1).to_type(ScalarType.Float32);
            return labels.dim() > 1 ? matches.reshape(shape) : matches;
        }
    }
}
