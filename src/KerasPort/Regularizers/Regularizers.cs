using KerasPort.Regularizers;

namespace KerasPort;

public static partial class keras
{
    /// <summary>Keras's <c>keras.regularizers</c>: the lower-case factories and <see cref="get"/>.</summary>
    public static partial class regularizers
    {
        // Exactly Keras's table: class names and to_snake_case of them ("L1L2" gives "l1l2", so
        // "l1_l2" is not a valid identifier in Keras 3).
        private static readonly Dictionary<string, Func<Regularizer>> all_objects = new(StringComparer.Ordinal)
        {
            ["L1"] = () => new L1(),
            ["L1L2"] = () => new L1L2(),
            ["L2"] = () => new L2(),
            ["OrthogonalRegularizer"] = () => new OrthogonalRegularizer(),
            ["Regularizer"] = () => new Regularizer(),
            ["l1"] = () => new L1(),
            ["l1l2"] = () => new L1L2(),
            ["l2"] = () => new L2(),
            ["orthogonal_regularizer"] = () => new OrthogonalRegularizer(),
            ["regularizer"] = () => new Regularizer(),
        };

        /// <summary>The identifiers <see cref="get"/> accepts (Keras's <c>ALL_OBJECTS_DICT</c> keys).</summary>
        internal static IReadOnlyCollection<string> all_object_names => all_objects.Keys;

        /// <summary>A regularizer with default arguments from its Keras identifier (case-sensitive); null gives null.</summary>
        public static Regularizer? get(string? identifier)
        {
            if (identifier is null) return null;
            if (all_objects.TryGetValue(identifier, out var make)) return make();
            throw new ArgumentException(
                $"Could not interpret regularizer identifier: {identifier}. Expected one of: {string.Join(", ", all_objects.Keys)}",
                nameof(identifier));
        }

        /// <summary><c>keras.regularizers.l1(l1=0.01)</c>.</summary>
        public static L1 l1(double? l1 = 0.01) => new(l1);

        /// <summary><c>keras.regularizers.l2(l2=0.01)</c>.</summary>
        public static L2 l2(double? l2 = 0.01) => new(l2);

        /// <summary><c>keras.regularizers.l1_l2(l1=0.0, l2=0.0)</c>, an alias of <see cref="L1L2"/>.</summary>
        public static L1L2 l1_l2(double? l1 = 0.0, double? l2 = 0.0) => new(l1, l2);

        /// <summary><c>keras.regularizers.orthogonal_regularizer(factor=0.01, mode="rows")</c>.</summary>
        public static OrthogonalRegularizer orthogonal_regularizer(double? factor = 0.01, string? mode = "rows") => new(factor, mode);
    }
}
