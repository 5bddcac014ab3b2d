using KerasPort.Backend;
using KerasPort.Callbacks;
using KerasPort.Layers;
using KerasPort.Optimizers;
using TorchSharp;
using TorchSharp.Modules;

namespace KerasPort.Models;

/// <summary>
/// Keras's <c>Model</c>: layers with weights that train with <c>compile</c> and <c>fit</c>.
/// Callbacks reach the model they watch through this type. The training machinery
/// (<c>compile</c>, <c>fit</c>, <c>evaluate</c>, <c>predict</c>, <c>summary</c>) works on
/// <see cref="layers"/> and <see cref="call"/>, which a subclass such as <see cref="Sequential"/>
/// provides.
/// </summary>
public abstract partial class Model
{
    /// <param name="name">The model's name; automatic (snake_case of the class) when null.</param>
    protected Model(string? name = null)
    {
        this.name = name ?? GlobalState.auto_name(GetType().Name);
    }

    /// <summary>The model's name (<c>sequential</c>, <c>sequential_1</c>, ...).</summary>
    public string name { get; }

    /// <summary>Set by a callback to end <c>fit</c> after the current epoch.</summary>
    public bool stop_training { get; set; }

    /// <summary>The optimizer given to <c>compile</c>; null before.</summary>
    public Optimizer? optimizer { get; protected set; }

    /// <summary>The History of the latest <c>fit</c>; null before.</summary>
    public History? history { get; private set; }

    /// <summary>The layers, in order (a Sequential leaves its InputLayer out, as Keras does).</summary>
    public virtual IReadOnlyList<Layer> layers => [];

    /// <summary>
    /// The forward pass (Keras's <c>model(x, training=...)</c>): builds on the first input and
    /// records the activity penalties of this call. Subclasses define it.
    /// </summary>
    public virtual torch.Tensor call(torch.Tensor inputs, bool training = false) =>
        throw new NotImplementedException($"Model {name} does not define call; subclass Model and override call, or use Sequential.");

    /// <summary>Whether training changes the weights; setting it sets every layer's <c>trainable</c>.</summary>
    public bool trainable
    {
        get => layers.Count == 0 || layers.Any(l => l.trainable);
        set
        {
            foreach (var layer in layers) layer.trainable = value;
        }
    }

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

    /// <summary>The trainable weights of every layer, in Keras's order.</summary>
    public IReadOnlyList<Parameter> trainable_weights => layers.SelectMany(l => l.trainable_weights).ToList();

    /// <summary>The weights that training leaves alone.</summary>
    public IReadOnlyList<Parameter> non_trainable_weights => layers.SelectMany(l => l.non_trainable_weights).ToList();

    /// <summary>
    /// Keras's <c>model.losses</c>: the activity penalties of the latest call, in layer order,
    /// then the weight penalties in trainable-weight order (kernel then bias per layer).
    /// </summary>
    public List<torch.Tensor> losses
    {
        get
        {
            var result = layers.SelectMany(l => l.activity_losses).ToList();
            result.AddRange(layers.SelectMany(l => l.weight_regularization_losses()));
            return result;
        }
    }

    /// <summary>The number of scalars in every weight.</summary>
    public long count_params() => layers.Sum(l => l.count_params());

    private IEnumerable<Parameter> all_weights() => layers.SelectMany(l => l.variables.Select(w => w.variable));

    /// <summary>Every weight as a new tensor, in Keras's order and layout.</summary>
    public virtual torch.Tensor[] get_weights() => all_weights().Select(w => w.detach().clone()).ToArray();

    /// <summary>Sets every weight; checks the count and each shape first and changes nothing on failure.</summary>
    public virtual void set_weights(IReadOnlyList<torch.Tensor> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var targets = all_weights().ToList();
        if (weights.Count != targets.Count)
            throw new ArgumentException($"You called `set_weights(weights)` on model {name} with a weight list of length {weights.Count}, but the model was expecting {targets.Count} weights.", nameof(weights));
        for (int i = 0; i < targets.Count; i++)
        {
            if (!weights[i].shape.SequenceEqual(targets[i].shape))
                throw new ArgumentException($"Weight {i} of model {name} has shape {ShapeText.format(targets[i].shape)}; received a value of shape {ShapeText.format(weights[i].shape)}.", nameof(weights));
        }
        using var _ = torch.no_grad();
        using var conversions = torch.NewDisposeScope();
        for (int i = 0; i < targets.Count; i++) targets[i].copy_(weights[i].to_type(targets[i].dtype));
    }

}
