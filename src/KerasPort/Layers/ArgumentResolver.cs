using KerasPort.Initializers;
using KerasPort.Regularizers;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Turns the arguments Keras accepts either by name or as an object (activations, initializers,
/// regularizers) into objects, failing at once with the argument's name.
/// </summary>
internal static class ArgumentResolver
{
    public static Func<Tensor, Tensor>? activation(object? value, string argument) => value switch
    {
        null => null,
        string s => keras.activations.get(s),
        Func<Tensor, Tensor> f => f,
        _ => throw new ArgumentException($"Invalid value received for argument {argument}. Expected an activation name or a Func<Tensor, Tensor>. Received: {argument}={value}", argument),
    };

    public static Initializer initializer(object? value, string argument) => value switch
    {
        string s => keras.initializers.get(s) ?? throw new ArgumentException($"Invalid value received for argument {argument}. Expected an initializer. Received: {argument}={s}", argument),
        Initializer i => i,
        _ => throw new ArgumentException($"Invalid value received for argument {argument}. Expected an initializer name or an Initializer. Received: {argument}={value ?? "null"}", argument),
    };

    public static Regularizer? regularizer(object? value, string argument) => value switch
    {
        null => null,
        string s => keras.regularizers.get(s),
        Regularizer r => r,
        _ => throw new ArgumentException($"Invalid value received for argument {argument}. Expected a regularizer name or a Regularizer. Received: {argument}={value}", argument),
    };

    /// <summary>The name Keras puts in a config for an activation argument.</summary>
    public static object activation_config(object? value) => value switch
    {
        null => "linear",
        string s => s,
        _ => value.ToString() ?? "custom",
    };

    /// <summary>Keras's <c>serialize_keras_object</c> for an initializer or a regularizer: module, class, config.</summary>
    public static Dictionary<string, object?>? serialize(object? value) => value switch
    {
        null => null,
        Regularizer r => keras_object("keras.regularizers", r.GetType().Name, r.get_config()),
        Initializer i => keras_object("keras.initializers", i.GetType().Name, i.get_config()),
        string s => serialize(initializer(s, "initializer")),
        _ => throw new ArgumentException($"Cannot serialize {value}.", nameof(value)),
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
