using System.Collections;
using KerasPort.Backend;
using KerasPort.Layers;
using KerasPort.Ops;
using KerasPort.Saving;

namespace KerasPort.Models;

/// <summary>
/// Keras's Functional config (<c>functional.py</c>'s <c>get_config</c>, <c>functional_from_config</c>,
/// <c>serialize_node</c> and <c>deserialize_node</c>): the layers, each with the calls
/// (<c>inbound_nodes</c>) that the model makes of it, and the tensors that are the model's inputs
/// and outputs, each named <c>[layer, node_index, tensor_index]</c>.
/// </summary>
internal static class FunctionalConfig
{
    /// <summary>
    /// Keras's <c>Layer.__call__</c> passes <c>mask</c> to a layer whose <c>call</c> takes one
    /// (none in KerasPort, which has no masking), so the node records <c>"mask": null</c>.
    /// </summary>
    private static bool takes_mask(Layer layer) =>
        layer is BatchNormalization or Softmax or GlobalAveragePooling1D or Lambda or Sequential or Model { is_functional: true };

    /// <summary>A Functional model used as a layer counts, in Keras, a node of its own before its calls.</summary>
    private static int built_in_nodes(Layer layer) => layer is Model { is_functional: true } and not Sequential ? 1 : 0;

    public static Dictionary<string, object?> get_config(Model model, FunctionalGraph graph, IReadOnlyList<string>? input_keys, bool single_input, bool single_output)
    {
        var own = graph.nodes;
        // Keras's node_reindexing_map: a node's index among its layer's nodes that this model keeps.
        var reindexed = new Dictionary<Node, int>();
        foreach (var layer in graph.layers)
        {
            int kept = built_in_nodes(layer);
            foreach (var node in layer.inbound_nodes)
                if (own.Contains(node)) reindexed[node] = kept++;
        }
        var layers = new List<object?>();
        foreach (var layer in graph.layers)
        {
            var config = (Dictionary<string, object?>)Serialization.serialize_keras_object(layer)!;
            config["name"] = layer.name;
            config["inbound_nodes"] = layer.inbound_nodes.Where(n => own.Contains(n) && !n.is_input).Select(n => serialize_node(n, own)).ToList();
            layers.Add(config);
        }
        List<object?> tensor_config(KerasTensor x) => [x.node!.operation.name, (long)reindexed[x.node], (long)x.tensor_index];
        object? inputs = input_keys is not null
            ? input_keys.Zip(graph.inputs).ToDictionary(p => p.First, p => (object?)tensor_config(p.Second))
            : single_input ? tensor_config(graph.inputs[0]) : graph.inputs.Select(x => (object?)tensor_config(x)).ToList();
        object? outputs = single_output ? tensor_config(graph.outputs[0]) : graph.outputs.Select(x => (object?)tensor_config(x)).ToList();
        return new()
        {
            ["name"] = model.name,
            ["trainable"] = model.trainable,
            ["layers"] = layers,
            ["input_layers"] = inputs,
            ["output_layers"] = outputs,
        };
    }

    /// <summary>Keras's <c>serialize_node</c>: the call's arguments, each symbolic tensor with its history among the nodes this model keeps.</summary>
    private static Dictionary<string, object?> serialize_node(Node node, IReadOnlySet<Node> own)
    {
        Dictionary<string, object?> tensor(KerasTensor x)
        {
            var origin = x.node!;
            var nodes = origin.operation.inbound_nodes;
            int index = nodes.IndexOf(origin);
            int irrelevant = nodes.Take(index).Count(n => !own.Contains(n));
            return new()
            {
                ["class_name"] = "__keras_tensor__",
                ["config"] = new Dictionary<string, object?>
                {
                    ["shape"] = x.shape,
                    ["dtype"] = x.dtype,
                    ["keras_history"] = new List<object?> { origin.operation.name, (long)(index - irrelevant), (long)x.tensor_index },
                },
            };
        }
        object? args = node.takes_list ? new List<object?> { node.input_tensors.Select(tensor).ToList() } : new List<object?> { tensor(node.input_tensors[0]) };
        var kwargs = new Dictionary<string, object?>();
        if (node.training is bool training) kwargs["training"] = training;
        if (takes_mask(node.operation)) kwargs["mask"] = node.takes_list ? node.input_tensors.Select(_ => (object?)null).ToList() : null;
        return new() { ["args"] = args, ["kwargs"] = kwargs };
    }

