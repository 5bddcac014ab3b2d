namespace KerasPort.Metrics;

/// <summary>
/// How Keras 3's <c>compile</c> turns a metric string into a metric once the shapes of the labels
/// and of the output are known (<c>compile_utils.get_metric</c>): <c>"accuracy"</c> and
/// <c>"acc"</c> (any case) pick binary, sparse categorical or categorical accuracy from the shapes;
/// every other string goes to <see cref="keras.metrics.get"/>. The metric keeps the string as its
/// name, so the history key is the string that was passed.
/// </summary>
public static class MetricResolver
{
    /// <summary>The metric <c>compile</c> uses for <paramref name="identifier"/>, given the shapes it will see.</summary>
    /// <param name="identifier"><c>"accuracy"</c>, <c>"acc"</c> or any name <see cref="keras.metrics.get"/> knows.</param>
    /// <param name="y_true_shape">The shape of the labels.</param>
    /// <param name="y_pred_shape">The shape of the model's output.</param>
    /// <returns>A new metric named <paramref name="identifier"/>.</returns>
    /// <exception cref="ArgumentException">An unknown metric name.</exception>
    public static Metric get(string identifier, long[] y_true_shape, long[] y_pred_shape)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        Metric metric;
        if (identifier.ToLowerInvariant() is "accuracy" or "acc")
        {
            var (is_binary, is_sparse_categorical) = is_binary_or_sparse_categorical(y_true_shape, y_pred_shape);
            metric = is_binary ? new BinaryAccuracy(name: identifier)
                : is_sparse_categorical ? new SparseCategoricalAccuracy(name: identifier)
                : new CategoricalAccuracy(name: identifier);
        }
        else
            metric = keras.metrics.get(identifier)!;
        metric.name = identifier;
        return metric;
    }

    /// <summary>
    /// Keras's rule: binary when the output's last dimension is 1; sparse categorical when the
    /// labels have a lower rank than the output, or a last dimension of 1 against an output's
    /// last dimension above 1.
    /// </summary>
    public static (bool is_binary, bool is_sparse_categorical) is_binary_or_sparse_categorical(long[] y_true_shape, long[] y_pred_shape)
    {
        if (y_true_shape.Length == 0 || y_pred_shape.Length == 0)
            throw new ArgumentException(
                $"Expected labels and predictions of rank >= 1 to resolve \"accuracy\". Received: y_true_shape=({string.Join(", ", y_true_shape)}), y_pred_shape=({string.Join(", ", y_pred_shape)})",
                y_true_shape.Length == 0 ? nameof(y_true_shape) : nameof(y_pred_shape));
        long y_t_last = y_true_shape[^1], y_p_last = y_pred_shape[^1];
        bool is_binary = y_p_last == 1;
        bool is_sparse = y_true_shape.Length < y_pred_shape.Length || (y_t_last == 1 && y_p_last > 1);
        return (is_binary, is_sparse);
    }
}
