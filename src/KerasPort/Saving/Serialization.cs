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
    private static readonly HashSet<string> BuiltAtInit = new(StringComparer.Ordinal)
    {
        nameof(InputLayer), nameof(Reshape), nameof(Activation), nameof(ActivityRegularization), nameof(AlphaDropout), nameof(Dropout),
        nameof(GaussianDropout), nameof(GaussianNoise), nameof(SpatialDropout1D), nameof(SpatialDropout2D), nameof(SpatialDropout3D),
        nameof(ELU), nameof(LeakyReLU), nameof(ReLU), nameof(Softmax), nameof(AveragePooling1D), nameof(AveragePooling2D),
        nameof(MaxPooling1D), nameof(MaxPooling2D), nameof(GlobalAveragePooling1D), nameof(GlobalAveragePooling2D),
        nameof(GlobalMaxPooling1D), nameof(GlobalMaxPooling2D),
    };

    /// <summary>The serialized form of <paramref name="obj"/>, as Keras's <c>serialize_keras_object</c>.</summary>
    public static object? serialize_keras_object(object? obj) => obj switch
    {
        null or string or bool or int or long or double or float => obj,
        IEnumerable<double> list => list.ToList(),
        // compile's per-output losses and metric lists, as the argument specs give them.
        List<object?> list => list.Select(serialize_keras_object).ToList(),
        Dictionary<string, object?> dict => dict.ToDictionary(kv => kv.Key, kv => serialize_keras_object(kv.Value)),
        Sequential model => serialize_sequential(model),
        Model { is_functional: true } model => serialize_functional(model),
        Model model => serialize_subclassed_model(model),
        Layer layer => serialize_layer(layer),
        // Regularizers and initializers as layer configs hold them (and Keras's function returns them).
        Regularizers.Regularizer or Initializers.Initializer => Layers.ArgumentResolver.serialize(obj),
        Constraints.Constraint c => Layers.ArgumentResolver.serialize_constraint(c),
        // Ftrl has no torch-specific class in Keras: it serializes as keras.optimizers.Ftrl, without a registered name.
        Ftrl o => keras_object("keras.optimizers", nameof(Ftrl), o.get_config(), null),
        Optimizer o => keras_object($"keras.src.backend.torch.optimizers.torch_{o.GetType().Name.ToLowerInvariant()}", o.GetType().Name, o.get_config(), o.GetType().Name),
        Loss l => keras_object("keras.losses", l.GetType().Name, l.get_config(), null),
        Metric m => keras_object("keras.metrics", m.GetType().Name, m.get_config(), null),
        _ => throw new ArgumentException($"Cannot serialize an object of type {obj.GetType().Name}: KerasPort saves models, layers, optimizers, losses, metrics, regularizers, initializers and constraints.", nameof(obj)),
    };

    /// <summary>
    /// A class of the program (registered with <c>keras.saving.register_keras_serializable</c>, or
    /// not): its namespace as the module and its registered name, as Keras writes a custom class's
    /// Python module and <c>"package>name"</c>.
    /// </summary>
    private static (string module, string? registered_name)? custom_class(Type type) =>
        type.Assembly == typeof(Layer).Assembly ? null : (type.Namespace ?? "", ObjectRegistration.get_registered_name(type));

    private static Dictionary<string, object?> keras_object(string module, string class_name, object config, string? registered_name) => new()
    {
        ["module"] = module,
        ["class_name"] = class_name,
        ["config"] = config,
        ["registered_name"] = registered_name,
    };

    private static Dictionary<string, object?> serialize_layer(Layer layer)
    {
        var (module, registered_name) = custom_class(layer.GetType()) ?? ("keras.layers", null);
        var result = keras_object(module, layer.GetType().Name, layer is InputLayer input ? input_layer_config(input) : layer.get_config(), registered_name);
        if (layer.build_config_shape is { } shape && !BuiltAtInit.Contains(layer.GetType().Name))
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
        var result = keras_object("keras", nameof(Sequential), model.get_config(), null);
        if (model.built) result["build_config"] = new Dictionary<string, object?> { ["input_shape"] = model.input_shape };
        result["compile_config"] = model.get_compile_config();
        return result;
    }

    /// <summary>A Functional model as Keras writes it: its graph config, no build shape (built when made), its compile config.</summary>
    private static Dictionary<string, object?> serialize_functional(Model model)
    {
        var (module, registered_name) = custom_class(model.GetType()) ?? ("keras.src.models.functional", "Functional");
        var result = keras_object(module, model.GetType() == typeof(Model) ? "Functional" : model.GetType().Name, model.get_config(), registered_name);
        result["build_config"] = new Dictionary<string, object?> { ["input_shape"] = null };
        result["compile_config"] = model.get_compile_config();
        return result;
    }

    /// <summary>A subclassed model: its <c>get_config</c>, the input shape it was built with, its compile config.</summary>
    private static Dictionary<string, object?> serialize_subclassed_model(Model model)
    {
        var (module, registered_name) = custom_class(model.GetType()) ?? ("keras.src.models.model", nameof(Model));
        var result = keras_object(module, model.GetType().Name, model.get_config(), registered_name);
        if (model.build_input_shape is { } shape) result["build_config"] = new Dictionary<string, object?> { ["input_shape"] = shape };
        result["compile_config"] = model.get_compile_config();
        return result;
    }

    /// <summary>
    /// Keras's object sharing while a model is saved (<c>ObjectSharingScope</c>): every sighting of
    /// the dtype policy that all layers share, after the first, carries <c>shared_object_id</c>, in
    /// the order Keras serializes (a Sequential's layers before its own policy).
    /// </summary>
    internal static void mark_shared_objects(object? config)
    {
        bool seen = false;
        void visit(object? node)
        {
            switch (node)
            {
                case Dictionary<string, object?> dict when dict.GetValueOrDefault("class_name") is "DTypePolicy":
                    if (seen) dict["shared_object_id"] = SharedPolicyId;
                    seen = true;
                    break;
                case IDictionary<string, object?> dict:
                    var keys = dict.Keys.ToList();
                    if (dict.ContainsKey("layers") && dict.ContainsKey("dtype")) keys = [.. keys.Where(k => k == "layers"), .. keys.Where(k => k != "layers")];
                    foreach (var key in keys) visit(dict[key]);
                    break;
                case System.Collections.IEnumerable list and not string:
                    foreach (var item in list) visit(item);
                    break;
            }
        }
        visit(config);
    }
}
