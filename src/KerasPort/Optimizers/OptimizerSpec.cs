namespace KerasPort.Optimizers;

/// <summary>
/// Keras's <c>optimizer</c> argument of <c>compile</c>: the name of an optimizer (<c>"adam"</c>,
/// <c>"sgd"</c>, <c>"rmsprop"</c>, ... with Keras's default arguments, as
/// <see cref="keras.optimizers.get"/> knows them) or an <see cref="Optimizer"/>
/// (<c>new Adam(learning_rate: 1e-3)</c>). Both convert implicitly; an unknown name fails in
/// <c>compile</c> with Keras's message.
/// </summary>
public readonly struct OptimizerSpec
{
    private readonly string? _name;
    private readonly Optimizer? _optimizer;

    private OptimizerSpec(string? name, Optimizer? optimizer)
    {
        _name = name;
        _optimizer = optimizer;
    }

    /// <summary>An optimizer by name, made with Keras's defaults.</summary>
    public static implicit operator OptimizerSpec(string name) =>
        new(name ?? throw new ArgumentNullException(nameof(name)), null);

    /// <summary>An optimizer object, used as given.</summary>
    public static implicit operator OptimizerSpec(Optimizer optimizer) =>
        new(null, optimizer ?? throw new ArgumentNullException(nameof(optimizer)));

    /// <summary>The optimizer given, or a new one for the name.</summary>
    internal Optimizer resolve() => _optimizer ?? keras.optimizers.get(_name ?? "rmsprop");

    /// <summary>The argument as given (a name or the optimizer), which <c>get_compile_config</c> serializes.</summary>
    internal object value => (object?)_optimizer ?? _name ?? "rmsprop";

    /// <summary>The argument as given: the name or the optimizer's class (<c>rmsprop</c>, compile's default, when none).</summary>
    public override string ToString() => _name ?? _optimizer?.GetType().Name ?? "rmsprop";
}
