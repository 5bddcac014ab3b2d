using KerasPort.Layers;
using KerasPort.Losses;
using KerasPort.Metrics;
using KerasPort.Models;
using KerasPort.Optimizers;

namespace KerasPort.Saving;

/// <summary>
/// Keras's <c>serialize_keras_object</c> for what a <c>.keras</c> file holds: a model, its layers,
/// its optimizer, losses and metrics become <c>{module, class_name, config, registered_name}</c>
/// (plus <c>build_config</c> and <c>compile_config</c> where Keras writes them); strings, numbers,
/// lists and null stay as they are.
/// </summary>
public static class Serialization
{
    // Keras writes the Python id() of the dtype policy that every layer shares; only equality within a file matters.
    private const long SharedPolicyId = 140000000000000;

    // Keras builds these at construction (`_build_at_init`), so it records no build shape for them.
    private static readonly HashSet<string> BuiltAtInit = new(StringComparer.Ordinal) { nameof(InputLayer), nameof(Reshape), nameof(MaxPooling2D) };

    /// <summary>The serialized form of <paramref name="obj"/>, as Keras's <c>serialize_keras_object</c>.</summary>
    public static object? serialize_keras_object(object? obj) => obj switch
    {
        null or string or bool or int or long or double or float => obj,
        IEnumerable<double> list => list.ToList(),
        // compile's per-output losses and metric lists, as the argument specs give them.
        List<object?> list => list.Select(serialize_keras_object).ToList(),
        Dictionary<string, object?> dict => dict.ToDictionary(kv => kv.Key, kv => serialize_keras_object(kv.Value)),
        Sequential model => serialize_sequential(model),
        Layer layer => serialize_layer(layer),
        // Regularizers and initializers as layer configs hold them (and Keras's function returns them).
        Regularizers.Regularizer or Initializers.Initializer => Layers.ArgumentResolver.serialize(obj),
        Constraints.Constraint c => Layers.ArgumentResolver.serialize_constraint(c),
        // Ftrl has no torch-specific class in Keras: it serializes as keras.optimizers.Ftrl, without a registered name.
        Ftrl o => keras_object("keras.optimizers", nameof(Ftrl), o.get_config(), null),
        Optimizer o => keras_object($"keras.src.backend.torch.optimizers.torch_{o.GetType().Name.ToLowerInvariant()}", o.GetType().Name, o.get_config(), o.GetType().Name),
        Loss l => keras_object("keras.losses", l.GetType().Name, l.get_config(), null),
        Metric m => keras_object("keras.metrics", m.GetType().Name, m.get_config(), null),
        _ => throw new ArgumentException($"Cannot serialize an object of type {obj.GetType().Name}: KerasPort saves Sequential models, layers, optimizers, losses, metrics, regularizers, initializers and constraints.", nameof(obj)),
    };

    private static Dictionary<string, object?> keras_object(string module, string class_name, object config, string? registered_name) => new()
    {
        ["module"] = module,
        ["class_name"] = class_name,
        ["config"] = config,
        ["registered_name"] = registered_name,
    };

    private static Dictionary<string, object?> serialize_layer(Layer layer)
    {
        var result = keras_object("keras.layers", layer.GetType().Name, layer is InputLayer input ? input_layer_config(input) : layer.get_config(), null);
        if (layer.build_input_shape is { } shape && !BuiltAtInit.Contains(layer.GetType().Name))
            result["build_config"] = new Dictionary<string, object?> { ["input_shape"] = shape };
        return result;
    }

    /// <summary>Keras 3's InputLayer config: its keys in Keras's order.</summary>
    private static Dictionary<string, object?> input_layer_config(InputLayer input) => new()
    {
        ["batch_shape"] = input.batch_input_shape,
        ["dtype"] = "float32",
        ["sparse"] = false,
        ["ragged"] = false,
        ["name"] = input.name,
        ["optional"] = false,
    };

    private static Dictionary<string, object?> serialize_sequential(Sequential model)
    {
        var layers = new List<Dictionary<string, object?>>();
        if (model.input_layer is { } input) layers.Add(serialize_layer(input));
        layers.AddRange(model.layers.Select(serialize_layer));
        var dtype = Layers.ArgumentResolver.dtype_policy();
        var config = new Dictionary<string, object?>
        {
            ["name"] = model.name,
            ["trainable"] = model.trainable,
            ["dtype"] = dtype,
            ["layers"] = layers,
        };
        if (model.built) config["build_input_shape"] = model.input_shape;
        mark_shared_policies([.. layers.Select(l => ((Dictionary<string, object?>)l["config"]!).GetValueOrDefault("dtype")), dtype]);

        var result = keras_object("keras", nameof(Sequential), config, null);
        if (model.built) result["build_config"] = new Dictionary<string, object?> { ["input_shape"] = model.input_shape };
        result["compile_config"] = model.get_compile_config();
        return result;
    }

    /// <summary>
    /// Keras's object sharing: every sighting of the shared dtype policy after the first carries
    /// <c>shared_object_id</c> (the first one's copy is taken before the id is added, as in Keras's files).
    /// </summary>
    private static void mark_shared_policies(IEnumerable<object?> dtypes)
    {
        var policies = dtypes.OfType<Dictionary<string, object?>>().Where(d => d.GetValueOrDefault("class_name") is "DTypePolicy").ToList();
        if (policies.Count < 2) return;
        foreach (var policy in policies.Skip(1)) policy["shared_object_id"] = SharedPolicyId;
    }
}
