using KerasPort.Backend;
using KerasPort.Regularizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Base of Keras's layers. A layer is named at construction (<c>dense</c>, <c>dense_1</c>, ...
/// unless <c>name:</c> is given), builds its weights on the first input shape it sees, and
/// computes <see cref="call(Tensor, bool)"/>; <see cref="__call__(Tensor, bool?)"/> adds the building, the input check and
/// the activity regularization around it, as Keras's <c>Layer.__call__</c>.
/// Shapes include the batch axis, null where unknown: <c>[null, 60]</c> is Keras's <c>(None, 60)</c>.
/// </summary>
public abstract partial class Layer
{
    private readonly List<LayerWeight> _weights = new();
    /// <summary>The device of the layer's weights when it is not the CPU (<c>keras.device</c>); inputs are moved there.</summary>
    internal torch.Device? weights_device { get; private set; }
    private readonly List<Tensor> _losses = new();
    private bool _trainable;
    private bool _losses_owned;
    // The layers (of every model) whose _losses hold penalties not yet detached: it stays 0 without activity regularizers.
    private static int _layers_with_unowned_losses;

    /// <param name="name">The layer's name; an automatic one (snake_case of the class) when null.</param>
    /// <param name="trainable">Whether its weights are trained.</param>
    /// <param name="input_shape">The shape of one sample (no batch axis), to build at once as Keras does.</param>
    /// <param name="activity_regularizer">A penalty on the layer's output, added to the loss.</param>
    protected Layer(string? name = null, bool trainable = true, long[]? input_shape = null, RegularizerSpec? activity_regularizer = null)
    {
        if (name is not null && (name.Length == 0 || name.Contains('/')))
            throw new ArgumentException($"Argument `name` must be a string and cannot contain character `/`. Received: name={name} (of type <class 'str'>)", nameof(name));
        this.name = name ?? GlobalState.auto_name(GetType().Name);
        _trainable = trainable;
        this.activity_regularizer = activity_regularizer?.resolve();
        if (input_shape is not null)
        {
            if (input_shape.Any(d => d <= 0))
                throw new ArgumentException($"Invalid value received for argument input_shape. Expected positive dimensions. Received: input_shape={ShapeText.format(input_shape.Select(d => (long?)d).ToArray())}", nameof(input_shape));
            batch_input_shape = [null, .. input_shape.Select(d => (long?)d)];
        }
    }

    /// <summary>The layer's unique name.</summary>
    public string name { get; }

    /// <summary>Whether the weights are trained; false freezes every weight of the layer.</summary>
    public bool trainable
    {
        get => _trainable;
        set
        {
            _trainable = value;
            foreach (var w in _weights) w.variable.requires_grad = value && w.trainable;
            // As Keras, freezing or unfreezing a layer does the same to every sublayer.
            foreach (var layer in tracked_layers) layer.trainable = value;
        }
    }

    /// <summary>True once the weights exist.</summary>
    public bool built { get; protected set; }

    /// <summary>Keras's <c>activity_regularizer</c>: a penalty on the output, divided by the batch size.</summary>
    public Regularizer? activity_regularizer { get; set; }

    /// <summary>The input shape given with <c>input_shape:</c>, batch axis first (null); null if none.</summary>
    public long?[]? batch_input_shape { get; protected set; }

    /// <summary>The input shape the layer was built with (batch axis included); null before.</summary>
    public long?[]? build_input_shape { get; private set; }

    /// <summary>
    /// The input shape of the layer's first build or call (a <c>long?[]</c>, or one per input,
    /// <c>long?[][]</c>, for a layer called on a list), which Keras's build config records; also
    /// set for layers KerasPort builds at construction and Keras does not. Null before.
    /// </summary>
    internal object? build_config_shape { get; private set; }

    /// <summary>Records the first input shape(s) the layer sees (see <see cref="build_config_shape"/>).</summary>
    internal void record_build_shape(object shape) => build_config_shape ??= shape;

    /// <summary>
    /// The trainable weights, in Keras's order: the layer's own (for example kernel then bias),
    /// then those of its sublayers (a model's layers, a subclass's layer fields); none when the
    /// layer is frozen.
    /// </summary>
    public IReadOnlyList<Parameter> trainable_weights => trainable_entries().Select(w => w.variable).ToList();

    /// <summary>The weights that training does not change (every weight of a frozen layer).</summary>
    public IReadOnlyList<Parameter> non_trainable_weights
    {
        get
        {
            var trained = new HashSet<Parameter>(trainable_entries().Select(w => w.variable), ReferenceEqualityComparer.Instance);
            return variables.Where(w => !trained.Contains(w.variable)).Select(w => w.variable).ToList();
        }
    }

    /// <summary>The trainable weights with their regularizers: none when this layer or the sublayer holding them is frozen.</summary>
    private IEnumerable<LayerWeight> trainable_entries()
    {
        if (!_trainable) return [];
        var seen = new HashSet<Parameter>(ReferenceEqualityComparer.Instance);
        return _weights.Where(w => w.trainable).Concat(tracked_layers.SelectMany(c => c.trainable_entries())).Where(w => seen.Add(w.variable)).ToList();
    }

