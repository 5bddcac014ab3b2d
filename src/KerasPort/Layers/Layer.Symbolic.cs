using KerasPort.Backend;
using KerasPort.Ops;

namespace KerasPort.Layers;

public abstract partial class Layer
{
    /// <summary>The calls of this layer on symbolic tensors, in order (Keras's <c>_inbound_nodes</c>).</summary>
    internal List<Node> inbound_nodes { get; } = new();

    /// <summary>The calls that took this layer's symbolic outputs (Keras's <c>_outbound_nodes</c>).</summary>
    internal List<Node> outbound_nodes { get; } = new();

    /// <summary>
    /// The Functional API's <c>layer(x)</c>: builds the layer for <paramref name="inputs"/>'s shape
    /// (a failed build leaves it unbuilt), checks the shape, and returns the symbolic output, whose
    /// shape is <see cref="compute_output_shape(long?[])"/>. The call is recorded, so that a
    /// <c>Model(inputs, outputs)</c> replays it; <paramref name="training"/> given here is replayed
    /// when the model's own call leaves training open.
    /// </summary>
    public KerasTensor __call__(KerasTensor inputs, bool? training = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return single_output(symbolic_call([inputs], training, takes_list: false));
    }

    /// <summary>The Functional API's <c>layer([a, b])</c>: a layer that takes several symbolic inputs (a merge layer, a model).</summary>
    public KerasTensor __call__(IReadOnlyList<KerasTensor> inputs, bool? training = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return single_output(symbolic_call(inputs, training, takes_list: true));
    }

    private KerasTensor single_output(KerasTensor[] outputs) => outputs.Length == 1
        ? outputs[0]
        : throw new ArgumentException($"Layer '{name}' has {outputs.Length} outputs; a layer with several outputs cannot be called on symbolic tensors here.", "inputs");

    private KerasTensor[] symbolic_call(IReadOnlyList<KerasTensor> inputs, bool? training, bool takes_list)
    {
        if (inputs.Count == 0 || inputs.Any(t => t is null))
            throw new ArgumentException($"Layer '{name}' was called on an empty or null input list.", nameof(inputs));
        var shapes = inputs.Select(t => t.shape).ToList();
        long?[][] output_shapes = null!;
        void body()
        {
            if (!built)
            {
                if (takes_list) build(shapes);
                else build(shapes[0]);
            }
            if (!takes_list) assert_symbolic_compatibility(shapes[0]);
            output_shapes = takes_list ? compute_output_shape(shapes) : [compute_output_shape(shapes[0])];
        }
        if (built) body();
        else build_or_rollback(body);
        built = true;
        record_build_shape(takes_list ? shapes.ToArray() : shapes[0]);
        var outputs = output_shapes.Select(s => new KerasTensor(s, inputs[0].dtype)).ToArray();
        _ = new Node(this, inputs, outputs, training, takes_list);
        return outputs;
    }

    /// <summary>
    /// <see cref="assert_input_compatibility"/> on a symbolic shape: unknown dimensions are checked
    /// as size 1, and the error names the shape as Keras writes it (<c>(None, 4)</c>).
    /// </summary>
    private void assert_symbolic_compatibility(long?[] shape)
    {
        var concrete = shape.Select(d => d ?? 1).ToArray();
        try
        {
            assert_input_compatibility(concrete);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException(e.Message.Replace(ShapeText.format(concrete), ShapeText.format(shape)).Replace($" (Parameter '{e.ParamName}')", ""), e.ParamName, e);
        }
    }
}
