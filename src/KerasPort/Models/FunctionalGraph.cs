using KerasPort.Backend;
using KerasPort.Layers;
using KerasPort.Ops;
using static TorchSharp.torch;

namespace KerasPort.Models;

/// <summary>
/// The graph of a Functional model (Keras's <c>Function</c> and <c>map_graph</c>): the nodes
/// between the inputs and the outputs, grouped by depth (the outputs at depth 0), and the layers in
/// Keras's order (deepest first, then in the order a depth-first walk from the outputs meets
/// them). Checked when made: every input is a <c>keras.Input</c> tensor, every output reachable,
/// no cycle, no two layers with one name.
/// </summary>
internal sealed class FunctionalGraph
{
    public FunctionalGraph(IReadOnlyList<KerasTensor> inputs, IReadOnlyList<KerasTensor> outputs)
    {
        if (inputs.Count == 0) throw new ArgumentException("`inputs` argument cannot be empty. Received: inputs=[]", nameof(inputs));
        if (outputs.Count == 0) throw new ArgumentException("`outputs` argument cannot be empty. Received: outputs=[]", nameof(outputs));
        foreach (var x in inputs)
        {
            if (x is null) throw new ArgumentException("All `inputs` values must be KerasTensors. Received a null entry.", nameof(inputs));
            if (!x.is_input)
                throw new ArgumentException($"All `inputs` must be tensors made by `keras.Input`. Received: {x}" + (x.node is null ? " (made directly, not by keras.Input)" : $" (an output of layer '{x.node.operation.name}')"), nameof(inputs));
        }
        foreach (var x in outputs)
            if (x is null) throw new ArgumentException("All `outputs` values must be KerasTensors. Received a null entry.", nameof(outputs));
        this.inputs = inputs.ToArray();
        this.outputs = outputs.ToArray();

        // Keras's _build_map: depth-first from each output, nodes from the inputs towards the outputs.
        var finished = new HashSet<Node>();
        var in_progress = new HashSet<Node>();
        var ordered = new List<Node>();
        var layer_indices = new Dictionary<Layer, int>(ReferenceEqualityComparer.Instance);
        void visit(KerasTensor tensor)
        {
            var node = tensor.node ?? throw new ArgumentException($"Output tensor {tensor} was not made by a layer call: it is not connected to `inputs`.", nameof(outputs));
            if (finished.Contains(node)) return;
            if (in_progress.Contains(node))
                throw new ArgumentException($"Tensor {tensor} from operation '{node.operation.name}' is part of a cycle.", nameof(outputs));
            layer_indices.TryAdd(node.operation, layer_indices.Count);
            in_progress.Add(node);
            foreach (var x in node.input_tensors) visit(x);
            finished.Add(node);
            in_progress.Remove(node);
            ordered.Add(node);
        }
        foreach (var x in outputs) visit(x);

        // Depths: the outputs' nodes at 0, each parent at least one deeper than its children.
        var node_depth = new Dictionary<Node, int>();
        var layer_depth = new Dictionary<Layer, int>(ReferenceEqualityComparer.Instance);
        var in_graph = new HashSet<Node>(ordered);
        for (int i = ordered.Count - 1; i >= 0; i--)
        {
            var node = ordered[i];
            int depth = Math.Max(node_depth.GetValueOrDefault(node), layer_depth.GetValueOrDefault(node.operation));
            layer_depth[node.operation] = depth;
            node_depth[node] = depth;
            foreach (var parent in node.parent_nodes)
                if (in_graph.Contains(parent)) node_depth[parent] = Math.Max(depth + 1, node_depth.GetValueOrDefault(parent));
        }
        foreach (var x in this.inputs)
        {
            var layer = x.node!.operation;
            if (layer_depth.ContainsKey(layer)) continue;
            // An input no output depends on still belongs to the model (Keras keeps it, at depth 0).
            layer_depth[layer] = 0;
            layer_indices[layer] = -1;
            node_depth[x.node] = 0;
        }
        nodes_by_depth = node_depth.GroupBy(p => p.Value).OrderByDescending(g => g.Key)
            .Select(g => (IReadOnlyList<Node>)g.Select(p => p.Key).ToList()).ToList();
        layers = layer_depth.GroupBy(p => p.Value).OrderByDescending(g => g.Key)
            .SelectMany(g => g.Select(p => p.Key).OrderBy(l => layer_indices[l])).ToList();

        // Every tensor a node takes must come from the inputs or an earlier node.
        var computable = new HashSet<KerasTensor>(this.inputs);
        var done = new List<string>();
        foreach (var node in nodes_by_depth.SelectMany(n => n))
        {
            foreach (var x in node.input_tensors)
                if (!computable.Contains(x))
                    throw new ArgumentException($"Graph disconnected: cannot find parent for tensor {x} at layer '{node.operation.name}' ({node.operation.GetType().Name}). The following previous layers were accessed without issue: [{string.Join(", ", done.Select(n => $"'{n}'"))}]", nameof(inputs));
            if (node.is_input && !computable.Contains(node.output_tensors[0]))
                throw new ArgumentException($"Graph disconnected: cannot find parent for tensor {node.output_tensors[0]} at layer '{node.operation.name}' (InputLayer): this input is not among the model's `inputs`. The following previous layers were accessed without issue: [{string.Join(", ", done.Select(n => $"'{n}'"))}]", nameof(inputs));
            done.Add(node.operation.name);
            foreach (var x in node.output_tensors) computable.Add(x);
        }
        foreach (var group in layers.GroupBy(l => l.name).Where(g => g.Count() > 1))
            throw new ArgumentException($"The name \"{group.Key}\" is used {group.Count()} times in the model. All operation names should be unique.", nameof(outputs));
        nodes = new HashSet<Node>(node_depth.Keys);
    }