    /// <summary>The weights the layer made itself with <see cref="add_weight(string, long[], Initializers.Initializer, Regularizer, Func{Tensor, Tensor}, bool)"/>, in creation order.</summary>
    internal IReadOnlyList<LayerWeight> own_variables => _weights;

    /// <summary>
    /// Every weight with its regularizer and constraint: the layer's own in creation order, then
    /// each sublayer's, each weight once (a shared layer counts once), as Keras's <c>layer.weights</c>.
    /// </summary>
    internal IReadOnlyList<LayerWeight> variables
    {
        get
        {
            var children = tracked_layers;
            if (children.Count == 0) return _weights;
            var seen = new HashSet<Parameter>(ReferenceEqualityComparer.Instance);
            var result = new List<LayerWeight>();
            foreach (var w in _weights.Concat(children.SelectMany(c => c.variables)))
                if (seen.Add(w.variable)) result.Add(w);
            return result;
        }
    }

    /// <summary>
    /// The penalties of the latest call (activity terms, this layer's then its sublayers') followed
    /// by the weight penalties of the trainable weights, as Keras's <c>layer.losses</c>.
    /// </summary>
    public List<Tensor> losses
    {
        get
        {
            var result = new List<Tensor>(activity_losses);
            result.AddRange(weight_regularization_losses());
            return result;
        }
    }

    /// <summary>The activity penalties recorded by the latest call, this layer's then each sublayer's.</summary>
    internal IReadOnlyList<Tensor> activity_losses
    {
        get
        {
            var children = tracked_layers;
            if (children.Count == 0) return _losses;
            var result = new List<Tensor>(_losses);
            foreach (var layer in flatten_layers(include_self: false)) result.AddRange(layer._losses);
            return result;
        }
    }

    internal IEnumerable<Tensor> weight_regularization_losses()
    {
        foreach (var w in trainable_entries())
            if (w.regularizer is not null) yield return w.regularizer.call(w.variable);
    }

    /// <summary>
    /// Keeps the activity penalties of the latest call past the dispose scope of a training or
    /// inference step, as values (Keras's <c>model.losses</c> still shows them after fit/predict).
    /// </summary>
    internal void detach_losses()
    {
        // Nothing to keep (no layer anywhere holds a step's penalties): no walk over the layers.
        if (Volatile.Read(ref _layers_with_unowned_losses) == 0) return;
        foreach (var layer in flatten_layers(include_self: true))
        {
            if (layer._losses_owned) continue;
            if (layer._losses.Count > 0) Interlocked.Decrement(ref _layers_with_unowned_losses);
            for (int i = 0; i < layer._losses.Count; i++) layer._losses[i] = layer._losses[i].detach().clone().MoveToOuterDisposeScope();
            layer._losses_owned = true;
        }
    }

    /// <summary>Records a penalty of the current call, owned by the step's dispose scope until <see cref="detach_losses"/>.</summary>
    private void add_unowned_loss(Tensor penalty)
    {
        if (_losses.Count == 0) Interlocked.Increment(ref _layers_with_unowned_losses);
        _losses.Add(penalty);
    }

    private void clear_losses()
    {
        if (_losses_owned) foreach (var t in _losses) t.Dispose();
        else if (_losses.Count > 0) Interlocked.Decrement(ref _layers_with_unowned_losses);
        _losses_owned = false;
        _losses.Clear();
    }

    /// <summary>
    /// Creates the weights for inputs of <paramref name="input_shape"/> (batch axis first).
    /// Overrides create their weights with <see cref="add_weight(string, long[], Initializers.Initializer, Regularizer, Func{Tensor, Tensor}, bool)"/>, then call this base.
    /// </summary>
    public virtual void build(long?[] input_shape)
    {
        build_input_shape = (long?[])input_shape.Clone();
        record_build_shape(build_input_shape);
        built = true;
    }

    /// <summary>
    /// The layer's computation (Keras's <c>call</c>); <paramref name="training"/> switches dropout,
    /// noise and augmentation on. Subclasses override it; callers use <see cref="__call__(Tensor, bool?)"/>.
    /// </summary>
    public abstract Tensor call(Tensor inputs, bool training = false);

    /// <summary>Throws Keras's "incompatible with the layer" error when an input cannot go through.</summary>
    protected virtual void assert_input_compatibility(long[] shape)
    {
    }

    /// <summary>The output shape for <paramref name="input_shape"/> (batch axis first); the identity by default.</summary>
    public virtual long?[] compute_output_shape(long?[] input_shape) => (long?[])input_shape.Clone();

    /// <summary>The number of scalars in the weights; the layer must be built.</summary>
    public long count_params()
    {
        if (!built)
            throw new InvalidOperationException($"You tried to call count_params on layer '{name}', but the layer isn't built. You can build it manually via: `layer.build(input_shape)`.");
        return variables.Sum(w => w.variable.numel());
    }

    /// <summary>Marks a layer without weights as built at construction, as Keras's <c>_build_at_init</c>.</summary>
    protected void build_at_init() => built = true;