    /// <summary>
    /// Keras's <c>functional_from_config</c>: makes every layer with <paramref name="layer_from_config"/>,
    /// then replays the recorded calls in order of the layers, a call whose inputs do not exist yet
    /// waiting for a later pass (a layer shared at several depths), and makes the model of the
    /// named input and output tensors.
    /// </summary>
    public static Model from_config(IDictionary<string, object?> config, Func<IDictionary<string, object?>, Layer> layer_from_config)
    {
        ArgumentNullException.ThrowIfNull(config);
        foreach (var key in new[] { "layers", "input_layers", "output_layers" })
            if (!config.ContainsKey(key))
                throw new ArgumentException($"A Functional model config needs the keys 'layers', 'input_layers' and 'output_layers'. Received: config keys {string.Join(", ", config.Keys)}", nameof(config));
        var unknown = config.Keys.Except(["name", "trainable", "layers", "input_layers", "output_layers"]).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"Unrecognized keyword arguments passed to Functional: {string.Join(", ", unknown.Select(k => $"{k}={KerasJson.dumps(config[k])}"))}", nameof(config));
        var layer_configs = as_list(config["layers"], "layers").Select(l => l as IDictionary<string, object?>
            ?? throw new ArgumentException($"Each entry of a Functional config's `layers` must be a layer config. Received: {KerasJson.dumps(l)}", nameof(config))).ToList();

