using KerasPort.Backend;
using KerasPort.Layers;

namespace KerasPort.Ops;

/// <summary>
/// Keras's <c>Node</c>: one call of a layer on symbolic tensors, with the tensors it took and the
/// tensors it gave. A Functional model is the graph of these nodes between its inputs and outputs,
/// and replays them in order on real tensors.
/// </summary>
public sealed class Node
{
    /// <param name="operation">The layer called.</param>
    /// <param name="input_tensors">The tensors it was called on (none for an InputLayer).</param>
    /// <param name="output_tensors">The tensors the call gave; each learns that this node made it.</param>
    /// <param name="training">The <c>training</c> value given explicitly at the call, replayed when the model's own call leaves it open.</param>
    /// <param name="takes_list">Whether the layer was called on a list (a merge layer) rather than one tensor.</param>
    internal Node(Layer operation, IReadOnlyList<KerasTensor> input_tensors, IReadOnlyList<KerasTensor> output_tensors, bool? training, bool takes_list)
    {
        this.operation = operation;
        this.input_tensors = input_tensors.ToArray();
        this.output_tensors = output_tensors.ToArray();
        this.training = training;
        this.takes_list = takes_list;
        for (int i = 0; i < this.output_tensors.Count; i++) this.output_tensors[i].set_history(this, i);
        operation.inbound_nodes.Add(this);
        foreach (var parent in parent_nodes) parent.operation.outbound_nodes.Add(this);
    }

    /// <summary>The layer this node calls.</summary>
    public Layer operation { get; }

    /// <summary>The symbolic inputs of the call.</summary>
    public IReadOnlyList<KerasTensor> input_tensors { get; }

    /// <summary>The symbolic outputs of the call.</summary>
    public IReadOnlyList<KerasTensor> output_tensors { get; }

    internal bool? training { get; }

    internal bool takes_list { get; }

    /// <summary>The node of an InputLayer: the start of a graph.</summary>
    public bool is_input => input_tensors.Count == 0;

    /// <summary>The nodes that made this node's inputs, each once.</summary>
    public IReadOnlyList<Node> parent_nodes =>
        input_tensors.Select(t => t.node).OfType<Node>().Distinct().ToList();
}
