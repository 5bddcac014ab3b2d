using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>Lambda</c>: wraps a function as a layer, for quick transformations without weights.
/// The output shape is what <c>output_shape</c> returns when given; otherwise it is found as Keras
/// finds it, by running the function on zeros of the input shape (unknown dimensions tried at two
/// sizes: a dimension that follows them is unknown in the output).
/// </summary>
/// <example><code>
/// model.add(new Lambda(x => x.square()));
/// // Python: model.add(keras.layers.Lambda(lambda x: keras.ops.square(x)))
/// </code></example>
public sealed class Lambda : Layer
{
    private readonly Func<Tensor, Tensor> _function;
    private readonly Func<long?[], long?[]>? _output_shape;

    /// <param name="function">The function applied to the input.</param>
    /// <param name="output_shape">The output shape for an input shape (batch axis first); found by running the function when null.</param>
    /// <param name="name">The layer's name; automatic (<c>lambda</c>, ...) when null.</param>
    /// <param name="input_shape">Shape of one sample, to build at once.</param>
    public Lambda(Func<Tensor, Tensor> function, Func<long?[], long?[]>? output_shape = null, string? name = null, long[]? input_shape = null)
        : base(name, input_shape: input_shape)
    {
        _function = function ?? throw new ArgumentNullException(nameof(function));
        _output_shape = output_shape;
        build_at_init();
    }

    /// <summary>The wrapped function.</summary>
    public Func<Tensor, Tensor> function => _function;

    /// <inheritdoc/>
    public override Tensor call(Tensor inputs, bool training = false) => _function(inputs);

    /// <inheritdoc/>
    public override long?[] compute_output_shape(long?[] input_shape)
    {
        if (_output_shape is not null) return _output_shape(input_shape);
        using var scope = NewDisposeScope();
        using var no_grad = TorchSharp.torch.no_grad();
        var first = probe(input_shape, 83);
        if (input_shape.All(d => d is not null)) return first.Select(d => (long?)d).ToArray();
        var second = probe(input_shape, 89);
        if (first.Length != second.Length) throw new ArgumentException($"Layer '{name}': the function gives outputs of different ranks for inputs of shape {ShapeText.format(input_shape)}; pass `output_shape`.", nameof(input_shape));
        return first.Zip(second, (a, b) => a == b ? (long?)a : null).ToArray();
    }

    /// <summary>The function's output shape on zeros of <paramref name="input_shape"/>, unknown dimensions as <paramref name="size"/>.</summary>
    private long[] probe(long?[] input_shape, long size)
    {
        using var probe_input = zeros(input_shape.Select(d => d ?? size).ToArray());
        return _function(probe_input).shape;
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        // Keras writes the function's bytecode; a C# delegate has none, so only its name is kept.
        var config = base.get_config();
        config["function"] = _function.Method.Name;
        return config;
    }
}
