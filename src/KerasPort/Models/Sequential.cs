using KerasPort.Backend;
using KerasPort.Layers;
using static TorchSharp.torch;

namespace KerasPort.Models;

/// <summary>
/// Keras's <c>Sequential</c>: a plain stack of layers, each taking the output of the previous one.
/// It is built (every weight made) as soon as the input shape is known: from a leading
/// <c>keras.Input(shape)</c>, from <c>input_shape:</c> on the first layer, from
/// <see cref="build"/>, or from the first data. A layer may itself be a model (a Sequential of
/// augmentation layers, a trained model followed by <c>Softmax</c>).
/// </summary>
/// <example><code>
/// var model = new Sequential([keras.Input([60]), new Dense(60, activation: "relu"), new Dropout(0.2), new Dense(1, activation: "sigmoid")]);
/// </code></example>
public sealed class Sequential : Model
{
    private readonly List<Layer> _layers = new();
    private InputLayer? _input_layer;
    private bool _input_layer_inferred;
    private bool _functional_named;

    /// <param name="layers">The layers in order; a leading <c>keras.Input(...)</c> (or <see cref="InputLayer"/>) sets the input shape.</param>
    /// <param name="name">The model's name; automatic (<c>sequential</c>, ...) when null.</param>
    /// <param name="trainable">Whether the model's weights are trained.</param>
    public Sequential(IEnumerable<Layer>? layers = null, string? name = null, bool trainable = true) : base(name)
    {
        if (layers is not null)
            foreach (var layer in layers) add(layer, rebuild: false);
        maybe_rebuild();
        if (!trainable) this.trainable = false;
    }

    /// <summary>The layers in order, without the InputLayer (as Keras's <c>model.layers</c>).</summary>
    public override IReadOnlyList<Layer> layers => _layers;

    /// <summary>The InputLayer in front of the layers (Keras's <c>super().layers[0]</c>); null while the input shape is unknown.</summary>
    internal InputLayer? input_layer => _input_layer;

    /// <summary>The model's input shape, batch axis first; null while unknown.</summary>
    public override long?[]? input_shape => _input_layer?.batch_input_shape ?? (built ? _layers[0].build_input_shape : null);

    /// <summary>The output shape, batch axis first; null while the model is not built.</summary>
    public long?[]? output_shape { get; private set; }

