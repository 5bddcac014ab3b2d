using KerasPort.Backend;
using KerasPort.Layers;
using static TorchSharp.torch;

namespace KerasPort.Models;

public partial class Model
{
    private readonly FunctionalGraph? _graph;
    private readonly string[]? _input_keys;

    // Whether the model was made from one tensor rather than a list: Keras keeps that structure
    // (its `_inputs_struct` and `_outputs_struct`) and writes it into the config.
    private readonly bool _single_input;
    private readonly bool _single_output;

    /// <summary>
    /// Keras's <c>keras.Model(inputs, outputs)</c>: a Functional model over the layer calls that
    /// lead from <paramref name="inputs"/> (<c>keras.Input</c> tensors) to <paramref name="outputs"/>.
    /// Its layers are shared with any other model made from the same calls.
    /// </summary>
    /// <param name="inputs">The model's input, a <c>keras.Input(...)</c> tensor.</param>
    /// <param name="outputs">The model's output.</param>
    /// <param name="name">The model's name; automatic (<c>functional</c>, <c>functional_1</c>, ...) when null.</param>
    /// <param name="trainable">Whether the model's weights are trained.</param>
    public Model(KerasTensor inputs, KerasTensor outputs, string? name = null, bool trainable = true)
        : this([inputs], null, [outputs], name, trainable, single_input: true, single_output: true)
    {
    }

    /// <summary>A Functional model with several inputs (data is given in this order) and one output.</summary>
    public Model(IReadOnlyList<KerasTensor> inputs, KerasTensor outputs, string? name = null, bool trainable = true)
        : this(inputs, null, [outputs], name, trainable, single_output: true)
    {
    }

    /// <summary>A Functional model with one input and several outputs (each has its loss, metrics and targets).</summary>
    public Model(KerasTensor inputs, IReadOnlyList<KerasTensor> outputs, string? name = null, bool trainable = true)
        : this([inputs], null, outputs, name, trainable, single_input: true)
    {
    }

    /// <summary>A Functional model with several inputs and several outputs.</summary>
    public Model(IReadOnlyList<KerasTensor> inputs, IReadOnlyList<KerasTensor> outputs, string? name = null, bool trainable = true)
        : this(inputs, null, outputs, name, trainable)
    {
    }

    /// <summary>
    /// A Functional model whose inputs are named (Keras's dict of inputs): data is given in the
    /// order of the sorted names, as Keras flattens a dict. Each key should be its Input's name.
    /// </summary>
    public Model(IReadOnlyDictionary<string, KerasTensor> inputs, KerasTensor outputs, string? name = null, bool trainable = true)
        : this(sorted_values(inputs), sorted_keys(inputs), [outputs], name, trainable, single_output: true)
    {
    }

    /// <summary>A Functional model with named inputs and several outputs.</summary>
    public Model(IReadOnlyDictionary<string, KerasTensor> inputs, IReadOnlyList<KerasTensor> outputs, string? name = null, bool trainable = true)
        : this(sorted_values(inputs), sorted_keys(inputs), outputs, name, trainable)
    {
    }

