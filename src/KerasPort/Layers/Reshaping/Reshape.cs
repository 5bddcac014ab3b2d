using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>Keras's <c>Reshape</c>: each sample takes <see cref="target_shape"/>; one entry may be -1.</summary>
/// <example><code>
/// model.add(new Reshape([7, 7, 64]));
/// // Python: model.add(keras.layers.Reshape((7, 7, 64)))
/// </code></example>
public sealed class Reshape : Layer
{
    /// <param name="target_shape">The new shape of one sample, without the batch axis; at most one -1.</param>
    /// <param name="input_shape">Shape of one sample, to build at once.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    public Reshape(long[] target_shape, long[]? input_shape = null, string? name = null) : base(name, input_shape: input_shape)
    {
        ArgumentNullException.ThrowIfNull(target_shape);
        if (target_shape.Count(d => d == -1) > 1 || target_shape.Any(d => d == 0 || d < -1))
            throw new ArgumentException($"Invalid value received for argument target_shape. Expected positive dimensions and at most one -1. Received: target_shape={ShapeText.format(target_shape)}", nameof(target_shape));
        this.target_shape = (long[])target_shape.Clone();
    }

    /// <summary>The shape of one sample after the layer, without the batch axis (-1 as given when inferred).</summary>
    public long[] target_shape { get; }

    /// <inheritdoc/>
    protected override void assert_input_compatibility(long[] shape) => resolve(shape.Skip(1).Aggregate(1L, (a, d) => a * d), shape);

    /// <inheritdoc/>
    public override Tensor call(Tensor inputs, bool training = false) => inputs.reshape([inputs.shape[0], .. target_shape]);

    /// <inheritdoc/>
    public override long?[] compute_output_shape(long?[] input_shape)
    {
        var rest = input_shape.Skip(1).ToArray();
        if (rest.Any(d => d is null))
            return [input_shape[0], .. target_shape.Select(d => d == -1 ? null : (long?)d)];
        return [input_shape[0], .. resolve(rest.Aggregate(1L, (a, d) => a * d!.Value), input_shape.Select(d => d ?? 0)).Select(d => (long?)d)];
    }

    private long[] resolve(long size, IEnumerable<long> input_shape)
    {
        long known = target_shape.Where(d => d != -1).Aggregate(1L, (a, d) => a * d);
        bool has_unknown = target_shape.Contains(-1);
        if (has_unknown ? size % known != 0 : size != known)
            throw new ArgumentException($"The total size of the tensor must be unchanged. Received: input_shape={ShapeText.format(input_shape.Skip(1))}, target_shape={ShapeText.format(target_shape)}", "inputs");
        return target_shape.Select(d => d == -1 ? size / known : d).ToArray();
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["target_shape"] = target_shape;
        return config;
    }
}
