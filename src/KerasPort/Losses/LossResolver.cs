using KerasPort.Metrics;

namespace KerasPort.Losses;

/// <summary>
/// How Keras 3's <c>compile</c> turns a loss string into a loss once the shapes of the labels and
/// of the output are known (<c>compile_utils.get_loss</c>): <c>"crossentropy"</c> and <c>"ce"</c>
/// (any case) pick binary, sparse categorical or categorical crossentropy by the same shape rule
/// as <c>"accuracy"</c> (see <see cref="MetricResolver.is_binary_or_sparse_categorical"/>) and are
/// named by the string; every other string goes to <see cref="keras.losses.get"/>.
/// </summary>
public static class LossResolver
{
    /// <summary>The loss <c>compile</c> uses for <paramref name="identifier"/>, given the shapes it will see.</summary>
    /// <param name="identifier">A loss name such as <c>"crossentropy"</c>, <c>"ce"</c> or any name <see cref="keras.losses.get"/> knows.</param>
    /// <param name="y_true_shape">The shape of the labels.</param>
    /// <param name="y_pred_shape">The shape of the model's output.</param>
    /// <returns>The resolved loss, named <paramref name="identifier"/> for the crossentropy shorthands.</returns>
    /// <exception cref="ArgumentException">An unknown loss name.</exception>
    public static Loss get(string identifier, long[] y_true_shape, long[] y_pred_shape)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        if (identifier.ToLowerInvariant() is not ("crossentropy" or "ce"))
            return keras.losses.get(identifier)!;
        var (is_binary, is_sparse_categorical) = MetricResolver.is_binary_or_sparse_categorical(y_true_shape, y_pred_shape);
        return is_binary ? new BinaryCrossentropy(name: identifier)
            : is_sparse_categorical ? new SparseCategoricalCrossentropy(name: identifier)
            : new CategoricalCrossentropy(name: identifier);
    }
}
