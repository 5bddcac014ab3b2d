using static TorchSharp.torch;

namespace KerasPort.Constraints;

/// <summary>
/// Keras's <c>*_constraint</c> arguments: a projection applied to the weight after each optimizer
/// update. The name of a constraint (<c>"max_norm"</c>, <c>"non_neg"</c>, <c>"unit_norm"</c>,
/// <c>"min_max_norm"</c>, with Keras's default arguments), a <see cref="Constraint"/>
/// (<c>new MaxNorm(3)</c>), a <c>Func&lt;Tensor, Tensor&gt;</c> (the new value from the updated
/// one; a lambda needs the delegate type, as in
/// <c>kernel_constraint: (Func&lt;Tensor, Tensor&gt;)(w =&gt; w.clamp(0, 1))</c>), or null for none.
/// Each converts implicitly; an unknown name fails when the layer is made, with Keras's message.
/// </summary>
public readonly struct ConstraintSpec
{
    private readonly string? _name;
    private readonly Constraint? _constraint;
    private readonly Func<Tensor, Tensor>? _function;

    private ConstraintSpec(string? name, Constraint? constraint, Func<Tensor, Tensor>? function)
    {
        _name = name;
        _constraint = constraint;
        _function = function;
    }

    /// <summary>A constraint by name; null for none.</summary>
    public static implicit operator ConstraintSpec(string? name) => new(name, null, null);

    /// <summary>A constraint object, used as given; null for none.</summary>
    public static implicit operator ConstraintSpec(Constraint? constraint) => new(null, constraint, null);

    /// <summary>A projection function; null for none.</summary>
    public static implicit operator ConstraintSpec(Func<Tensor, Tensor>? function) => new(null, null, function);

    /// <summary>
    /// The constraint: the object given, a new one for the name, or the function wrapped; null for
    /// none. An unknown name throws Keras's error.
    /// </summary>
    internal Constraint? resolve() => _function is not null ? new FunctionConstraint(_function) : _constraint ?? keras.constraints.get(_name);

    /// <summary>The argument as given: the name, the constraint's class, the function, or <c>None</c>.</summary>
    public override string ToString() => _name ?? _constraint?.GetType().Name ?? _function?.ToString() ?? "None";
}
