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

        /// <summary>Keras's <c>keras.initializers.constant(...)</c>: a new <see cref="Constant"/>.</summary>
        /// <param name="value">The fill value. Default 0.</param>
        /// <returns>The initializer, to pass as a layer's <c>kernel_initializer</c> or <c>bias_initializer</c>.</returns>
        public static Constant constant(double value = 0.0) => new(value);

        /// <summary>Keras's <c>keras.initializers.identity(...)</c>: a new <see cref="Identity"/>.</summary>
        /// <param name="gain">The factor on the identity matrix. Default 1.0.</param>
        /// <returns>The initializer, to pass as a layer's <c>kernel_initializer</c> or <c>bias_initializer</c>.</returns>
        public static Identity identity(double gain = 1.0) => new(gain);

        /// <summary>Keras's <c>keras.initializers.ones(...)</c>: a new <see cref="Ones"/>.</summary>
        /// <returns>The initializer, to pass as a layer's <c>kernel_initializer</c> or <c>bias_initializer</c>.</returns>
        public static Ones ones() => new();

        /// <summary>Keras's <c>keras.initializers.zeros(...)</c>: a new <see cref="Zeros"/>.</summary>
        /// <returns>The initializer, to pass as a layer's <c>kernel_initializer</c> or <c>bias_initializer</c>.</returns>
        public static Zeros zeros() => new();

        /// <summary>Keras's <c>keras.initializers.glorot_normal(...)</c>: a new <see cref="GlorotNormal"/>.</summary>
        /// <param name="seed">A seed for reproducible draws; null (default) draws one at construction from Python's <c>random</c>, which <c>keras.utils.set_random_seed</c> seeds.</param>
        /// <param name="input_axes">The axes whose sizes multiply into the fan-in, given together with <paramref name="output_axes"/>; null (default) applies Keras's rule to the shape.</param>
        /// <param name="output_axes">The axes whose sizes multiply into the fan-out, given together with <paramref name="input_axes"/>; null (default) applies Keras's rule to the shape.</param>
        /// <returns>The initializer, to pass as a layer's <c>kernel_initializer</c> or <c>bias_initializer</c>.</returns>
        public static GlorotNormal glorot_normal(long? seed = null, int[]? input_axes = null, int[]? output_axes = null) => new(seed, input_axes, output_axes);

        /// <summary>Keras's <c>keras.initializers.glorot_uniform(...)</c>: a new <see cref="GlorotUniform"/>.</summary>
        /// <param name="seed">A seed for reproducible draws; null (default) draws one at construction from Python's <c>random</c>, which <c>keras.utils.set_random_seed</c> seeds.</param>
        /// <param name="input_axes">The axes whose sizes multiply into the fan-in, given together with <paramref name="output_axes"/>; null (default) applies Keras's rule to the shape.</param>
        /// <param name="output_axes">The axes whose sizes multiply into the fan-out, given together with <paramref name="input_axes"/>; null (default) applies Keras's rule to the shape.</param>
        /// <returns>The initializer, to pass as a layer's <c>kernel_initializer</c> or <c>bias_initializer</c>.</returns>
        public static GlorotUniform glorot_uniform(long? seed = null, int[]? input_axes = null, int[]? output_axes = null) => new(seed, input_axes, output_axes);

        /// <summary>Keras's <c>keras.initializers.he_normal(...)</c>: a new <see cref="HeNormal"/>.</summary>
        /// <param name="seed">A seed for reproducible draws; null (default) draws one at construction from Python's <c>random</c>, which <c>keras.utils.set_random_seed</c> seeds.</param>
        /// <param name="input_axes">The axes whose sizes multiply into the fan-in, given together with <paramref name="output_axes"/>; null (default) applies Keras's rule to the shape.</param>
        /// <param name="output_axes">The axes whose sizes multiply into the fan-out, given together with <paramref name="input_axes"/>; null (default) applies Keras's rule to the shape.</param>
        /// <returns>The initializer, to pass as a layer's <c>kernel_initializer</c> or <c>bias_initializer</c>.</returns>
        public static HeNormal he_normal(long? seed = null, int[]? input_axes = null, int[]? output_axes = null) => new(seed, input_axes, output_axes);

        /// <summary>Keras's <c>keras.initializers.he_uniform(...)</c>: a new <see cref="HeUniform"/>.</summary>
        /// <param name="seed">A seed for reproducible draws; null (default) draws one at construction from Python's <c>random</c>, which <c>keras.utils.set_random_seed</c> seeds.</param>
        /// <param name="input_axes">The axes whose sizes multiply into the fan-in, given together with <paramref name="output_axes"/>; null (default) applies Keras's rule to the shape.</param>
        /// <param name="output_axes">The axes whose sizes multiply into the fan-out, given together with <paramref name="input_axes"/>; null (default) applies Keras's rule to the shape.</param>
        /// <returns>The initializer, to pass as a layer's <c>kernel_initializer</c> or <c>bias_initializer</c>.</returns>
        public static HeUniform he_uniform(long? seed = null, int[]? input_axes = null, int[]? output_axes = null) => new(seed, input_axes, output_axes);

        /// <summary>Keras's <c>keras.initializers.lecun_normal(...)</c>: a new <see cref="LecunNormal"/>.</summary>
        /// <param name="seed">A seed for reproducible draws; null (default) draws one at construction from Python's <c>random</c>, which <c>keras.utils.set_random_seed</c> seeds.</param>
        /// <param name="input_axes">The axes whose sizes multiply into the fan-in, given together with <paramref name="output_axes"/>; null (default) applies Keras's rule to the shape.</param>
        /// <param name="output_axes">The axes whose sizes multiply into the fan-out, given together with <paramref name="input_axes"/>; null (default) applies Keras's rule to the shape.</param>
        /// <returns>The initializer, to pass as a layer's <c>kernel_initializer</c> or <c>bias_initializer</c>.</returns>
        public static LecunNormal lecun_normal(long? seed = null, int[]? input_axes = null, int[]? output_axes = null) => new(seed, input_axes, output_axes);

        /// <summary>Keras's <c>keras.initializers.lecun_uniform(...)</c>: a new <see cref="LecunUniform"/>.</summary>
        /// <param name="seed">A seed for reproducible draws; null (default) draws one at construction from Python's <c>random</c>, which <c>keras.utils.set_random_seed</c> seeds.</param>
        /// <param name="input_axes">The axes whose sizes multiply into the fan-in, given together with <paramref name="output_axes"/>; null (default) applies Keras's rule to the shape.</param>
        /// <param name="output_axes">The axes whose sizes multiply into the fan-out, given together with <paramref name="input_axes"/>; null (default) applies Keras's rule to the shape.</param>
        /// <returns>The initializer, to pass as a layer's <c>kernel_initializer</c> or <c>bias_initializer</c>.</returns>
        public static LecunUniform lecun_uniform(long? seed = null, int[]? input_axes = null, int[]? output_axes = null) => new(seed, input_axes, output_axes);

        /// <summary>Keras's <c>keras.initializers.orthogonal(...)</c>: a new <see cref="Orthogonal"/>.</summary>
        /// <param name="gain">The factor on the orthogonal matrix. Default 1.0.</param>
        /// <param name="seed">A seed for reproducible draws; null (default) draws one at construction from Python's <c>random</c>, which <c>keras.utils.set_random_seed</c> seeds.</param>
        /// <returns>The initializer, to pass as a layer's <c>kernel_initializer</c> or <c>bias_initializer</c>.</returns>
        public static Orthogonal orthogonal(double gain = 1.0, long? seed = null) => new(gain, seed);

        /// <summary>Keras's <c>keras.initializers.random_normal(...)</c>: a new <see cref="RandomNormal"/>.</summary>
        /// <param name="mean">The mean. Default 0.</param>
        /// <param name="stddev">The standard deviation. Default 0.05.</param>
        /// <param name="seed">A seed for reproducible draws; null (default) draws one at construction from Python's <c>random</c>, which <c>keras.utils.set_random_seed</c> seeds.</param>
        /// <returns>The initializer, to pass as a layer's <c>kernel_initializer</c> or <c>bias_initializer</c>.</returns>
        public static RandomNormal random_normal(double mean = 0.0, double stddev = 0.05, long? seed = null) => new(mean, stddev, seed);

        /// <summary>Keras's <c>keras.initializers.random_uniform(...)</c>: a new <see cref="RandomUniform"/>.</summary>
        /// <param name="minval">The lower bound (inclusive). Default -0.05.</param>
        /// <param name="maxval">The upper bound (exclusive). Default 0.05.</param>
        /// <param name="seed">A seed for reproducible draws; null (default) draws one at construction from Python's <c>random</c>, which <c>keras.utils.set_random_seed</c> seeds.</param>
        /// <returns>The initializer, to pass as a layer's <c>kernel_initializer</c> or <c>bias_initializer</c>.</returns>
        public static RandomUniform random_uniform(double minval = -0.05, double maxval = 0.05, long? seed = null) => new(minval, maxval, seed);

        /// <summary>Keras's <c>keras.initializers.truncated_normal(...)</c>: a new <see cref="TruncatedNormal"/>.</summary>
        /// <param name="mean">The mean. Default 0.</param>
        /// <param name="stddev">The standard deviation before truncation. Default 0.05.</param>
        /// <param name="seed">A seed for reproducible draws; null (default) draws one at construction from Python's <c>random</c>, which <c>keras.utils.set_random_seed</c> seeds.</param>
        /// <returns>The initializer, to pass as a layer's <c>kernel_initializer</c> or <c>bias_initializer</c>.</returns>
        public static TruncatedNormal truncated_normal(double mean = 0.0, double stddev = 0.05, long? seed = null) => new(mean, stddev, seed);

        /// <summary>Keras's <c>keras.initializers.variance_scaling(...)</c>: a new <see cref="VarianceScaling"/>.</summary>
        /// <param name="scale">The scaling factor of the variance; must be &gt; 0. Default 1.0.</param>
        /// <param name="mode"><c>"fan_in"</c> (default), <c>"fan_out"</c> or <c>"fan_avg"</c>.</param>
        /// <param name="distribution"><c>"truncated_normal"</c> (default), <c>"untruncated_normal"</c> or <c>"uniform"</c>.</param>
        /// <param name="seed">A seed for reproducible draws; null (default) draws one at construction from Python's <c>random</c>, which <c>keras.utils.set_random_seed</c> seeds.</param>
        /// <param name="input_axes">The axes whose sizes multiply into the fan-in, given together with <paramref name="output_axes"/>; null (default) applies Keras's rule to the shape.</param>
        /// <param name="output_axes">The axes whose sizes multiply into the fan-out, given together with <paramref name="input_axes"/>; null (default) applies Keras's rule to the shape.</param>
        /// <returns>The initializer, to pass as a layer's <c>kernel_initializer</c> or <c>bias_initializer</c>.</returns>
        public static VarianceScaling variance_scaling(double scale = 1.0, string mode = "fan_in", string distribution = "truncated_normal",
                                                       long? seed = null, int[]? input_axes = null, int[]? output_axes = null) =>
            new(scale, mode, distribution, seed, input_axes, output_axes);
    }
}
