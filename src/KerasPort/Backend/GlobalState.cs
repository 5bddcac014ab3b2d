using System.Text.RegularExpressions;

namespace KerasPort.Backend
{

/// <summary>
/// Keras's process-wide state: the per-prefix name counters behind auto-generated names
/// (<c>dense</c>, <c>dense_1</c>, ...), reset by <c>keras.backend.clear_session()</c>.
/// </summary>
public static partial class GlobalState
{
    private static readonly Dictionary<string, int> _uids = new();
    private static readonly object _lock = new();

    /// <summary>Keras's <c>get_uid(prefix)</c>: 1 for the first call with a prefix, then 2, 3, ...</summary>
    public static int get_uid(string prefix)
    {
        lock (_lock)
        {
            _uids[prefix] = _uids.TryGetValue(prefix, out var n) ? n + 1 : 1;
            return _uids[prefix];
        }
    }

    /// <summary>Keras's <c>uniquify</c>: <c>prefix</c> the first time, then <c>prefix_1</c>, <c>prefix_2</c>, ...</summary>
    public static string uniquify(string prefix)
    {
        int id = get_uid(prefix);
        return id > 1 ? $"{prefix}_{id - 1}" : prefix;
    }

    /// <summary>The automatic name of an object of class <paramref name="class_name"/> (Keras's <c>auto_name</c>).</summary>
    public static string auto_name(string class_name) => uniquify(to_snake_case(class_name));

    /// <summary>Keras's <c>to_snake_case</c>: <c>MaxPooling2D</c> gives <c>max_pooling2d</c>, <c>RMSprop</c> gives <c>rm_sprop</c>.</summary>
    public static string to_snake_case(string name)
    {
        name = SnakeNonWord().Replace(name, "");
        name = SnakeWord().Replace(name, "$1_$2");
        name = SnakeLowerUpper().Replace(name, "$1_$2");
        return name.ToLowerInvariant();
    }

    /// <summary>Forgets every name counter, so the next objects get their first names again.</summary>
    public static void clear_session()
    {
        lock (_lock) _uids.Clear();
    }

    [GeneratedRegex(@"\W+")]
    private static partial Regex SnakeNonWord();

    [GeneratedRegex("(.)([A-Z][a-z]+)")]
    private static partial Regex SnakeWord();

    [GeneratedRegex("([a-z])([A-Z])")]
    private static partial Regex SnakeLowerUpper();
}
}

namespace KerasPort
{
public static partial class keras
{
    /// <summary>Keras's <c>keras.backend</c>: the global state the torch backend keeps (names, the global seed generator).</summary>
    public static partial class backend
    {
        /// <summary>
        /// Resets Keras's global state: every auto-naming counter starts over, and the global
        /// SeedGenerator is forgotten (the next unseeded <c>keras.random</c> call makes a new one).
        /// </summary>
        public static void clear_session()
        {
            KerasPort.Backend.GlobalState.clear_session();
            KerasPort.Backend.SeedGenerator.reset_global_seed_generator();
        }

        /// <summary>The fuzz factor Keras uses in numeric expressions (1e-7).</summary>
        public static double epsilon() => 1e-7;

        /// <summary>The default float type name (<c>float32</c>).</summary>
        public static string floatx() => "float32";
    }
}
}
