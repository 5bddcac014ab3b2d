using System.Collections;
using KerasPort.Callbacks;
using KerasPort.Models;
using KerasPort.Optimizers;

namespace KerasPort.Saving.Legacy;

/// <summary>
/// The configs of legacy <c>.h5</c> files (Keras's <c>legacy/saving/saving_utils.py</c>) in both
/// layouts, turned into the <c>.keras</c> layout that <see cref="Deserialization"/> reads, and back.
/// </summary>
/// <remarks>
/// Keras 3 writes a model's <c>model_config</c> as its <c>.keras</c> config whose model and layer
/// dictionaries carry no <c>module</c>, <c>registered_name</c> or <c>build_config</c> (nested
/// initializers, regularizers and dtype policies keep theirs) and no <c>shared_object_id</c>.
/// Keras 2 (tf.keras 2.x) also has no <c>module</c> on nested objects, <c>batch_input_shape</c>
/// instead of <c>batch_shape</c>, <c>dtype</c> strings, <c>axis</c> as a one-item list, the class
/// names <c>Functional</c> or <c>Model</c>, and inbound nodes as lists
/// <c>[[layer, node_index, tensor_index, kwargs], ...]</c> (which the Functional deserialization reads as they are).
/// </remarks>
internal static class LegacyConfig
{
    private const string FunctionalModule = "keras.src.models.functional";

    // Keys whose nested {class_name, config} belongs to a Keras module other than layers.
    private static readonly (string suffix, string module)[] NestedModules =
    [
        ("_initializer", "keras.initializers"),
        ("_regularizer", "keras.regularizers"),
        ("_constraint", "keras.constraints"),
    ];

    /// <summary>
    /// Keras's <c>json_utils.decode</c>: the JSON of a <c>model_config</c> or <c>training_config</c>
    /// attribute, with <c>{"class_name": "__tuple__", "items": [...]}</c> read as a list.
    /// </summary>
    public static object? decode(string json) => untuple(KerasJson.loads(json));

    private static object? untuple(object? value) => value switch
    {
        IDictionary<string, object?> d when d.value("class_name") is "__tuple__" => (d.value("items") as IList)?.Cast<object?>().Select(untuple).ToList(),
        IDictionary<string, object?> d => d.ToDictionary(kv => kv.Key, kv => untuple(kv.Value), StringComparer.Ordinal),
        IList list => list.Cast<object?>().Select(untuple).ToList(),
        _ => value,
    };

    /// <summary>
    /// Keras's <c>saving_utils.model_from_config</c>, as the <c>.keras</c> config that describes the same
    /// model: a Sequential, a Functional model (<c>Functional</c> or <c>Model</c>) or a layer.
    /// </summary>
    public static Dictionary<string, object?> model_from_config(object? config)
    {
        if (config is IList)
            throw new ArgumentException($"`model_from_config` expects a dictionary, not a list. Received: config={KerasJson.dumps(config)}. Did you meant to use `Sequential.from_config(config)`?", nameof(config));
        if (config is not IDictionary<string, object?> dict || dict.value("config") is not IDictionary<string, object?> || dict.value("class_name") is not string)
            throw new ArgumentException($"The provided configuration is not a valid Keras configuration. Expected a dictionary containing a 'config' key. Received: config={KerasJson.dumps(config)}", nameof(config));
        return layer_config(dict);
    }

    private static Dictionary<string, object?> layer_config(IDictionary<string, object?> dict)
    {
        string class_name = (string)dict["class_name"]!;
        var config = new Dictionary<string, object?>((IDictionary<string, object?>)dict["config"]!, StringComparer.Ordinal);

        if (config.Remove("batch_input_shape", out var batch_input_shape) && batch_input_shape is IList shape)
        {
            // Keras 2 recorded the batch axis too; KerasPort's input_shape is the shape of one sample.
            if (class_name == "InputLayer") config["batch_shape"] = shape;
            else config["input_shape"] = shape.Cast<object?>().Skip(1).ToList();
        }
        if (config.TryGetValue("axis", out var axis) && axis is IList { Count: 1 } single) config["axis"] = Convert.ToInt64(single[0]);

        string module;
        switch (class_name)
        {
            case nameof(Sequential):
                module = "keras";
                if (config.value("layers") is IList layers) config["layers"] = layers.Cast<object?>().Select(l => model_from_config(l)).ToList();
                break;
            case "Functional" or "Model":
                module = FunctionalModule;
                class_name = "Functional";
                if (config.value("layers") is IList graph) config["layers"] = graph.Cast<object?>().Select(functional_layer).ToList();
                break;
            default:
                module = "keras.layers";
                foreach (var key in config.Keys.ToList()) config[key] = nested_object(key, config[key]);
                break;
        }
        return new Dictionary<string, object?> { ["module"] = module, ["class_name"] = class_name, ["config"] = config };
    }

