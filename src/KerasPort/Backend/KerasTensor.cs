using KerasPort.Layers;
using KerasPort.Ops;

namespace KerasPort.Backend;

/// <summary>
/// Keras's <c>KerasTensor</c>: a symbolic tensor of the Functional API. It holds a shape (batch
/// axis first, null where unknown), a dtype and a name, and remembers the <see cref="Node"/> (the
/// call of a layer) that made it, so that <c>new Model(inputs, outputs)</c> can find the graph
/// between them. <c>keras.Input(shape)</c> makes the first ones; <c>layer.__call__(x)</c> on a
/// KerasTensor makes the next ones.
/// </summary>
/// <example><code>
/// var inputs = keras.Input(shape: [784]);
/// var x = new Dense(64, activation: "relu").__call__(inputs);
/// var model = new Model(inputs, new Dense(10).__call__(x));
/// </code></example>
public sealed class KerasTensor
{
    private readonly long?[] _shape;

    /// <param name="shape">The shape, batch axis first; null for an unknown dimension.</param>
    /// <param name="dtype">The dtype's Keras name (<c>float32</c>).</param>
    /// <param name="name">The tensor's name; automatic (<c>keras_tensor</c>, <c>keras_tensor_1</c>, ...) when null.</param>
    public KerasTensor(long?[] shape, string dtype = "float32", string? name = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        _shape = (long?[])shape.Clone();
        this.dtype = dtype ?? throw new ArgumentNullException(nameof(dtype));
        this.name = name ?? GlobalState.auto_name(nameof(KerasTensor));
    }

    /// <summary>The shape, batch axis first (Keras's <c>(None, 3)</c> is <c>[null, 3]</c>).</summary>
    public long?[] shape => (long?[])_shape.Clone();

    /// <summary>The number of axes.</summary>
    public int ndim => _shape.Length;

    /// <summary>The dtype's Keras name.</summary>
    public string dtype { get; }

    /// <summary>The tensor's name (an Input's tensor carries its InputLayer's name).</summary>
    public string name { get; }

    /// <summary>The call that made this tensor; null for a tensor made directly.</summary>
    internal Node? node { get; private set; }

    /// <summary>Which output of <see cref="node"/> this tensor is.</summary>
    internal int tensor_index { get; private set; }

    /// <summary>
    /// Keras's <c>_keras_history</c>: the layer that made the tensor, which of its calls (node
    /// index) and which of that call's outputs (tensor index); null for a tensor made directly.
    /// </summary>
    public (Layer operation, int node_index, int tensor_index)? _keras_history =>
        node is null ? null : (node.operation, node.operation.inbound_nodes.IndexOf(node), tensor_index);

    /// <summary>Records the call that made this tensor (done once, by the Node).</summary>
    internal void set_history(Node node, int tensor_index)
    {
        this.node = node;
        this.tensor_index = tensor_index;
    }

    /// <summary>Whether the tensor is the output of a <c>keras.Input</c> (an InputLayer).</summary>
    internal bool is_input => node is { is_input: true };

    /// <summary>
    /// The InputLayer behind a <c>keras.Input(...)</c> tensor, so that
    /// <c>new Sequential([keras.Input(shape: [28, 28, 1]), ...])</c> reads as in Keras.
    /// </summary>
    public static implicit operator Layer(KerasTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.node?.operation is InputLayer input) return input;
        throw new ArgumentException($"Only a keras.Input tensor stands for a layer. Received: {tensor}", nameof(tensor));
    }

    /// <summary>Keras's repr: <c>&lt;KerasTensor shape=(None, 3), dtype=float32, sparse=False, ragged=False, name=keras_tensor&gt;</c>.</summary>
    public override string ToString() =>
        $"<KerasTensor shape={ShapeText.format(_shape)}, dtype={dtype}, sparse=False, ragged=False, name={name}>";
}
