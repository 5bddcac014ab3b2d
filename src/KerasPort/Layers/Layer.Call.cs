using static TorchSharp.torch;

namespace KerasPort.Layers;

public abstract partial class Layer
{
    /// <summary>
    /// The <c>training</c> value of a call that neither passes one nor runs inside a call that has
    /// one: false (inference), as Keras's layers whose <c>call</c> defaults to <c>training=False</c>
    /// or has no training argument. Augmentation layers override it to true, as their Keras
    /// <c>call</c> defaults to <c>training=True</c>.
    /// </summary>
    protected virtual bool default_training => false;

    /// <summary>
    /// Keras's <c>layer(inputs, training=...)</c>: builds on the first input (a failed first call
    /// leaves the layer unbuilt), checks the input, runs <see cref="call(Tensor, bool)"/> and
    /// records the activity penalty of the output. <paramref name="training"/> null means: the
    /// value of the enclosing call (a model's call in <c>fit</c> passes true, in <c>predict</c>
    /// false), else the layer's default (<see cref="default_training"/>).
    /// </summary>
    public Tensor __call__(Tensor inputs, bool? training = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        // A built layer with nothing to record or move: the call alone, without a list around its input and output.
        if (built && build_config_shape is not null && activity_regularizer is null && weights_device is null)
            return plain_call(inputs, training);
        return single_output(run_call([inputs], training, takes_list: false));
    }

    /// <summary><see cref="run_call"/> on one input for a built layer without activity regularizer, on the CPU.</summary>
    private Tensor plain_call(Tensor inputs, bool? training)
    {
        using var context = CallContext.enter();
        bool resolved = CallContext.resolve(training, default_training) ?? false;
        if (checks_input) assert_input_compatibility(Backend.TensorShape.of(inputs));
        var output = call(inputs, resolved);
        clear_losses();
        return output;
    }

    /// <summary>
    /// Keras's <c>layer([a, b], training=...)</c>: a layer that takes several inputs (a merge layer,
    /// a model with several inputs) called on real tensors.
    /// </summary>
    public Tensor __call__(IReadOnlyList<Tensor> inputs, bool? training = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return single_output(run_call(inputs, training, takes_list: true));
    }

    private Tensor single_output(Tensor[] outputs) => outputs.Length == 1
        ? outputs[0]
        : throw new ArgumentException($"Layer '{name}' has {outputs.Length} outputs; `predict_outputs` gives them all.", "inputs");

    /// <summary>
    /// The call on several inputs, giving one tensor per output (Keras's <c>call(inputs)</c> with a
    /// list). A layer that takes several inputs (a merge layer, a model) overrides it; the default
    /// takes exactly one input and calls <see cref="call(Tensor, bool)"/>.
    /// </summary>
    public virtual Tensor[] call(IReadOnlyList<Tensor> inputs, bool training = false)
    {
        if (inputs.Count != 1)
            throw new ArgumentException($"Layer '{name}' expects 1 input, but it received {inputs.Count} input tensors.", nameof(inputs));
        return [call(inputs[0], training)];
    }

    /// <summary>
    /// Creates the weights for several inputs (a merge layer's list of shapes); the default takes
    /// exactly one shape and calls <see cref="build(long?[])"/>.
    /// </summary>
    public virtual void build(IReadOnlyList<long?[]> input_shapes)
    {
        if (input_shapes.Count != 1)
            throw new ArgumentException($"Layer '{name}' expects 1 input, but it received {input_shapes.Count} input shapes: {string.Join(", ", input_shapes.Select(ShapeText.format))}.", nameof(input_shapes));
        build(input_shapes[0]);
    }

    /// <summary>The output shapes for several inputs (one per output); the default takes exactly one shape.</summary>
    public virtual long?[][] compute_output_shape(IReadOnlyList<long?[]> input_shapes)
    {
        if (input_shapes.Count != 1)
            throw new ArgumentException($"Layer '{name}' expects 1 input, but it received {input_shapes.Count} input shapes: {string.Join(", ", input_shapes.Select(ShapeText.format))}.", nameof(input_shapes));
        return [compute_output_shape(input_shapes[0])];
    }

