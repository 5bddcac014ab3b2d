using KerasPort.Activations;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>Keras's <c>Activation</c> layer: applies an activation function to its input.</summary>
/// <example><code>
/// model.add(new Activation("softmax"));
/// // Python: model.add(keras.layers.Activation("softmax"))
/// </code></example>
public sealed class Activation : Layer
{
    private readonly Func<Tensor, Tensor>? _activation;
    private readonly ActivationSpec _activation_arg;

    /// <param name="activation">An activation name (<c>"relu"</c>, <c>"softmax"</c>, ...) or a function of a tensor; required.</param>
    /// <param name="input_shape">Shape of one sample, to build at once.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    public Activation(ActivationSpec activation, long[]? input_shape = null, string? name = null) : base(name, input_shape: input_shape)
    {
        if (activation.is_none) throw new ArgumentNullException(nameof(activation));
        _activation_arg = activation;
        _activation = activation.resolve();
        build_at_init();
    }

    /// <inheritdoc/>
    public override Tensor call(Tensor inputs, bool training = false) => _activation is null ? inputs : _activation(inputs);

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["activation"] = _activation_arg.config;
        return config;
    }
}
