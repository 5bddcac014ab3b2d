using KerasPort.Backend;
using KerasPort.Regularizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Base of Keras's layers. A layer is named at construction (<c>dense</c>, <c>dense_1</c>, ...
/// unless <c>name:</c> is given), builds its weights on the first input shape it sees, and
/// computes <see cref="call"/>; <see cref="__call__"/> adds the building, the input check and
/// the activity regularization around it, as Keras's <c>Layer.__call__</c>.
/// Shapes include the batch axis, null where unknown: <c>[null, 60]</c> is Keras's <c>(None, 60)</c>.
/// </summary>
public abstract partial class Layer
{
    private readonly List<LayerWeight> _weights = new();
    private readonly List<Tensor> _losses = new();
    private bool _trainable;
    private bool _losses_owned;

    /// <param name="name">The layer's name; an automatic one (snake_case of the class) when null.</param>
    /// <param name="trainable">Whether its weights are trained.</param>
    /// <param name="input_shape">The shape of one sample (no batch axis), to build at once as Keras does.</param>
    /// <param name="activity_regularizer">A penalty on the layer's output, added to the loss.</param>
    protected Layer(string? name = null, bool trainable = true, long[]? input_shape = null, object? activity_regularizer = null)
    {
        if (name is not null && (name.Length == 0 || name.Contains('/')))
            throw new ArgumentException($"Argument `name` must be a string and cannot contain character `/`. Received: name={name} (of type <class 'str'>)", nameof(name));
        this.name = name ?? GlobalState.auto_name(GetType().Name);
        _trainable = trainable;
        this.activity_regularizer = ArgumentResolver.regularizer(activity_regularizer, nameof(activity_regularizer));
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
        }
    }

    /// <summary>True once the weights exist.</summary>
    public bool built { get; private set; }

    /// <summary>Keras's <c>activity_regularizer</c>: a penalty on the output, divided by the batch size.</summary>
    public Regularizer? activity_regularizer { get; set; }

    /// <summary>The input shape given with <c>input_shape:</c>, batch axis first (null); null if none.</summary>
    public long?[]? batch_input_shape { get; protected set; }

    /// <summary>The input shape the layer was built with (batch axis included); null before.</summary>
    public long?[]? build_input_shape { get; private set; }

    /// <summary>The trainable weights, in Keras's order (for example kernel then bias).</summary>
    public IReadOnlyList<Parameter> trainable_weights =>
        _trainable ? _weights.Where(w => w.trainable).Select(w => w.variable).ToList() : [];

    /// <summary>The weights that training does not change.</summary>
    public IReadOnlyList<Parameter> non_trainable_weights =>
        _trainable ? _weights.Where(w => !w.trainable).Select(w => w.variable).ToList() : _weights.Select(w => w.variable).ToList();

    /// <summary>Every weight with its regularizer and constraint, in creation order.</summary>
    internal IReadOnlyList<LayerWeight> variables => _weights;

    /// <summary>
    /// The penalties of the latest call (activity terms) followed by the weight penalties of the
    /// trainable weights, as Keras's <c>layer.losses</c>.
    /// </summary>
    public List<Tensor> losses
    {
        get
        {
            var result = new List<Tensor>(_losses);
            result.AddRange(weight_regularization_losses());
            return result;
        }
    }

    /// <summary>The activity penalties recorded by the latest call.</summary>
    internal IReadOnlyList<Tensor> activity_losses => _losses;

    internal IEnumerable<Tensor> weight_regularization_losses()
    {
        if (!_trainable) yield break;
        foreach (var w in _weights)
            if (w.trainable && w.regularizer is not null) yield return w.regularizer.call(w.variable);
    }

    /// <summary>
    /// Keeps the activity penalties of the latest call past the dispose scope of a training or
    /// inference step, as values (Keras's <c>model.losses</c> still shows them after fit/predict).
    /// </summary>
    internal void detach_losses()
    {
        if (_losses_owned) return;
        for (int i = 0; i < _losses.Count; i++) _losses[i] = _losses[i].detach().clone().MoveToOuterDisposeScope();
        _losses_owned = true;
    }

    private void clear_losses()
    {
        if (_losses_owned) foreach (var t in _losses) t.Dispose();
        _losses_owned = false;
        _losses.Clear();
    }

    /// <summary>
    /// Creates the weights for inputs of <paramref name="input_shape"/> (batch axis first).
    /// Overrides create their weights with <see cref="add_weight"/>, then call this base.
    /// </summary>
    public virtual void build(long?[] input_shape)
    {
        build_input_shape = (long?[])input_shape.Clone();
        built = true;
    }

    /// <summary>The layer's computation (Keras's <c>call</c>); <paramref name="training"/> switches dropout and noise on.</summary>
    public abstract Tensor call(Tensor inputs, bool training = false);

    /// <summary>
    /// Keras's <c>layer(inputs, training=...)</c>: builds on the first input, checks the input,
    /// runs <see cref="call"/> and records the activity penalty of the output.
    /// </summary>
    public Tensor __call__(Tensor inputs, bool training = false)
    {
        if (!built) build([null, .. inputs.shape.Skip(1).Select(d => (long?)d)]);
        assert_input_compatibility(inputs.shape);
        var outputs = call(inputs, training);
        clear_losses();
        if (activity_regularizer is not null)
        {
            var penalty = activity_regularizer.call(outputs);
            if (outputs.dim() > 0) penalty = penalty / outputs.shape[0];
            _losses.Add(penalty);
        }
        return outputs;
    }

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
        return _weights.Sum(w => w.variable.numel());
    }

    /// <summary>Marks a layer without weights as built at construction, as Keras's <c>_build_at_init</c>.</summary>
    protected void build_at_init() => built = true;

    /// <summary>The input shape of the layer inside its model, recorded when the model is built (for <c>summary</c>).</summary>
    internal long?[]? model_input_shape { get; set; }

    /// <summary>
    /// Keras's <c>add_weight</c>: a new Parameter of <paramref name="shape"/> made by
    /// <paramref name="initializer"/>, penalised by <paramref name="regularizer"/> and projected by
    /// <paramref name="constraint"/> after each update.
    /// </summary>
    protected Parameter add_weight(string name, long[] shape, Initializers.Initializer initializer,
        Regularizer? regularizer = null, Func<Tensor, Tensor>? constraint = null, bool trainable = true)
    {
        MemoryBudget.check_weight(this.name, name, shape, ScalarType.Float32);
        using var scope = NewDisposeScope();
        var value = initializer.call(shape, ScalarType.Float32);
        var variable = new Parameter(value.detach().clone(), requires_grad: trainable && _trainable);
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
    public Tensor[] get_weights() => _weights.Select(w => w.variable.detach().clone()).ToArray();

    /// <summary>Sets every weight; checks the count and each shape first and changes nothing on failure.</summary>
    public void set_weights(IReadOnlyList<Tensor> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count != _weights.Count)
            throw new ArgumentException($"Layer {name} weight shape mismatch: you called set_weights(weights) with a weight list of length {weights.Count}, but the layer was expecting {_weights.Count} weights.", nameof(weights));
        for (int i = 0; i < weights.Count; i++)
        {
            if (!weights[i].shape.SequenceEqual(_weights[i].variable.shape))
                throw new ArgumentException($"Layer {name} weight shape mismatch for weight {i} ({_weights[i].name}): expected shape {ShapeText.format(_weights[i].variable.shape)}, received {ShapeText.format(weights[i].shape)}.", nameof(weights));
        }
        using var _ = no_grad();
        using var conversions = NewDisposeScope();
        for (int i = 0; i < weights.Count; i++)
            _weights[i].variable.copy_(weights[i].to_type(_weights[i].variable.dtype));
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

    public override string ToString() => $"<{GetType().Name} name={name}, built={built}>";
}
