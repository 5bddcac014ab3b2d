using System.Collections.Concurrent;

namespace KerasPort.Saving
{
    /// <summary>
    /// Keras's <c>keras.saving.register_keras_serializable</c> registry: the classes of a program
    /// (a subclassed <c>Model</c>, a custom layer) that a <c>.keras</c> file may name, each under
    /// <c>"package>name"</c>. Saving writes that name as the object's <c>registered_name</c>;
    /// loading looks it up first, then KerasPort's own classes.
    /// </summary>
    public static class ObjectRegistration
    {
        private static readonly ConcurrentDictionary<string, Type> _by_name = new(StringComparer.Ordinal);
        private static readonly ConcurrentDictionary<Type, string> _by_type = new();

        /// <summary>Registers <paramref name="type"/> under <c>"{package}>{name}"</c> (name: the class name when null).</summary>
        public static string register(Type type, string package = "Custom", string? name = null)
        {
            ArgumentNullException.ThrowIfNull(type);
            ArgumentNullException.ThrowIfNull(package);
            if (package.Contains('>'))
                throw new ArgumentException($"Invalid value received for argument package. It cannot contain the character `>`. Received: package={package}", nameof(package));
            string registered = $"{package}>{name ?? type.Name}";
            if (_by_name.TryGetValue(registered, out var other) && other != type)
                throw new ArgumentException($"{registered} has already been registered to {other.FullName}. Received: {type.FullName}", nameof(name));
            _by_name[registered] = type;
            _by_type[type] = registered;
            return registered;
        }

        /// <summary>Keras's <c>get_registered_name</c>: the name <paramref name="type"/> is registered under, else its class name.</summary>
        public static string get_registered_name(Type type) => _by_type.TryGetValue(type, out var name) ? name : type.Name;

        /// <summary>Whether <paramref name="type"/> has been registered.</summary>
        public static bool is_registered(Type type) => _by_type.ContainsKey(type);

        /// <summary>Keras's <c>get_registered_object</c>: the class registered under <paramref name="name"/>, null if none.</summary>
        public static Type? get_registered_object(string? name) => name is not null && _by_name.TryGetValue(name, out var type) ? type : null;
    }
}

namespace KerasPort
{
    using KerasPort.Saving;

    public static partial class keras
    {
        public static partial class saving
        {
            /// <summary>
            /// Keras's <c>@keras.saving.register_keras_serializable(package, name)</c>: lets a
            /// <c>.keras</c> file hold <typeparamref name="T"/> (a subclassed model or a custom layer
            /// with <c>get_config</c>) and <c>load_model</c> rebuild it, through its static
            /// <c>from_config(IDictionary&lt;string, object?&gt;)</c> when it has one, else through
            /// the constructor whose parameter names are the config's keys (Keras's <c>cls(**config)</c>).
            /// Call it once, before saving or loading.
            /// </summary>
            /// <param name="package">The package part of the registered name (<c>"Custom"</c>).</param>
            /// <param name="name">The name part; the class name when null.</param>
            /// <returns>The registered name, <c>"package>name"</c>.</returns>
            public static string register_keras_serializable<T>(string package = "Custom", string? name = null) =>
                ObjectRegistration.register(typeof(T), package, name);

            /// <summary>Keras's <c>keras.saving.get_registered_name</c>: <c>"package>name"</c> for a registered class, else the class name.</summary>
            public static string get_registered_name(Type type) => ObjectRegistration.get_registered_name(type);

            /// <summary>Keras's <c>keras.saving.get_registered_object</c>: the class registered under <paramref name="name"/>, null if none.</summary>
            public static Type? get_registered_object(string name) => ObjectRegistration.get_registered_object(name);
        }
    }
}
