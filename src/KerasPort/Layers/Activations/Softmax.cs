using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>Keras's <c>Softmax</c> layer: <c>exp(x) / sum(exp(x))</c> along <c>axis</c>.</summary>
/// <example><code>
/// var probability_model = new Sequential([model, new Softmax()]);
/// // Python: probability_model = keras.Sequential([model, keras.layers.Softmax()])
/// </code></example>
public sealed class Softmax : Layer
{
    /// <param name="axis">An int or ints: the axes the softmax normalizes over (default -1).</param>
    /// <param name="input_shape">Shape of one sample, to fix the model's input.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    public Softmax(Axes? axis = null, long[]? input_shape = null, string? name = null) : base(name, input_shape: input_shape)
    {
        this.axis = axis ?? -1;
        build_at_init();
    }

    /// <summary>The axes the softmax normalizes over.</summary>
    public Axes axis { get; }

    /// <inheritdoc/>
    public override Tensor call(Tensor inputs, bool training = false)
    {
        var axes = axis.values;
        if (axes.Length == 1) return keras.activations.softmax(inputs, axes[0]);
        // Several axes: exp(x - logsumexp(x)), as Keras computes it.
        var lse = inputs;
        foreach (var a in axes.Select(a => a < 0 ? a + inputs.dim() : a).OrderDescending()) lse = lse.logsumexp(a, keepdim: true);
        return (inputs - lse).exp();
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["axis"] = axis.is_scalar ? axis.values[0] : axis.values;
        return config;
    }
}
