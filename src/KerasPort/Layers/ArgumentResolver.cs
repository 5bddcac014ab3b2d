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

    public static object? serialize(object? value) => value switch
    {
        null => null,
        string s => s,
        Regularizer r => new Dictionary<string, object?> { ["class_name"] = r.GetType().Name, ["config"] = r.get_config() },
        Initializer i => new Dictionary<string, object?> { ["class_name"] = i.GetType().Name, ["config"] = i.get_config() },
        _ => value.ToString(),
    };
}