    /// <summary>
    /// The inputs on the device of the layer's weights, as Keras's <c>convert_to_tensor</c> moves
    /// them to the current device: CPU batches reach a model built on a GPU without a manual copy.
    /// </summary>
    private IReadOnlyList<Tensor> on_weights_device(IReadOnlyList<Tensor> inputs)
    {
        if (weights_device is not Device device
            || inputs.All(t => t.device_type == device.type && t.device_index == device.index)) return inputs;
        return inputs.Select(t => t.to(device)).ToArray();
    }

    /// <summary>The eager call: training resolved, built on the first input, the input checked, the call run, activity penalties recorded.</summary>
    internal Tensor[] run_call(IReadOnlyList<Tensor> inputs, bool? training, bool takes_list)
    {
        using var context = CallContext.enter();
        bool resolved = CallContext.resolve(training, default_training) ?? false;
        var outputs = built ? checked_call(inputs, resolved, takes_list) : first_call(inputs, resolved, takes_list);
        built = true;
        if (build_config_shape is null)
        {
            var input_shapes = inputs.Select(t => t.shape.Select(d => (long?)d).ToArray()).ToArray();
            record_build_shape(takes_list ? input_shapes : input_shapes[0]);
        }
        clear_losses();
        if (activity_regularizer is not null)
        {
            foreach (var output in outputs)
            {
                var penalty = activity_regularizer.call(output);
                if (output.dim() > 0) penalty = penalty / output.size(0);
                add_unowned_loss(penalty);
            }
        }
        return outputs;
    }

    /// <summary>The call of a layer not built yet: built on the first input, every weight it made rolled back if it throws.</summary>
    private Tensor[] first_call(IReadOnlyList<Tensor> inputs, bool training, bool takes_list)
    {
        Tensor[] outputs = null!;
        build_or_rollback(() =>
        {
            var shapes = inputs.Select(t => t.shape.Select(d => (long?)d).ToArray()).ToList();
            if (takes_list) build(shapes);
            else build(shapes[0]);
            outputs = checked_call(inputs, training, takes_list);
        });
        return outputs;
    }

    /// <summary>The input checked (where the layer checks one), moved to the weights' device, and the call run.</summary>
    private Tensor[] checked_call(IReadOnlyList<Tensor> inputs, bool training, bool takes_list)
    {
        if (!takes_list && checks_input) assert_input_compatibility(Backend.TensorShape.of(inputs[0]));
        var placed = on_weights_device(inputs);
        return takes_list ? call(placed, training) : [call(placed[0], training)];
    }

    private bool? _checks_input;

    /// <summary>
    /// Whether the layer's class overrides <see cref="assert_input_compatibility"/>: reading an
    /// input's shape costs a call into libtorch per axis, which the layers without a check skip.
    /// </summary>
    private bool checks_input => _checks_input ??= GetType().GetMethod(nameof(assert_input_compatibility),
        System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic, [typeof(long[])])!.DeclaringType != typeof(Layer);

    /// <summary>
    /// Runs a first build (and call): if it throws, every layer it was building (this one and its
    /// sublayers that were unbuilt) loses the weights it made and is unbuilt again, as if never called.
    /// </summary>
    private protected void build_or_rollback(Action first_call)
    {
        var unbuilt = flatten_layers(include_self: true).Where(l => !l.built).ToList();
        try
        {
            first_call();
        }
        catch
        {
            foreach (var layer in unbuilt) layer.reset_build();
            throw;
        }
    }

    /// <summary>Forgets the weights and the build: the layer builds again on its next input.</summary>
    private protected virtual void reset_build()
    {
        foreach (var w in _weights) w.variable.Dispose();
        _weights.Clear();
        build_input_shape = null;
        build_config_shape = null;
        built = false;
    }
}