    /// <summary>
    /// A Functional model's layer entry: the layer's config plus its name and its inbound nodes,
    /// which stay as written (Keras 3's <c>{args, kwargs}</c> or Keras 2's
    /// <c>[[layer, node_index, tensor_index, kwargs], ...]</c>, both read by the Functional
    /// deserialization as Keras's <c>deserialize_node</c> reads them).
    /// </summary>
    private static object functional_layer(object? entry)
    {
        var result = model_from_config(entry);
        var dict = (IDictionary<string, object?>)entry!;
        result["name"] = dict.value("name");
        result["inbound_nodes"] = dict.value("inbound_nodes") ?? new List<object?>();
        return result;
    }

    /// <summary>A nested object of a layer config without its module (Keras 2): the module its key names.</summary>
    private static object? nested_object(string key, object? value)
    {
        if (value is IDictionary<string, object?> dict && dict.ContainsKey("class_name") && dict.ContainsKey("config") && !dict.ContainsKey("module"))
        {
            if (key == "layer") return model_from_config(dict);
            var module = NestedModules.FirstOrDefault(m => key.EndsWith(m.suffix, StringComparison.Ordinal)).module;
            if (module is not null) return with_module(dict, module);
        }
        return value;
    }

    private static Dictionary<string, object?> with_module(IDictionary<string, object?> dict, string module)
    {
        var result = new Dictionary<string, object?> { ["module"] = module };
        foreach (var (k, v) in dict) result[k] = v;
        return result;
    }

