using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>Merge</c> base: a layer called on a list of tensors of broadcast-compatible shapes,
/// combined elementwise (<see cref="Add"/>, <see cref="Subtract"/>, <see cref="Multiply"/>,
/// <see cref="Average"/>, <see cref="Maximum"/>, <see cref="Minimum"/>). Inputs of a lower rank get
/// axes of size 1 after the batch axis, as Keras reshapes them. Called on one tensor, it refuses.
/// </summary>
public abstract class Merge : Layer
{
    /// <param name="name">The layer's name; automatic when null.</param>
    protected Merge(string? name = null) : base(name)
    {
    }

    /// <summary>Combines the inputs (already of one rank) elementwise.</summary>
    protected abstract Tensor merge_function(IReadOnlyList<Tensor> inputs);

    /// <inheritdoc/>
    public override Tensor call(Tensor inputs, bool training = false) =>
        throw new ArgumentException($"A merge layer should be called on a list of inputs. Received: inputs with shape {ShapeText.format(inputs.shape)} (not a list of tensors)", nameof(inputs));

    /// <inheritdoc/>
    public override void build(long?[] input_shape) =>
        throw new ArgumentException($"A merge layer should be called on a list of inputs. Received: input_shape={ShapeText.format(input_shape)} (not a list of shapes)", nameof(input_shape));

    /// <inheritdoc/>
    public override void build(IReadOnlyList<long?[]> input_shapes)
    {
        if (input_shapes.Count < 1)
            throw new ArgumentException($"A merge layer should be called on a list of at least 1 input. Received {input_shapes.Count} inputs. Full input_shape received: []", nameof(input_shapes));
        check_batch_sizes(input_shapes);
        elementwise_shape(input_shapes);
        mark_built(input_shapes);
    }

    /// <summary>Records the build (the first input's shape stands for the list) once the shapes are checked.</summary>
    private protected void mark_built(IReadOnlyList<long?[]> input_shapes)
    {
        record_build_shape(input_shapes.ToArray());
        base.build(input_shapes[0]);
    }

    /// <inheritdoc/>
    public override Tensor[] call(IReadOnlyList<Tensor> inputs, bool training = false)
    {
        int max_rank = inputs.Max(x => (int)x.dim());
        if (inputs.All(x => x.dim() == max_rank)) return [merge_function(inputs)];
        var reshaped = inputs.Select(x =>
        {
            var y = x;
            for (long i = x.dim(); i < max_rank; i++) y = y.unsqueeze(1);
            return y;
        }).ToList();
        return [merge_function(reshaped)];
    }

    /// <inheritdoc/>
    public override long?[] compute_output_shape(long?[] input_shape) =>
        throw new ArgumentException($"A merge layer should be called on a list of inputs. Received: input_shape={ShapeText.format(input_shape)}", nameof(input_shape));

    /// <inheritdoc/>
    public override long?[][] compute_output_shape(IReadOnlyList<long?[]> input_shapes)
    {
        var shape = elementwise_shape(input_shapes);
        var batch_sizes = input_shapes.Select(s => s.Length > 0 ? s[0] : null).OfType<long>().Distinct().ToList();
        return [[batch_sizes.Count == 1 ? batch_sizes[0] : null, .. shape]];
    }

    private static void check_batch_sizes(IReadOnlyList<long?[]> input_shapes)
    {
        if (input_shapes.Select(s => s.Length > 0 ? s[0] : null).OfType<long>().Distinct().Count() > 1)
            throw new ArgumentException($"Cannot merge tensors with different batch sizes. Received tensors with shapes [{string.Join(", ", input_shapes.Select(ShapeText.format))}]", "input_shape");
    }

    /// <summary>Keras's <c>_compute_elemwise_op_output_shape</c> over every input, batch axis left out.</summary>
    private static long?[] elementwise_shape(IReadOnlyList<long?[]> input_shapes)
    {
        var output = input_shapes[0].Skip(1).ToArray();
        foreach (var next in input_shapes.Skip(1))
            output = broadcast(output, next.Skip(1).ToArray());
        return output;
    }

    private static long?[] broadcast(long?[] shape1, long?[] shape2)
    {
        if (shape1.Length < shape2.Length) return broadcast(shape2, shape1);
        if (shape2.Length == 0) return shape1;
        var output = shape1[..^shape2.Length].ToList();
        foreach (var (i, j) in shape1[^shape2.Length..].Zip(shape2))
        {
            if (i is null || j is null) output.Add(null);
            else if (i == 1) output.Add(j);
            else if (j == 1) output.Add(i);
            else if (i != j)
                throw new ArgumentException($"Inputs have incompatible shapes. Received shapes {ShapeText.format(shape1)} and {ShapeText.format(shape2)}", "input_shape");
            else output.Add(i);
        }
        return output.ToArray();
    }
}
