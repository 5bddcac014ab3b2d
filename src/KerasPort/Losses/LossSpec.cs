using KerasPort.Utils;
using static TorchSharp.torch;

namespace KerasPort.Losses;

/// <summary>
/// Keras's <c>loss</c> argument of <c>compile</c>: the name of a loss (<c>"mse"</c>,
/// <c>"binary_crossentropy"</c>, ... as <see cref="keras.losses.get"/> knows them), a
/// <see cref="Loss"/>, or a per-sample function <c>fn(y_true, y_pred)</c> (wrapped in a
/// <see cref="LossFunctionWrapper"/> named after the method, as Keras does). For a model with several
/// outputs, also one loss per output: an array in output order (<c>new[] { "mse", "mae" }</c>; a
/// null entry gives that output no loss) or a dictionary keyed by output name
/// (<c>new Dictionary&lt;string, LossSpec&gt; { ["a"] = "mse" }</c>). Each form converts implicitly,
/// so <c>loss: "mse"</c> reads as in Python and any other type does not compile. An unknown name
/// fails in <c>compile</c> with Keras's message.
/// </summary>
public readonly struct LossSpec
{
    private readonly string? _name;
    private readonly Loss? _loss;
    private readonly Func<Tensor, Tensor, Tensor>? _function;
    private readonly LossSpec[]? _per_output;
    private readonly IReadOnlyDictionary<string, LossSpec>? _by_output;

    private LossSpec(string? name = null, Loss? loss = null, Func<Tensor, Tensor, Tensor>? function = null,
        LossSpec[]? per_output = null, IReadOnlyDictionary<string, LossSpec>? by_output = null)
    {
        _name = name;
        _loss = loss;
        _function = function;
        _per_output = per_output;
        _by_output = by_output;
    }

    /// <summary>A loss by name; null for none.</summary>
    public static implicit operator LossSpec(string? name) => new(name: name);

    /// <summary>A loss object, used as given; null for none.</summary>
    public static implicit operator LossSpec(Loss? loss) => new(loss: loss);

    /// <summary>A per-sample loss function <c>fn(y_true, y_pred)</c>; null for none.</summary>
    public static implicit operator LossSpec(Func<Tensor, Tensor, Tensor>? function) => new(function: function);

    /// <summary>One loss per output, in output order.</summary>
    public static implicit operator LossSpec(LossSpec[] per_output) => new(per_output: single_losses(per_output));

    /// <summary>One loss name per output, in output order (null: no loss for that output).</summary>
    public static implicit operator LossSpec(string?[] per_output) =>
        new(per_output: (per_output ?? throw new ArgumentNullException(nameof(per_output))).Select(n => (LossSpec)n).ToArray());

    /// <summary>One loss object per output, in output order (null: no loss for that output).</summary>
    public static implicit operator LossSpec(Loss?[] per_output) =>
        new(per_output: (per_output ?? throw new ArgumentNullException(nameof(per_output))).Select(l => (LossSpec)l).ToArray());

    /// <summary>One loss per output name; Keras requires every output to be named.</summary>
    public static implicit operator LossSpec(Dictionary<string, LossSpec> by_output)
    {
        ArgumentNullException.ThrowIfNull(by_output);
        var copy = new Dictionary<string, LossSpec>(by_output, by_output.Comparer);
        single_losses(copy.Values);
        return new(by_output: copy);
    }

    /// <summary>True for Keras's <c>None</c>.</summary>
    internal bool is_none => _name is null && _loss is null && _function is null && _per_output is null && _by_output is null;

    /// <summary>The losses per output in order, when given as a list; null otherwise.</summary>
    internal IReadOnlyList<LossSpec>? per_output => _per_output;

    /// <summary>The losses by output name, when given as a dictionary; null otherwise.</summary>
    internal IReadOnlyDictionary<string, LossSpec>? by_output => _by_output;

    /// <summary>
    /// The loss of one output: the object given, a new one for the name, the function wrapped; null for
    /// none. An unknown name throws Keras's error.
    /// </summary>
    internal Loss? resolve()
    {
        if (_per_output is not null || _by_output is not null)
            throw new InvalidOperationException("A loss per output is resolved output by output.");
        if (_loss is not null) return _loss;
        if (_function is not null) return new LossFunctionWrapper(_function, name: FunctionNames.get_object_name(_function));
        return _name is null ? null : keras.losses.get(_name);
    }

    /// <summary>Checks every name now, as <c>compile</c> does, so an unknown one fails there.</summary>
    internal void validate()
    {
        if (_name is not null) _ = keras.losses.get(_name);
        foreach (var spec in (IEnumerable<LossSpec>?)_per_output ?? _by_output?.Values ?? []) spec.validate();
    }

    /// <summary>The argument as given (a name, a loss, a function, or the list / dictionary of them), which <c>get_compile_config</c> serializes.</summary>
    internal object? value => (object?)_name ?? _loss ?? (object?)_function
        ?? (object?)_per_output?.Select(s => s.value).ToList() ?? _by_output?.ToDictionary(kv => kv.Key, kv => kv.Value.value);

    /// <summary>The argument as Python would print it: a name, a class, or the list / dict of them; <c>None</c> for none.</summary>
    public override string ToString() => value switch
    {
        null => "None",
        List<object?> list => "[" + string.Join(", ", _per_output!.Select(s => s.ToString())) + "]",
        Dictionary<string, object?> => "{" + string.Join(", ", _by_output!.Select(kv => $"'{kv.Key}': {kv.Value}")) + "}",
        string name => name,
        var other => other.GetType().Name,
    };

    private static LossSpec[] single_losses(IEnumerable<LossSpec> specs)
    {
        var copy = (specs ?? throw new ArgumentNullException(nameof(specs))).ToArray();
        if (copy.Any(s => s._per_output is not null || s._by_output is not null))
            throw new ArgumentException("Invalid value received for argument loss. An output's loss must be a loss name, a Loss or a function, not another list or dict.", "loss");
        return copy;
    }
}
