namespace KerasPort.Layers;

/// <summary>
/// Keras's call context: what the outermost <c>__call__</c> on this thread and the layers it calls
/// share. <c>training</c> resolves as Keras resolves it: a value given explicitly wins, else the
/// value of the enclosing call, else the layer's own default; each layer leaves its value for the
/// layers called after it, until the outermost call returns.
/// </summary>
internal static class CallContext
{
    [ThreadStatic] private static int _depth;
    [ThreadStatic] private static bool? _training;

    /// <summary>True inside a layer's <c>__call__</c>.</summary>
    public static bool active => _depth > 0;

    /// <summary>The training value of the enclosing calls; null when none was given.</summary>
    public static bool? training => _training;

    /// <summary>Enters one call level; the value returned leaves it.</summary>
    public static Scope enter()
    {
        _depth++;
        return new Scope();
    }

    /// <summary>
    /// The training value a layer runs with: <paramref name="given"/>, else the enclosing value,
    /// else true for a layer whose call defaults to training (augmentation), else unset (false).
    /// </summary>
    public static bool? resolve(bool? given, bool layer_default)
    {
        _training = given ?? _training ?? (layer_default ? true : null);
        return _training;
    }

    /// <summary>The value a container passes to its sublayers: open (null) inside a call so they inherit it, else the container's own.</summary>
    public static bool? for_sublayers(bool training) => active ? null : training;

    public readonly struct Scope : IDisposable
    {
        public void Dispose()
        {
            if (--_depth == 0) _training = null;
        }
    }
}
