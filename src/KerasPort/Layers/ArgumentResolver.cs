using KerasPort.Constraints;
using KerasPort.Initializers;
using KerasPort.Regularizers;

using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// What layer configs hold for their resolved arguments: initializers and regularizers serialized
/// as Keras serializes them, constraints, and the dtype policy. (The arguments themselves are resolved by their
/// types: <see cref="Activations.ActivationSpec"/>, <see cref="InitializerSpec"/>, <see cref="RegularizerSpec"/>, <see cref="ConstraintSpec"/>.)
/// </summary>
internal static class ArgumentResolver
{
    /// <summary>Keras's <c>serialize_keras_object</c> for an initializer or a regularizer: module, class, config.</summary>
    public static Dictionary<string, object?>? serialize(object? value) => value switch
    {
        null => null,
        Regularizer r => keras_object("keras.regularizers", r.GetType().Name, r.get_config()),
        Initializer i => keras_object("keras.initializers", i.GetType().Name, i.get_config()),
        _ => throw new ArgumentException($"Cannot serialize {value}.", nameof(value)),
    };

    /// <summary>What a layer's config holds for a constraint: Keras's serialized object, <c>"custom"</c> for a function, null for none.</summary>
    public static object? serialize_constraint(Constraint? constraint) => constraint switch
    {
        null => null,
        FunctionConstraint => "custom",
        _ => keras_object("keras.constraints", constraint.GetType().Name, constraint.get_config()),
    };

    /// <summary>The projection a weight applies after each update: the function given, or the constraint's <c>call</c>.</summary>
    public static Func<Tensor, Tensor>? projection(Constraint? constraint) => constraint switch
    {
        null => null,
        FunctionConstraint f => f.function,
        _ => constraint.call,
    };

    /// <summary>The float32 dtype policy every layer's config names.</summary>
    public static Dictionary<string, object?> dtype_policy() =>
        keras_object("keras", "DTypePolicy", new Dictionary<string, object> { ["name"] = "float32" });

    private static Dictionary<string, object?> keras_object(string module, string class_name, IDictionary<string, object> config) => new()
    {
        ["module"] = module,
        ["class_name"] = class_name,
        ["config"] = config,
        ["registered_name"] = null,
    };
}
