namespace KerasPort.Callbacks;

/// <summary>
/// The <c>_direction</c> that Keras 3's built-in metrics carry ("up" to maximize, "down" to
/// minimize), by the names those metrics have in logs: their default names, and the strings
/// <c>compile(metrics: [...])</c> accepts (Keras names the metric after the string passed).
/// A metric Keras gives no direction (a custom one) is absent, so "auto" mode raises for it.
/// </summary>
internal static class MetricDirections
{
    private static readonly Dictionary<string, string> Directions = Build();

    /// <summary>"up", "down", or null when Keras would not know.</summary>
    public static string? direction_of(string metric_name) => Directions.GetValueOrDefault(metric_name);

    private static Dictionary<string, string> Build()
    {
        string[] up =
        [
            // accuracy_metrics.py ("accuracy"/"acc" resolve to one of these, keeping the string)
            "accuracy", "acc", "binary_accuracy", "categorical_accuracy", "sparse_categorical_accuracy",
            "top_k_categorical_accuracy", "sparse_top_k_categorical_accuracy",
            // confusion_metrics.py, f_score_metrics.py, iou_metrics.py, correlation_metrics.py
            "precision", "recall", "auc", "sensitivity_at_specificity", "specificity_at_sensitivity",
            "precision_at_recall", "recall_at_precision", "fbeta_score", "f1_score",
            "iou", "binary_iou", "mean_iou", "one_hot_iou", "one_hot_mean_iou",
            "pearson_correlation", "concordance_correlation",
            // regression_metrics.py
            "cosine_similarity", "r2_score",
        ];
        string[] down =
        [
            // regression_metrics.py and the aliases of metrics/__init__.py
            "mean_squared_error", "mse", "MSE", "mean_absolute_error", "mae", "MAE",
            "mean_absolute_percentage_error", "mape", "MAPE", "mean_squared_logarithmic_error", "msle", "MSLE",
            "root_mean_squared_error", "logcosh", "log_cosh_error",
            // hinge_metrics.py, probabilistic_metrics.py (wrapped losses are "down" too)
            "hinge", "squared_hinge", "categorical_hinge",
            "binary_crossentropy", "bce", "BCE", "categorical_crossentropy", "sparse_categorical_crossentropy",
            "kl_divergence", "poisson",
        ];
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in up) table[name] = "up";
        foreach (var name in down) table[name] = "down";
        return table;
    }
}
