namespace KerasPort.Models;

/// <summary>
/// Keras's <c>verbose</c> argument: <c>"auto"</c> (the default) or 0, 1, 2. Both spellings convert
/// implicitly, so <c>verbose: 0</c> and <c>verbose: "auto"</c> read as in Python.
/// </summary>
public readonly struct Verbosity : IEquatable<Verbosity>
{
    private readonly int? _value;

    private Verbosity(int? value) => _value = value;

    /// <summary>The <c>"auto"</c> setting, which fit, evaluate and predict read as 1.</summary>
    public static Verbosity auto => default;

    /// <summary>True for <c>"auto"</c>.</summary>
    public bool is_auto => _value is null;

    /// <summary>The level: 0 silent, 1 progress bar, 2 one line per epoch; "auto" gives 1.</summary>
    public int level => _value ?? 1;

    /// <summary><c>verbose: 0</c>, <c>1</c> or <c>2</c>; any other level throws Keras's error.</summary>
    public static implicit operator Verbosity(int value)
    {
        if (value is < 0 or > 2)
            throw new ArgumentException($"Invalid value received for argument verbose. Expected \"auto\", 0, 1 or 2. Received: verbose={value}", "verbose");
        return new Verbosity(value);
    }

    /// <summary><c>verbose: "auto"</c>; any other string throws Keras's error.</summary>
    public static implicit operator Verbosity(string value) => value == "auto"
        ? default
        : throw new ArgumentException($"Invalid value received for argument verbose. Expected \"auto\", 0, 1 or 2. Received: verbose={value}", "verbose");

    /// <summary>True for the same setting (<c>"auto"</c> equals only <c>"auto"</c>, not 1).</summary>
    public bool Equals(Verbosity other) => _value == other._value;

    /// <inheritdoc cref="Equals(Verbosity)"/>
    public override bool Equals(object? obj) => obj is Verbosity v && Equals(v);

    /// <summary>A hash consistent with <see cref="Equals(Verbosity)"/>.</summary>
    public override int GetHashCode() => _value.GetHashCode();

    /// <summary>The setting as Keras prints it: <c>auto</c>, <c>0</c>, <c>1</c> or <c>2</c>.</summary>
    public override string ToString() => _value?.ToString() ?? "auto";
}