    internal Model(IReadOnlyList<KerasTensor> inputs, string[]? input_keys, IReadOnlyList<KerasTensor> outputs, string? name, bool trainable,
        bool single_input = false, bool single_output = false)
        : base(name ?? GlobalState.auto_name("Functional"), trainable)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        _graph = new FunctionalGraph(inputs, outputs);
        _input_keys = input_keys;
        _single_input = single_input && input_keys is null && inputs.Count == 1;
        _single_output = single_output && outputs.Count == 1;
        output_names = _graph.outputs.Select(x => x.node!.operation.name).ToArray();
        if (!trainable) this.trainable = false;
        built = true;
    }

    private static KerasTensor[] sorted_values(IReadOnlyDictionary<string, KerasTensor> inputs) =>
        (inputs ?? throw new ArgumentNullException(nameof(inputs))).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value).ToArray();

    private static string[] sorted_keys(IReadOnlyDictionary<string, KerasTensor> inputs) =>
        inputs.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray();

    /// <summary>The symbolic inputs of a Functional model (Keras's <c>model.inputs</c>); empty for other models.</summary>
    public IReadOnlyList<KerasTensor> inputs => _graph?.inputs ?? [];

    /// <summary>The symbolic outputs of a Functional model (Keras's <c>model.outputs</c>); empty for other models.</summary>
    public IReadOnlyList<KerasTensor> outputs => _graph?.outputs ?? [];

    /// <summary>The names of the layers that make the outputs (Keras's <c>output_names</c>): the keys of per-output losses, metrics and logs.</summary>
    public IReadOnlyList<string> output_names { get; private protected set; } = [];

    /// <summary>The names of the inputs (the dict keys for named inputs, else the Inputs' names).</summary>
    public IReadOnlyList<string> input_names => (IReadOnlyList<string>?)_input_keys ?? inputs.Select(x => x.name).ToList();

    /// <summary>Whether this is a Functional model (made from inputs and outputs).</summary>
    internal bool is_functional => _graph is not null;

    /// <summary>The graph of a Functional model; null for other models.</summary>
    internal FunctionalGraph? graph => _graph;

    /// <summary>The number of outputs the model gives.</summary>
    internal int output_count => _graph?.outputs.Length ?? 1;

    /// <summary>The input shape, batch axis first (Keras's <c>model.input_shape</c>); null while unknown or for several inputs.</summary>
    public virtual long?[]? input_shape => _graph is { inputs.Length: 1 } g ? g.inputs[0].shape : null;

    /// <summary>
    /// Arrays keyed by input name (Keras's dict of inputs) in the order of <see cref="inputs"/>;
    /// every name must be there, and no other.
    /// </summary>
    internal Tensor[] inputs_by_name(IReadOnlyDictionary<string, Tensor> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var names = input_names;
        if (!x.Keys.ToHashSet().SetEquals(names))
            throw new ArgumentException($"The model expects named input(s) with keys [{string.Join(", ", names.Select(n => $"'{n}'"))}]; received keys [{string.Join(", ", x.Keys.Select(k => $"'{k}'"))}].", nameof(x));
        return names.Select(n => x[n]).ToArray();
    }

    /// <summary>Keras's <c>model({"a": xa, "b": xb})</c>: the model called on arrays keyed by input name.</summary>
    public Tensor __call__(IReadOnlyDictionary<string, Tensor> inputs, bool? training = null) => __call__(inputs_by_name(inputs), training);

    /// <summary>Keras's <c>model.predict({"a": xa, "b": xb})</c>: arrays keyed by input name.</summary>
    public Tensor predict(IReadOnlyDictionary<string, Tensor> x, int? batch_size = null, Verbosity verbose = default, int? steps = null, IEnumerable<Callbacks.Callback>? callbacks = null) =>
        predict(inputs_by_name(x), batch_size, verbose, steps, callbacks);

    /// <summary>Keras's <c>model.fit({"a": xa, "b": xb}, y)</c>: arrays keyed by input name; the other arguments as <see cref="fit(Tensor[], Tensor?, int?, int, Verbosity, IEnumerable{Callbacks.Callback}?, double, object?, bool, IDictionary{int, double}?, Tensor?, int, int?, int?, int)"/>.</summary>
    public Callbacks.History fit(IReadOnlyDictionary<string, Tensor> x, Tensor? y = null, int? batch_size = null, int epochs = 1, Verbosity verbose = default,
        IEnumerable<Callbacks.Callback>? callbacks = null, double validation_split = 0.0, object? validation_data = null, bool shuffle = true) =>
        fit(inputs_by_name(x), y, batch_size, epochs, verbose, callbacks, validation_split, validation_data, shuffle);

    /// <summary>
    /// Keras's <c>get_config()</c>. A Functional model's: its name, trainable, every layer
    /// serialized with the calls the model makes of it (<c>inbound_nodes</c>), and its
    /// <c>input_layers</c> and <c>output_layers</c> (<c>[layer, node_index, tensor_index]</c>, a
    /// list or a dict of them, as the model was made). A subclass's: the layer's name, trainable
    /// and dtype; override it to add the constructor's arguments.
    /// </summary>
    public override Dictionary<string, object?> get_config() =>
        _graph is null ? base.get_config() : FunctionalConfig.get_config(this, _graph, _input_keys, _single_input, _single_output);

    /// <summary>
    /// Keras's <c>Model.from_config</c>: the Functional model that a <see cref="get_config"/>
    /// dictionary describes, with new layers (new weights) called as recorded.
    /// </summary>
    public static Model from_config(IDictionary<string, object?> config) => from_config(config, Saving.Deserialization.deserialize_layer);

    /// <summary>
    /// <see cref="from_config(IDictionary{string, object?})"/> with the layers made by
    /// <paramref name="layer_from_config"/> from their entries (a reader of another format's layer
    /// configs, such as legacy <c>.h5</c> files, passes its own).
    /// </summary>
    public static Model from_config(IDictionary<string, object?> config, Func<IDictionary<string, object?>, Layer> layer_from_config)
    {
        ArgumentNullException.ThrowIfNull(layer_from_config);
        return FunctionalConfig.from_config(config, layer_from_config);
    }

    /// <summary>
    /// Keras's <c>compute_output_shape</c>: the output shape (batch axis included, null where unknown)
    /// for <paramref name="input_shape"/>, found by running the graph's layers on shapes only. A
    /// model with several inputs or outputs takes the list overload.
    /// </summary>
    public override long?[] compute_output_shape(long?[] input_shape)
    {
        if (_graph is null) return base.compute_output_shape(input_shape);
        var shapes = _graph.compute_output_shape([input_shape]);
        return shapes.Length == 1 ? shapes[0] : throw new ArgumentException($"Model {name} has {shapes.Length} outputs.", nameof(input_shape));
    }

    /// <summary>Keras's <c>compute_output_shape</c> for a model with several inputs: one shape per input, one per output back.</summary>
    public override long?[][] compute_output_shape(IReadOnlyList<long?[]> input_shapes) =>
        _graph is null ? base.compute_output_shape(input_shapes) : _graph.compute_output_shape(input_shapes);
}