    /// <summary>The input shape of the layer inside its model, recorded when the model is built (for <c>summary</c>).</summary>
    internal long?[]? model_input_shape { get; set; }

    /// <summary>
    /// Keras's <c>add_weight</c>: a new Parameter of <paramref name="shape"/> made by
    /// <paramref name="initializer"/>, penalised by <paramref name="regularizer"/> and projected by
    /// <paramref name="constraint"/> after each update. The weight belongs to the layer, not to the
    /// dispose scope it is made in (a layer built lazily inside a training step keeps it).
    /// </summary>
    protected Parameter add_weight(string name, long[] shape, Initializers.Initializer initializer,
        Regularizer? regularizer = null, Func<Tensor, Tensor>? constraint = null, bool trainable = true) =>
        new_weight(name, shape, ScalarType.Float32, () => initializer.call(shape, ScalarType.Float32), regularizer, constraint, trainable);

    /// <summary>
    /// A non-trainable int64 weight of zeros (Keras's <c>add_weight(dtype="int")</c>, a counter
    /// such as Normalization's <c>count</c>): saved and loaded with the others, never optimized.
    /// </summary>
    private protected Parameter add_int_weight(string name, long[] shape) =>
        new_weight(name, shape, ScalarType.Int64, () => zeros(shape, ScalarType.Int64, Devices.current()), null, null, trainable: false);

    // The weight's value made by make() on the CPU, then placed on the current device, and kept by the layer.
    private Parameter new_weight(string name, long[] shape, ScalarType dtype, Func<Tensor> make,
        Regularizer? regularizer, Func<Tensor, Tensor>? constraint, bool trainable)
    {
        MemoryBudget.check_weight(this.name, name, shape, dtype);
        using var scope = NewDisposeScope();
        var device = Devices.current();
        Tensor value;
        if (Devices.is_cpu(device)) value = make().detach().clone();
        else
        {
            // Drawn on the CPU, then placed: a seed gives the same initial weights on every device.
            using (Devices.enter("cpu")) value = make();
            value = value.detach().to(device);
            weights_device = value.device;
            Devices.weights_off_cpu = true;
        }
        var variable = new Parameter(value, requires_grad: trainable && _trainable);
        variable.DetachFromDisposeScope();
        _weights.Add(new LayerWeight(name, variable, regularizer, constraint, trainable));
        return variable;
    }

    /// <summary>
    /// The kernel of <paramref name="kernel_shape"/> and, with <c>use_bias</c>, a bias as long as
    /// the kernel's last axis, with the initializers, regularizers and constraints of
    /// <paramref name="arguments"/> (Dense and Conv2D).
    /// </summary>
    private protected (Parameter kernel, Parameter? bias) add_kernel_and_bias(KernelArguments arguments, long[] kernel_shape)
    {
        var kernel = add_weight("kernel", kernel_shape, arguments.kernel_initializer, arguments.kernel_regularizer, arguments.kernel_constraint);
        var bias = arguments.use_bias
            ? add_weight("bias", [kernel_shape[^1]], arguments.bias_initializer, arguments.bias_regularizer, arguments.bias_constraint)
            : null;
        return (kernel, bias);
    }

    /// <summary>The weights as new tensors, in Keras's order and layout.</summary>
    public virtual Tensor[] get_weights() => variables.Select(w => w.variable.detach().clone()).ToArray();

    /// <summary>Sets every weight; checks the count and each shape first and changes nothing on failure.</summary>
    public virtual void set_weights(IReadOnlyList<Tensor> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var targets = variables;
        if (weights.Count != targets.Count)
            throw new ArgumentException($"Layer {name} weight shape mismatch: you called set_weights(weights) with a weight list of length {weights.Count}, but the layer was expecting {targets.Count} weights.", nameof(weights));
        for (int i = 0; i < weights.Count; i++)
        {
            if (!weights[i].shape.SequenceEqual(targets[i].variable.shape))
                throw new ArgumentException($"Layer {name} weight shape mismatch for weight {i} ({targets[i].name}): expected shape {ShapeText.format(targets[i].variable.shape)}, received {ShapeText.format(weights[i].shape)}.", nameof(weights));
        }
        using var _ = no_grad();
        using var conversions = NewDisposeScope();
        for (int i = 0; i < weights.Count; i++)
            targets[i].variable.copy_(weights[i].to_type(targets[i].variable.dtype));
    }

    /// <summary>Keras's <c>get_config()</c>: the arguments that recreate the layer.</summary>
    public virtual Dictionary<string, object?> get_config()
    {
        var config = new Dictionary<string, object?>
        {
            ["name"] = name,
            ["trainable"] = trainable,
            ["dtype"] = ArgumentResolver.dtype_policy(),
        };
        if (activity_regularizer is not null) config["activity_regularizer"] = ArgumentResolver.serialize(activity_regularizer);
        return config;
    }

    /// <summary>As Keras's <c>repr</c> of a layer: <c>&lt;Dense name=dense, built=True&gt;</c>.</summary>
    public override string ToString() => $"<{GetType().Name} name={name}, built={built}>";
}
