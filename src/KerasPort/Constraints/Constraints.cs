using KerasPort.Constraints;
using KerasPort.Layers;

namespace KerasPort;

public static partial class keras
{
    /// <summary>Keras's <c>keras.constraints</c>: the weight constraints by name, <see cref="get"/>, and the lower-case aliases.</summary>
    public static partial class constraints
    {
        // Keras's table: the class names and their snake_case.
        private static readonly Dictionary<string, Func<Constraint>> all_objects = new(StringComparer.Ordinal)
        {
            ["Constraint"] = () => new Constraint(),
            ["MaxNorm"] = () => new MaxNorm(),
            ["MinMaxNorm"] = () => new MinMaxNorm(),
            ["NonNeg"] = () => new NonNeg(),
            ["UnitNorm"] = () => new UnitNorm(),
            ["constraint"] = () => new Constraint(),
            ["max_norm"] = () => new MaxNorm(),
            ["min_max_norm"] = () => new MinMaxNorm(),
            ["non_neg"] = () => new NonNeg(),
            ["unit_norm"] = () => new UnitNorm(),
        };

        /// <summary>A constraint with default arguments from its Keras name (<c>"max_norm"</c>, <c>"NonNeg"</c>, ...); null gives null.</summary>
        public static Constraint? get(string? identifier)
        {
            if (identifier is null) return null;
            if (all_objects.TryGetValue(identifier, out var make)) return make();
            throw new ArgumentException($"Could not interpret constraint identifier: {identifier}", nameof(identifier));
        }

        /// <summary><c>keras.constraints.max_norm(max_value=2, axis=0)</c>, an alias of <see cref="MaxNorm"/>.</summary>
        public static MaxNorm max_norm(double max_value = 2, Axes? axis = null) => new(max_value, axis);

        /// <summary><c>keras.constraints.min_max_norm(min_value=0.0, max_value=1.0, rate=1.0, axis=0)</c>, an alias of <see cref="MinMaxNorm"/>.</summary>
        public static MinMaxNorm min_max_norm(double min_value = 0.0, double max_value = 1.0, double rate = 1.0, Axes? axis = null) =>
            new(min_value, max_value, rate, axis);

        /// <summary><c>keras.constraints.non_neg()</c>, an alias of <see cref="NonNeg"/>.</summary>
        public static NonNeg non_neg() => new();

        /// <summary><c>keras.constraints.unit_norm(axis=0)</c>, an alias of <see cref="UnitNorm"/>.</summary>
        public static UnitNorm unit_norm(Axes? axis = null) => new(axis);
    }
}