    /// <summary>
    /// Keras 3's legacy <c>model_config</c> for a model whose <c>.keras</c> config is
    /// <paramref name="serialized"/>: the same, with no <c>module</c>, <c>registered_name</c>,
    /// <c>build_config</c> or <c>compile_config</c> on the model and layer dictionaries and no
    /// <c>shared_object_id</c> anywhere (checked against the files Keras 3.15.1 wrote).
    /// </summary>
    public static Dictionary<string, object?> to_legacy(IDictionary<string, object?> serialized)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in serialized)
        {
            if (key is "module" or "registered_name" or "build_config" or "compile_config" or "shared_object_id") continue;
            result[key] = key == "config" && value is IDictionary<string, object?> config ? legacy_model_config(config) : without_shared_ids(value);
        }
        return result;
    }

    private static Dictionary<string, object?> legacy_model_config(IDictionary<string, object?> config)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in config)
            result[key] = key == "layers" && value is IList layers
                ? layers.Cast<object?>().Select(l => (object?)to_legacy((IDictionary<string, object?>)l!)).ToList()
                : without_shared_ids(value);
        return result;
    }

    private static object? without_shared_ids(object? value) => value switch
    {
        IDictionary<string, object?> d => d.Where(kv => kv.Key != "shared_object_id").ToDictionary(kv => kv.Key, kv => without_shared_ids(kv.Value), StringComparer.Ordinal),
        string => value,
        IList list => list.Cast<object?>().Select(without_shared_ids).ToList(),
        _ => value,
    };

    /// <summary>
    /// Keras's <c>model_metadata</c> training config: the compile arguments without the optimizer,
    /// each Keras object as <c>{class_name, config}</c>, then <c>optimizer_config</c>.
    /// </summary>
    public static Dictionary<string, object?> training_config(Model model)
    {
        var config = model.get_compile_config();
        config.Remove("optimizer");
        var result = config.ToDictionary(kv => kv.Key, kv => legacy_objects(kv.Value), StringComparer.Ordinal);
        var optimizer = model.optimizer!;
        result["optimizer_config"] = new Dictionary<string, object?> { ["class_name"] = optimizer.GetType().Name, ["config"] = optimizer.get_config() };
        return result;
    }

    // Keras's legacy serialize_keras_object: a Keras object is {class_name, config}, found anywhere in a nested structure.
    private static object? legacy_objects(object? value) => value switch
    {
        IDictionary<string, object?> d when d.ContainsKey("class_name") && d.ContainsKey("config") =>
            new Dictionary<string, object?> { ["class_name"] = d["class_name"], ["config"] = d["config"] },
        IDictionary<string, object?> d => d.ToDictionary(kv => kv.Key, kv => legacy_objects(kv.Value), StringComparer.Ordinal),
        string => value,
        IList list => list.Cast<object?>().Select(legacy_objects).ToList(),
        _ => value,
    };

    /// <summary>
    /// Keras's <c>compile_args_from_training_config</c>, as the <c>compile_config</c> of a <c>.keras</c>
    /// file: the optimizer from <c>optimizer_config</c> (class names case-insensitive; Keras 2's
    /// <c>decay</c> dropped with Keras's warning), losses and metrics with their modules.
    /// </summary>
    public static Dictionary<string, object?> compile_config(IDictionary<string, object?> training_config)
    {
        var optimizer = training_config.value("optimizer_config") as IDictionary<string, object?>
            ?? throw new ArgumentException("The training config has no `optimizer_config` dictionary.", nameof(training_config));
        return new Dictionary<string, object?>
        {
            ["optimizer"] = optimizer_object(optimizer),
            ["loss"] = with_modules(training_config.value("loss"), "keras.losses"),
            ["metrics"] = single_output(with_modules(metric_objects(training_config.value("metrics")), "keras.metrics")),
            ["weighted_metrics"] = single_output(with_modules(metric_objects(training_config.value("weighted_metrics")), "keras.metrics")),
            ["loss_weights"] = training_config.value("loss_weights"),
        };
    }

    private static Dictionary<string, object?> optimizer_object(IDictionary<string, object?> optimizer)
    {
        string class_name = optimizer.value("class_name") as string ?? throw new ArgumentException("The `optimizer_config` has no `class_name`.", nameof(optimizer));
        // Keras resolves built-in optimizer names case-insensitively ("adam", "Adam").
        var type = typeof(Optimizer).Assembly.GetTypes().FirstOrDefault(t => typeof(Optimizer).IsAssignableFrom(t) && !t.IsAbstract
            && string.Equals(t.Name, class_name, StringComparison.OrdinalIgnoreCase) && t.Namespace == typeof(Optimizer).Namespace);
        var config = new Dictionary<string, object?>(optimizer.value("config") as IDictionary<string, object?> ?? new Dictionary<string, object?>(), StringComparer.Ordinal);
        if (config.Remove("decay", out var decay) && decay is not null)
            Callback.warn("Argument `decay` is no longer supported and will be ignored.");
        return new Dictionary<string, object?> { ["module"] = "keras.optimizers", ["class_name"] = type?.Name ?? class_name, ["config"] = config };
    }

    // The strings compile resolves from the model's outputs, which Keras's legacy loader keeps as strings.
    private static readonly string[] OutputDependentMetrics = ["accuracy", "acc", "crossentropy", "ce"];

    /// <summary>
    /// Keras's <c>_deserialize_metric</c>: any other metric string (a class name, its snake_case name or an
    /// alias such as <c>"mae"</c>) becomes that class with its defaults, so the loaded model logs it under
    /// the class's name (<c>mean_absolute_error</c>) and saves it as an object, as Keras does.
    /// </summary>
    private static object? metric_objects(object? value) => value switch
    {
        string name when !OutputDependentMetrics.Contains(name) => metric_object(keras.metrics.get(name)!),
        IDictionary<string, object?> d when d.ContainsKey("class_name") => d,
        IDictionary<string, object?> d => d.ToDictionary(kv => kv.Key, kv => metric_objects(kv.Value), StringComparer.Ordinal),
        IList list => list.Cast<object?>().Select(metric_objects).ToList(),
        _ => value,
    };

    private static Dictionary<string, object?> metric_object(Metrics.Metric metric) => new()
    {
        ["module"] = "keras.metrics",
        ["class_name"] = metric.GetType().Name,
        ["config"] = metric.get_config().ToDictionary(kv => kv.Key, kv => (object?)kv.Value, StringComparer.Ordinal),
    };

    private static object? with_modules(object? value, string module) => value switch
    {
        IDictionary<string, object?> d when d.ContainsKey("class_name") => d.ContainsKey("module") ? d : with_module(d, module),
        IDictionary<string, object?> d => d.ToDictionary(kv => kv.Key, kv => with_modules(kv.Value, module), StringComparer.Ordinal),
        string => value,
        IList list => list.Cast<object?>().Select(v => with_modules(v, module)).ToList(),
        _ => value,
    };

    // tf.keras 2 keeps one metrics list per output: a single output's [[...]] is its list.
    private static object? single_output(object? metrics) => metrics is IList { Count: 1 } outer && outer[0] is IList inner ? inner : metrics;
}
