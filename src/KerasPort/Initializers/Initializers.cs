using KerasPort.Initializers;

namespace KerasPort;

public static partial class keras
{
    /// <summary>
    /// Keras's <c>keras.initializers</c>: the snake_case factories (<c>glorot_uniform()</c>, ...)
    /// and <see cref="get"/>, which resolves Keras's class names, snake_case names and aliases.
    /// </summary>
    public static partial class initializers
    {
        private static readonly Dictionary<string, Func<Initializer>> all_objects = build_table();

        private static Dictionary<string, Func<Initializer>> build_table()
        {
            var classes = new (string name, string snake, Func<Initializer> make)[]
            {
                ("Constant", "constant", () => new Constant()),
                ("Identity", "identity", () => new Identity()),
                ("Ones", "ones", () => new Ones()),
                ("Zeros", "zeros", () => new Zeros()),
                ("GlorotNormal", "glorot_normal", () => new GlorotNormal()),
                ("GlorotUniform", "glorot_uniform", () => new GlorotUniform()),
                ("HeNormal", "he_normal", () => new HeNormal()),
                ("HeUniform", "he_uniform", () => new HeUniform()),
                ("LecunNormal", "lecun_normal", () => new LecunNormal()),
                ("LecunUniform", "lecun_uniform", () => new LecunUniform()),
                ("Orthogonal", "orthogonal", () => new Orthogonal()),
                ("RandomNormal", "random_normal", () => new RandomNormal()),
                ("RandomUniform", "random_uniform", () => new RandomUniform()),
                ("TruncatedNormal", "truncated_normal", () => new TruncatedNormal()),
                ("VarianceScaling", "variance_scaling", () => new VarianceScaling()),
            };
            var table = new Dictionary<string, Func<Initializer>>();
            foreach (var (name, snake, make) in classes)
            {
                table[name] = make;
                table[snake] = make;
            }
            // Keras's aliases, kept for compatibility.
            table["IdentityInitializer"] = table["Identity"];
            table["OrthogonalInitializer"] = table["Orthogonal"];
            table["normal"] = table["RandomNormal"];
            table["uniform"] = table["RandomUniform"];
            table["one"] = table["Ones"];
            table["zero"] = table["Zeros"];
            return table;
        }

        /// <summary>A new initializer with default arguments from its Keras name (case-sensitive); null gives null.</summary>
        public static Initializer? get(string? identifier)
        {
            if (identifier is null) return null;
            if (all_objects.TryGetValue(identifier, out var make)) return make();
            throw new ArgumentException(
                $"Could not interpret initializer identifier: {identifier}. " +
                $"Expected one of: {string.Join(", ", all_objects.Keys.Order(StringComparer.Ordinal))}. Received: identifier={identifier}",
                nameof(identifier));
        }

        public static Constant constant(double value = 0.0) => new(value);
        public static Identity identity(double gain = 1.0) => new(gain);
        public static Ones ones() => new();
        public static Zeros zeros() => new();
        public static GlorotNormal glorot_normal(long? seed = null, int[]? input_axes = null, int[]? output_axes = null) => new(seed, input_axes, output_axes);
        public static GlorotUniform glorot_uniform(long? seed = null, int[]? input_axes = null, int[]? output_axes = null) => new(seed, input_axes, output_axes);
        public static HeNormal he_normal(long? seed = null, int[]? input_axes = null, int[]? output_axes = null) => new(seed, input_axes, output_axes);
        public static HeUniform he_uniform(long? seed = null, int[]? input_axes = null, int[]? output_axes = null) => new(seed, input_axes, output_axes);
        public static LecunNormal lecun_normal(long? seed = null, int[]? input_axes = null, int[]? output_axes = null) => new(seed, input_axes, output_axes);
        public static LecunUniform lecun_uniform(long? seed = null, int[]? input_axes = null, int[]? output_axes = null) => new(seed, input_axes, output_axes);
        public static Orthogonal orthogonal(double gain = 1.0, long? seed = null) => new(gain, seed);
        public static RandomNormal random_normal(double mean = 0.0, double stddev = 0.05, long? seed = null) => new(mean, stddev, seed);
        public static RandomUniform random_uniform(double minval = -0.05, double maxval = 0.05, long? seed = null) => new(minval, maxval, seed);
        public static TruncatedNormal truncated_normal(double mean = 0.0, double stddev = 0.05, long? seed = null) => new(mean, stddev, seed);

        public static VarianceScaling variance_scaling(double scale = 1.0, string mode = "fan_in", string distribution = "truncated_normal",
                                                       long? seed = null, int[]? input_axes = null, int[]? output_axes = null) =>
            new(scale, mode, distribution, seed, input_axes, output_axes);
    }
}
