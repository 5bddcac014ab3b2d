using static TorchSharp.torch;

namespace KerasPort.Activations;

/// <summary>
/// Keras's <c>activation</c> argument: the name of an activation (<c>"relu"</c>, <c>"softmax"</c>,
/// ... as <see cref="keras.activations.get"/> knows them), a <c>Func&lt;Tensor, Tensor&gt;</c>, or
/// null, Keras's <c>None</c>: no activation (written <c>"linear"</c> in the config). Both forms
/// convert implicitly, so <c>activation: "relu"</c> reads as in Python and any other type does not
/// compile. An unknown name fails when the layer is made, with Keras's message.
/// </summary>
public readonly struct ActivationSpec
{
    private readonly string? _name;
    private readonly Func<Tensor, Tensor>? _function;

    private ActivationSpec(string? name, Func<Tensor, Tensor>? function)
    {
        _name = name;
        _function = function;
    }

    /// <summary>An activation by name; null for none.</summary>
    public static implicit operator ActivationSpec(string? name) => new(name, null);

    /// <summary>An activation function applied element-wise; null for none.</summary>
    public static implicit operator ActivationSpec(Func<Tensor, Tensor>? function) => new(null, function);

    /// <summary>True for Keras's <c>None</c>.</summary>
    internal bool is_none => _name is null && _function is null;

    /// <summary>The function; null for none. An unknown name throws Keras's error.</summary>
    internal Func<Tensor, Tensor>? resolve() => _name is null ? _function : keras.activations.get(_name);

    /// <summary>What Keras writes in a layer's config: the name, <c>"linear"</c> for none.</summary>
    internal string config => _name ?? _function?.ToString() ?? "linear";

    /// <summary>The argument as Python would print it: the name, the function, or <c>None</c>.</summary>
    public override string ToString() => _name ?? _function?.ToString() ?? "None";
}
