using System.Text.Json;
using KerasPort.Utils;
using TorchSharp;

namespace KerasPort.Regularizers;

/// <summary>
/// Base of Keras's weight and activity regularizers: <see cref="call"/> maps a tensor to a
/// scalar penalty that training adds to the loss. As in Keras, the base class itself is usable
/// (<c>keras.regularizers.get("regularizer")</c>): its penalty is 0 and it has no config.
/// </summary>
public class Regularizer
{
    /// <summary>The penalty for <paramref name="x"/>, a scalar tensor (Keras's <c>__call__</c>).</summary>
    public virtual torch.Tensor call(torch.Tensor x) => torch.zeros([], x.dtype);

    /// <summary>Keras's config dictionary for this regularizer.</summary>
    public virtual IDictionary<string, object> get_config() =>
        throw new NotImplementedException($"{GetType().Name} does not implement get_config()");

    /// <summary>
    /// Keras's <c>validate_float_arg</c>: a number (bool counts as an int), finite and non-negative,
    /// returned as a double; anything else is refused with Keras's message.
    /// </summary>
    protected static double validate_float_arg(object? value, string name)
    {
        double? number = value switch
        {
            double d => d,
            float f => f,
            int i => i,
            long l => l,
            bool b => b ? 1 : 0,
            _ => null,
        };
        if (number is not double v || double.IsNaN(v) || double.IsInfinity(v) || v < 0)
            throw new ArgumentException(
                $"Invalid value for argument {name}: expected a non-negative float.Received: {name}={PythonFormat.str(value)}", name);
        return v;
    }

    /// <summary>
    /// The keyword arguments of <c>cls(**config)</c>: checks every key is one the constructor takes
    /// and turns JSON values (from a parsed config file) into plain .NET values.
    /// </summary>
    protected static Dictionary<string, object?> config_kwargs(IDictionary<string, object> config, string class_name, params string[] parameters)
    {
        var kwargs = new Dictionary<string, object?>();
        foreach (var (key, value) in config)
        {
            if (!parameters.Contains(key))
                throw new ArgumentException(
                    $"{class_name}.__init__() got an unexpected keyword argument '{key}'. Expected keys: {string.Join(", ", parameters)}", nameof(config));
            kwargs[key] = value is JsonElement json ? from_json(json) : value;
        }
        return kwargs;
    }

    private static object? from_json(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Number => json.TryGetInt64(out long l) && !json.GetRawText().Contains('.') ? l : json.GetDouble(),
        JsonValueKind.String => json.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => json.EnumerateArray().Select(from_json).ToList(),
        _ => null,
    };
}