    /// <summary>Adds a layer on top of the stack (Keras's <c>add</c>); the model rebuilds if it has an input shape.</summary>
    public void add(Layer layer, bool rebuild = true)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (layer is InputLayer input)
        {
            if (_input_layer is not null || _layers.Count > 0)
                throw new ArgumentException($"Sequential model '{name}' has already been configured to use input shape {ShapeText.format(input_shape ?? _layers[0].batch_input_shape ?? [])}. You cannot add a different Input layer to it.", nameof(layer));
            _input_layer = input;
        }
        else
        {
            // Keras takes the input shape from a first layer that declares one: input_shape:, or a
            // model with a known input (a built Sequential, a Functional model with one input).
            var declared = layer.batch_input_shape ?? layer switch
            {
                Sequential { input_shape: { } shape } => shape,
                Model { is_functional: true, inputs.Count: 1 } m => m.inputs[0].shape,
                _ => null,
            };
            if (_layers.Count == 0 && _input_layer is null && declared is not null)
                _input_layer = new InputLayer(batch_shape: declared);
            if (_layers.Any(l => l.name == layer.name))
                throw new ArgumentException($"All layers added to a Sequential model should have unique names. Name '{layer.name}' is already the name of a layer in this model. Update the `name` argument to pass a unique name.", nameof(layer));
            _layers.Add(layer);
        }
        if (rebuild) maybe_rebuild();
        else built = false;
    }

    /// <summary>Removes and returns the last layer (Keras's <c>pop</c>).</summary>
    public Layer pop(bool rebuild = true)
    {
        if (_layers.Count == 0)
            throw new InvalidOperationException("There are no layers in the model.");
        var layer = _layers[^1];
        _layers.RemoveAt(_layers.Count - 1);
        built = false;
        output_shape = null;
        if (rebuild) maybe_rebuild();
        return layer;
    }

    private void maybe_rebuild()
    {
        built = false;
        if (_input_layer is not null && _layers.Count > 0) build(_input_layer.batch_input_shape!);
    }

    /// <summary>
    /// Builds every layer for inputs of <paramref name="input_shape"/> (batch axis first, null for
    /// any batch size), as Keras's <c>model.build(input_shape)</c>. A shape a layer cannot take
    /// throws and leaves the model unbuilt.
    /// </summary>
    public override void build(long?[] input_shape)
    {
        ArgumentNullException.ThrowIfNull(input_shape);
        // Only an Input: Keras's layer list still holds it, and the model passes its input through.
        if (_layers.Count == 0 && _input_layer is null)
            throw new ArgumentException($"Sequential model {name} cannot be built because it has no layers. Call `model.add(layer)`.", nameof(input_shape));
        if (_input_layer is { } declared && !_input_layer_inferred
            && (declared.batch_input_shape!.Length != input_shape.Length
                || declared.batch_input_shape.Zip(input_shape).Any(p => p.First is not null && p.Second is not null && p.First != p.Second)))
            throw new ArgumentException($"Sequential model '{name}' has already been configured to use input shape {ShapeText.format(declared.batch_input_shape)}. You cannot build it with input_shape {ShapeText.format(input_shape)}", nameof(input_shape));
        build_or_rollback(() => build_layers(input_shape));
    }

    private void build_layers(long?[] input_shape)
    {
        // Keras puts an InputLayer in front of a Sequential built without one (it takes a name).
        if (_input_layer is null && input_shape.Length > 0)
        {
            // Built from data, the InputLayer takes the data's whole shape, batch size included, as Keras's.
            _input_layer = new InputLayer(batch_shape: input_shape);
            _input_layer_inferred = true;
        }
        var shape = input_shape;
        foreach (var layer in _layers)
        {
            if (!layer.built) layer.build(shape);
            layer.record_build_shape(shape);
            layer.model_input_shape = shape;
            shape = layer.compute_output_shape(shape);
        }
        output_shape = shape;
        // Keras builds a Sequential through an internal Functional model, which takes a name.
        if (!_functional_named) GlobalState.uniquify("functional");
        _functional_named = true;
        mark_built(input_shape);
    }

    private protected override void reset_build()
    {
        base.reset_build();
        output_shape = null;
        if (_input_layer_inferred) _input_layer = null;
        _input_layer_inferred = false;
    }

    /// <summary>
    /// The forward pass (Keras's <c>model(x, training=...)</c>): checks the input against the input
    /// shape, builds on the first call, and runs the layers in order.
    /// </summary>
    public override Tensor call(Tensor inputs, bool training = false)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (_layers.Count == 0 && _input_layer is null)
            throw new ArgumentException($"Sequential model '{name}' has no layers. Add layers before calling it.", nameof(inputs));
        // An InputLayer inferred from data checks every axis but the batch, which later batches may change.
        if (_input_layer is not null) _input_layer.check_sample_shape(Backend.TensorShape.of(inputs), with_batch: !_input_layer_inferred);
        if (!built) build(inputs.shape.Select(d => (long?)d).ToArray());
        var x = inputs;
        var sublayer_training = CallContext.for_sublayers(training);
        foreach (var layer in _layers) x = layer.__call__(x, sublayer_training);
        return x;
    }

    /// <summary>Keras's <c>compute_output_shape</c>: <paramref name="input_shape"/> (batch axis included, null where unknown) through each layer's shape rule in turn.</summary>
    public override long?[] compute_output_shape(long?[] input_shape)
    {
        var shape = input_shape;
        foreach (var layer in _layers) shape = layer.compute_output_shape(shape);
        return shape;
    }

    /// <summary>
    /// Keras's <c>get_config()</c>: the name, trainable, dtype, each layer serialized (the
    /// InputLayer first when there is one) and, once built, the input shape.
    /// </summary>
    public override Dictionary<string, object?> get_config()
    {
        var layers = new List<object?>();
        if (_input_layer is { } input) layers.Add(Saving.Serialization.serialize_keras_object(input));
        layers.AddRange(_layers.Select(Saving.Serialization.serialize_keras_object));
        var config = new Dictionary<string, object?>
        {
            ["name"] = name,
            ["trainable"] = trainable,
            ["dtype"] = ArgumentResolver.dtype_policy(),
            ["layers"] = layers,
        };
        if (built) config["build_input_shape"] = input_shape;
        return config;
    }

    /// <summary>Keras's <c>Sequential.from_config</c>: the Sequential a <see cref="get_config"/> dictionary describes, built when it records an input shape (new weights).</summary>
    public static new Sequential from_config(IDictionary<string, object?> config) => Saving.Deserialization.sequential_from_config(config);
}