        var created = new Dictionary<string, Layer>(StringComparer.Ordinal);
        var unprocessed = new Dictionary<Layer, List<object?>>(ReferenceEqualityComparer.Instance);
        var made = new List<Layer>();
        try
        {
            foreach (var layer_data in layer_configs)
            {
                string name = layer_data.value("name") as string
                    ?? throw new ArgumentException($"A layer of a Functional config has no `name`: {KerasJson.dumps(layer_data)}", nameof(config));
                if (created.ContainsKey(name))
                    throw new ArgumentException($"The layer name \"{name}\" appears twice in the Functional config. All layer names should be unique.", nameof(config));
                var layer = layer_from_config(layer_data);
                made.Add(layer);
                created[name] = layer;
                var nodes = as_list(layer_data.value("inbound_nodes") ?? new List<object?>(), $"inbound_nodes of layer '{name}'");
                if (nodes.Count > 0) unprocessed[layer] = nodes;
            }
            while (unprocessed.Count > 0)
            {
                bool progress = false;
                foreach (var layer_data in layer_configs)
                {
                    var layer = created[(string)layer_data["name"]!];
                    if (!unprocessed.TryGetValue(layer, out var nodes)) continue;
                    int done = 0;
                    while (done < nodes.Count && process_node(layer, nodes[done], created)) done++;
                    if (done == nodes.Count) unprocessed.Remove(layer);
                    else if (done > 0) unprocessed[layer] = nodes.Skip(done).ToList();
                    progress |= done > 0;
                }
                if (!progress)
                    throw new ArgumentException("Invalid Functional model configuration. The graph of the Functional model either has loops or disconnected nodes. " +
                        $"The following nodes failed to be resolved: {string.Join(", ", unprocessed.Select(p => $"'{p.Key.name}': {KerasJson.dumps(p.Value)}"))}", nameof(config));
            }

            var (inputs, input_keys, single_input) = map_tensors(config["input_layers"], created, "input_layers");
            var (outputs, output_keys, single_output) = map_tensors(config["output_layers"], created, "output_layers");
            if (output_keys is not null)
                throw new NotSupportedException("KerasPort's Functional models take a single output or a list of outputs, not a dict of outputs (output_layers is a dict).");
            string? model_name = config.value("name") as string;
            bool trainable = config.value("trainable") is not false;
            if (input_keys is null) return new Model(inputs, null, outputs, model_name, trainable, single_input, single_output);
            // Named inputs: KerasPort takes them in the order of the sorted names, as Keras flattens a dict.
            var named = input_keys.Zip(inputs).OrderBy(p => p.First, StringComparer.Ordinal).ToList();
            return new Model(named.Select(p => p.Second).ToArray(), named.Select(p => p.First).ToArray(), outputs, model_name, trainable, single_output: single_output);
        }
        catch
        {
            foreach (var layer in made) (layer as IDisposable)?.Dispose();
            throw;
        }
    }

    private static List<object?> as_list(object? value, string what) => value is IList list
        ? list.Cast<object?>().ToList()
        : throw new ArgumentException($"A Functional model config's {what} must be a list. Received: {KerasJson.dumps(value)}", "config");

    /// <summary>
    /// Keras's <c>deserialize_node</c> then the call: false (Keras's IndexError) while an input's
    /// node has not been made yet, so that the call waits for a later pass.
    /// </summary>
    private static bool process_node(Layer layer, object? node_data, Dictionary<string, Layer> created)
    {
        IList<object?> args;
        IDictionary<string, object?> kwargs;
        if (node_data is IDictionary<string, object?> dict)
        {
            args = dict.value("args") as IList<object?> ?? throw new ArgumentException($"A node of layer '{layer.name}' has no `args` list: {KerasJson.dumps(node_data)}", "config");
            kwargs = dict.value("kwargs") as IDictionary<string, object?> ?? new Dictionary<string, object?>();
        }
        else if (node_data is IList<object?> legacy)
        {
            // The legacy form (older files): [[layer, node_index, tensor_index, kwargs], ...].
            var tensors = legacy.Select(entry => entry is IList<object?> { Count: 3 or 4 } e ? e : throw new ArgumentException($"Cannot deserialize the model (invalid config data?): a node of layer '{layer.name}' is {KerasJson.dumps(node_data)}", "config")).ToList();
            kwargs = tensors[0].Count == 4 && tensors[0][3] is IDictionary<string, object?> k ? k : new Dictionary<string, object?>();
            args = [tensors.Count == 1 ? legacy_tensor(tensors[0]) : tensors.Select(t => (object?)legacy_tensor(t)).ToList()];
        }
        else throw new ArgumentException($"A node of layer '{layer.name}' must be a dict of args and kwargs. Received: {KerasJson.dumps(node_data)}", "config");

        bool? training = null;
        foreach (var (key, value) in kwargs)
        {
            switch (key)
            {
                case "training" when value is bool or null: training = value as bool?; break;
                case "mask" when value is null || value is IList list && list.Cast<object?>().All(m => m is null): break;
                default:
                    throw new NotSupportedException($"Layer '{layer.name}' is called with `{key}={KerasJson.dumps(value)}` in the config; KerasPort replays calls with `training` only (and no masks).");
            }
        }
        if (args.Count != 1)
            throw new NotSupportedException($"Layer '{layer.name}' is called with {args.Count} positional arguments in the config; KerasPort layers take one (a tensor or a list of tensors).");

        var first = args[0];
        if (first is IList many)
        {
            var tensors = new List<KerasTensor>();
            foreach (var item in many)
            {
                var x = resolve(item, created, layer);
                if (x is null) return false;
                tensors.Add(x);
            }
            layer.__call__(tensors, training);
        }
        else
        {
            var x = resolve(first, created, layer);
            if (x is null) return false;
            layer.__call__(x, training);
        }
        return true;
    }

    private static Dictionary<string, object?> legacy_tensor(IList<object?> entry) => new()
    {
        ["class_name"] = "__keras_tensor__",
        ["config"] = new Dictionary<string, object?> { ["keras_history"] = new List<object?> { entry[0], entry[1], entry[2] } },
    };

    /// <summary>The tensor a serialized <c>__keras_tensor__</c> names; null while its node does not exist yet.</summary>
    private static KerasTensor? resolve(object? data, Dictionary<string, Layer> created, Layer caller)
    {
        if (data is not IDictionary<string, object?> dict || dict.value("class_name") as string != "__keras_tensor__"
            || (dict.value("config") as IDictionary<string, object?>)?.value("keras_history") is not IList<object?> { Count: 3 } history)
            throw new NotSupportedException($"Layer '{caller.name}' is called on {KerasJson.dumps(data)} in the config; KerasPort replays calls on symbolic tensors only.");
        string name = history[0] as string ?? throw new ArgumentException($"A keras_history names no layer: {KerasJson.dumps(history)}", "config");
        if (!created.TryGetValue(name, out var layer))
            throw new ArgumentException($"Invalid Functional model configuration: layer '{caller.name}' is called on an output of layer '{name}', which the config does not have (unknown layer: {name}).", "config");
        int node_index = Convert.ToInt32(history[1]);
        int tensor_index = Convert.ToInt32(history[2]);
        if (node_index < 0 || tensor_index < 0)
            throw new ArgumentException($"Invalid keras_history {KerasJson.dumps(history)} for layer '{caller.name}': indices must be non-negative.", "config");
        if (node_index >= layer.inbound_nodes.Count) return null;
        var outputs = layer.inbound_nodes[node_index].output_tensors;
        if (tensor_index >= outputs.Count)
            throw new ArgumentException($"Invalid keras_history {KerasJson.dumps(history)} for layer '{caller.name}': node {node_index} of '{name}' has {outputs.Count} output(s).", "config");
        return outputs[tensor_index];
    }

    /// <summary>
    /// The tensors <c>input_layers</c> or <c>output_layers</c> name: one <c>[layer, node, tensor]</c>,
    /// a list of them, or a dict of them (keys returned beside the tensors).
    /// </summary>
    private static (KerasTensor[] tensors, string[]? keys, bool single) map_tensors(object? structure, Dictionary<string, Layer> created, string what)
    {
        KerasTensor leaf(object? item)
        {
            if (item is not IList<object?> { Count: 3 } entry || entry[0] is not string name)
                throw new NotSupportedException($"The {what} of a Functional config must be [layer, node_index, tensor_index] entries, a list or a dict of them (nested structures are not supported). Received: {KerasJson.dumps(item)}");
            if (!created.TryGetValue(name, out var layer))
                throw new ArgumentException($"The {what} of the Functional config name layer '{name}', which the config does not have.", "config");
            int node_index = Convert.ToInt32(entry[1]) - built_in_nodes(layer);
            int tensor_index = Convert.ToInt32(entry[2]);
            if (node_index < 0 || node_index >= layer.inbound_nodes.Count || tensor_index < 0 || tensor_index >= layer.inbound_nodes[node_index].output_tensors.Count)
                throw new ArgumentException($"The {what} of the Functional config name {KerasJson.dumps(entry)}, a call of layer '{name}' that the config does not make.", "config");
            return layer.inbound_nodes[node_index].output_tensors[tensor_index];
        }
        switch (structure)
        {
            case IList<object?> { Count: 3 } entry when entry[0] is string:
                return ([leaf(entry)], null, true);
            case IDictionary<string, object?> dict:
                return (dict.Values.Select(leaf).ToArray(), dict.Keys.ToArray(), false);
            case IList<object?> list:
                return (list.Select(leaf).ToArray(), null, false);
            default:
                throw new ArgumentException($"The {what} of a Functional config must be a list or a dict. Received: {KerasJson.dumps(structure)}", "config");
        }
    }
}
