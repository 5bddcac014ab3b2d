using KerasPort.Optimizers;

namespace KerasPort;

public static partial class keras
{
    /// <summary>Keras's <c>keras.optimizers</c>: <see cref="get"/> by name.</summary>
    public static partial class optimizers
    {
        private static readonly Dictionary<string, Func<Optimizer>> all_objects = new(StringComparer.Ordinal)
        {
            ["adadelta"] = () => new Adadelta(),
            ["adagrad"] = () => new Adagrad(),
            ["adam"] = () => new Adam(),
            ["adamax"] = () => new Adamax(),
            ["adamw"] = () => new AdamW(),
            ["ftrl"] = () => new Ftrl(),
            ["lion"] = () => new Lion(),
            ["nadam"] = () => new Nadam(),
            ["rmsprop"] = () => new RMSprop(),
            ["sgd"] = () => new SGD(),
        };

        /// <summary>
        /// A new optimizer with default arguments from its class name, case-insensitive as in Keras
        /// (<c>"adam"</c>, <c>"Adam"</c>, <c>"sgd"</c>, <c>"rmsprop"</c>, <c>"adamw"</c>, <c>"adagrad"</c>,
        /// <c>"adadelta"</c>, <c>"adamax"</c>, <c>"nadam"</c>, <c>"lion"</c>, <c>"ftrl"</c>).
        /// </summary>
        public static Optimizer get(string identifier)
        {
            ArgumentNullException.ThrowIfNull(identifier);
            if (all_objects.TryGetValue(identifier.ToLowerInvariant(), out var make)) return make();
            throw new ArgumentException(
                $"Could not interpret optimizer identifier: {identifier}. Expected one of: {string.Join(", ", all_objects.Keys)}",
                nameof(identifier));
        }
    }
}
