namespace KerasPort.Regularizers;

/// <summary>
/// Keras's <c>*_regularizer</c> and <c>activity_regularizer</c> arguments: the name of a regularizer
/// (<c>"l1"</c>, <c>"l2"</c>, <c>"l1l2"</c>, <c>"orthogonal_regularizer"</c>, with Keras's default
/// factors; Keras 3 has no <c>"l1_l2"</c> name), a <see cref="Regularizer"/> (<c>keras.regularizers.l2(0.001)</c>), or null for none.
/// Both forms convert implicitly; an unknown name fails when the layer is made, with Keras's message.
/// </summary>
public readonly struct RegularizerSpec
{
    private readonly string? _name;
    private readonly Regularizer? _regularizer;

    private RegularizerSpec(string? name, Regularizer? regularizer)
    {
        _name = name;
        _regularizer = regularizer;
    }

    /// <summary>A regularizer by name; null for none.</summary>
    public static implicit operator RegularizerSpec(string? name) => new(name, null);

    /// <summary>A regularizer object, used as given; null for none.</summary>
    public static implicit operator RegularizerSpec(Regularizer? regularizer) => new(null, regularizer);

    /// <summary>The regularizer given, a new one for the name, or null for none.</summary>
    internal Regularizer? resolve() => _regularizer ?? keras.regularizers.get(_name);

    /// <summary>The argument as given: the name, the regularizer's class, or <c>None</c>.</summary>
    public override string ToString() => _name ?? _regularizer?.GetType().Name ?? "None";
}
