namespace KerasPort.Initializers;

/// <summary>
/// Keras's <c>*_initializer</c> arguments: the name of an initializer (<c>"glorot_uniform"</c>,
/// <c>"zeros"</c>, ... as <see cref="keras.initializers.get"/> knows them) or an
/// <see cref="Initializer"/> (<c>new RandomNormal(stddev: 0.02)</c>). Both convert implicitly;
/// null takes the layer's default for that weight. A name makes a new initializer when the layer is
/// made, drawing its seed then as Keras's does; an unknown name fails there with Keras's message.
/// </summary>
public readonly struct InitializerSpec
{
    private readonly string? _name;
    private readonly Initializer? _initializer;

    private InitializerSpec(string? name, Initializer? initializer)
    {
        _name = name;
        _initializer = initializer;
    }

    /// <summary>An initializer by name; null for the layer's default.</summary>
    public static implicit operator InitializerSpec(string? name) => new(name, null);

    /// <summary>An initializer object, used as given; null for the layer's default.</summary>
    public static implicit operator InitializerSpec(Initializer? initializer) => new(null, initializer);

    /// <summary>The initializer given, or a new one for the name (<paramref name="default_name"/> when none).</summary>
    internal Initializer resolve(string default_name) =>
        _initializer ?? keras.initializers.get(_name ?? default_name)!;

    /// <summary>The argument as given: the name, the initializer's class, or <c>None</c> for the layer's default.</summary>
    public override string ToString() => _name ?? _initializer?.GetType().Name ?? "None";
}
