using KerasPort.Backend;
using KerasPort.Callbacks;
using KerasPort.Layers;
using KerasPort.Optimizers;
using TorchSharp;

namespace KerasPort.Models;

/// <summary>
/// Keras's <c>Model</c>: a <see cref="Layer"/> that trains with <c>compile</c> and <c>fit</c>.
/// Three kinds, as in Keras: a Functional model, <c>new Model(inputs, outputs)</c> over the graph
/// of layer calls between <c>keras.Input</c> tensors and outputs; a <see cref="Sequential"/>; and
/// a subclass that creates layers in its fields (or in <c>build</c>) and overrides
/// <see cref="Layer.call(TorchSharp.torch.Tensor, bool)"/>. Being a layer, a model can be called
/// (<c>model.__call__(x)</c>) and used as a layer of another model. Callbacks reach the model they
/// watch through this type.
/// </summary>
public partial class Model : Layer
{
    /// <summary>A model to subclass: its layers are the layer fields of the subclass, its computation the subclass's <c>call</c>.</summary>
    /// <param name="name">The model's name; automatic (snake_case of the class) when null.</param>
    /// <param name="trainable">Whether the model's weights are trained.</param>
    public Model(string? name = null, bool trainable = true) : base(name, trainable)
    {
    }

    /// <summary>Set by a callback to end <c>fit</c> after the current epoch.</summary>
    public bool stop_training { get; set; }

    /// <summary>The optimizer given to <c>compile</c>; null before.</summary>
    public Optimizer? optimizer { get; protected set; }

    /// <summary>The History of the latest <c>fit</c>; null before.</summary>
    public History? history { get; private set; }

    /// <summary>
    /// The layers: a Functional model's in graph order (its InputLayers first), a Sequential's
    /// without its InputLayer, a subclass's layer fields, as Keras's <c>model.layers</c>.
    /// </summary>
    public virtual IReadOnlyList<Layer> layers => _graph?.layers ?? base.tracked_layers;

    internal override IReadOnlyList<Layer> tracked_layers => layers;

    /// <summary>
    /// The forward pass on one input (Keras's <c>call</c>): a Functional model runs its graph; a
    /// subclass overrides it. Call the model with <c>__call__</c>, which builds it on the first input.
    /// </summary>
    public override torch.Tensor call(torch.Tensor inputs, bool training = false)
    {
        if (_graph is null)
            throw new NotImplementedException($"Model {name} does not have a `call()` method implemented. Subclass Model and override call, or build it with Model(inputs, outputs) or Sequential.");
        var outputs = _graph.run(name, [inputs], training);
        return outputs.Length == 1 ? outputs[0] : throw new ArgumentException($"Model {name} has {outputs.Length} outputs; call it with `call(Tensor[])` or `predict_outputs`.", nameof(inputs));
    }

    /// <summary>The forward pass on several inputs (in the order of <c>model.inputs</c>), one tensor per output.</summary>
    public override torch.Tensor[] call(IReadOnlyList<torch.Tensor> inputs, bool training = false)
    {
        if (_graph is null) return base.call(inputs, training);
        return _graph.run(name, inputs, training);
    }

    /// <summary>
    /// Keras's <c>model.build(input_shape)</c>: makes every weight for inputs of
    /// <paramref name="input_shape"/> (batch axis first, null for any batch size). A Functional
    /// model is built when made; a subclass is built by running its <c>call</c> once on zeros of
    /// that shape (the batch axis as 1), in inference mode, as Keras runs it on symbolic inputs.
    /// </summary>
    public override void build(long?[] input_shape)
    {
        ArgumentNullException.ThrowIfNull(input_shape);
        if (_graph is null && !built)
        {
            using var scope = torch.NewDisposeScope();
            using var no_grad = torch.no_grad();
            using var zeros = torch.zeros(input_shape.Select(d => d ?? 1).ToArray());
            using var context = CallContext.enter();
            CallContext.resolve(false, false);
            call(zeros, training: false);
        }
        base.build(input_shape);
    }

    /// <summary>Records the build as a plain layer does, for a model that builds its own layers (a Sequential).</summary>
    private protected void mark_built(long?[] input_shape) => base.build(input_shape);

    /// <summary>Keras's <c>get_layer</c>: the layer called <paramref name="name"/>, or the one at <paramref name="index"/>.</summary>
    public Layer get_layer(string? name = null, int? index = null)
    {
        if ((name is null) == (index is null))
            throw new ArgumentException("Provide only a layer name or a layer index. Received: name and index both given or both null.", nameof(name));
        if (index is int i)
        {
            if (i < 0 || i >= layers.Count)
                throw new ArgumentException($"Was asked to retrieve layer at index {i} but model only has {layers.Count} layers.", nameof(index));
            return layers[i];
        }
        return layers.FirstOrDefault(l => l.name == name)
            ?? throw new ArgumentException($"No such layer: {name}. Existing layers are: {string.Join(", ", layers.Select(l => l.name))}.", nameof(name));
    }
}