    public KerasTensor[] inputs { get; }

    public KerasTensor[] outputs { get; }

    /// <summary>The nodes by depth, deepest (the inputs) first.</summary>
    public IReadOnlyList<IReadOnlyList<Node>> nodes_by_depth { get; }

    /// <summary>The nodes of this model (a shared layer has nodes in other graphs too).</summary>
    public IReadOnlySet<Node> nodes { get; }

    /// <summary>The layers in Keras's order, InputLayers included.</summary>
    public IReadOnlyList<Layer> layers { get; }

    /// <summary>
    /// Replays the graph on real tensors (Keras's <c>_run_through_graph</c>): each node calls its
    /// layer on the tensors its inputs became. Training: the model's own value when its call gave
    /// one, else the value recorded when the graph was made, else each layer's default.
    /// </summary>
    public Tensor[] run(string model_name, IReadOnlyList<Tensor> values, bool training)
    {
        if (values.Count != inputs.Length)
            throw new ArgumentException($"Layer \"{model_name}\" expects {inputs.Length} input(s), but it received {values.Count} input tensors.", "inputs");
        var tensors = new Dictionary<KerasTensor, Tensor>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < inputs.Length; i++)
        {
            check_input(model_name, i, inputs[i], values[i]);
            tensors[inputs[i]] = values[i];
        }
        bool? model_training = CallContext.active ? CallContext.training : training;
        foreach (var node in nodes_by_depth.SelectMany(n => n))
        {
            if (node.is_input) continue;
            var args = node.input_tensors.Select(x => tensors[x]).ToList();
            var layer_training = model_training ?? node.training;
            var outs = node.operation.run_call(args, layer_training, node.takes_list);
            for (int i = 0; i < outs.Length; i++) tensors[node.output_tensors[i]] = outs[i];
        }
        return outputs.Select(x => tensors[x]).ToArray();
    }

    /// <summary>Keras's input spec check of a Functional model: rank and every known dimension must match the Input.</summary>
    private static void check_input(string model_name, int index, KerasTensor reference, Tensor value)
    {
        bool ok = value.dim() == reference.ndim
            && value.shape.Zip(reference.shape).All(p => p.Second is null || p.Second == p.First);
        if (!ok)
            throw new ArgumentException($"Input {index} of layer \"{model_name}\" is incompatible with the layer: expected shape={ShapeText.format(reference.shape)}, found shape={ShapeText.format(value.shape)}", "inputs");
    }

    /// <summary>The output shapes for inputs of <paramref name="input_shapes"/>: each layer's compute_output_shape along the graph.</summary>
    public long?[][] compute_output_shape(IReadOnlyList<long?[]> input_shapes)
    {
        if (input_shapes.Count != inputs.Length)
            throw new ArgumentException($"The model expects {inputs.Length} input shape(s), but it received {input_shapes.Count}.", nameof(input_shapes));
        var shapes = new Dictionary<KerasTensor, long?[]>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < inputs.Length; i++) shapes[inputs[i]] = input_shapes[i];
        foreach (var node in nodes_by_depth.SelectMany(n => n))
        {
            if (node.is_input) continue;
            var args = node.input_tensors.Select(x => shapes[x]).ToList();
            var outs = node.takes_list ? node.operation.compute_output_shape(args) : [node.operation.compute_output_shape(args[0])];
            for (int i = 0; i < outs.Length; i++) shapes[node.output_tensors[i]] = outs[i];
        }
        return outputs.Select(x => shapes[x]).ToArray();
    }
}
