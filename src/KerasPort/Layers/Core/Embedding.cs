using KerasPort.Constraints;
using KerasPort.Initializers;
using KerasPort.Regularizers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>Embedding</c>: turns integer indices in [0, <c>input_dim</c>) into dense
/// vectors of size <c>output_dim</c>, rows of a learned <c>embeddings</c> matrix
/// <c>[input_dim, output_dim]</c>. Inputs of any shape; the output adds a last axis. (Keras 3 has
/// no <c>input_length</c>.)
/// </summary>
/// <example><code>
/// model.add(new Embedding(1000, 64));
/// // Python: model.add(keras.layers.Embedding(1000, 64))
/// </code></example>
public sealed class Embedding : Layer
{
    private readonly WeightArguments _embeddings;

    /// <param name="input_dim">Size of the vocabulary: the largest index plus 1 (positive).</param>
    /// <param name="output_dim">Size of each vector (positive).</param>
    /// <param name="embeddings_initializer">Initializer of the matrix (<c>uniform</c>: uniform in [-0.05, 0.05]).</param>
    /// <param name="embeddings_regularizer">A regularizer name or Regularizer penalising the embeddings matrix; none by default.</param>
    /// <param name="embeddings_constraint">A projection of the matrix after each optimizer update: a constraint name (<c>"max_norm"</c>, <c>"non_neg"</c>, <c>"unit_norm"</c>, <c>"min_max_norm"</c>), a <see cref="Constraint"/> or a <c>Func&lt;Tensor, Tensor&gt;</c>; none by default.</param>
    /// <param name="mask_zero">Whether index 0 is padding to be masked by later layers (kept in the config; no layer here consumes masks).</param>
    /// <param name="activity_regularizer">A regularizer name or Regularizer penalising the layer's output; none by default.</param>
    /// <param name="input_shape">Shape of one sample, to fix the model's input.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="trainable">Whether the matrix is trained; true by default.</param>
    public Embedding(long input_dim, long output_dim, InitializerSpec? embeddings_initializer = null, RegularizerSpec? embeddings_regularizer = null,
        ConstraintSpec? embeddings_constraint = null, bool mask_zero = false, RegularizerSpec? activity_regularizer = null,
        long[]? input_shape = null, string? name = null, bool trainable = true)
        : base(name, trainable, input_shape, activity_regularizer)
    {
        if (input_dim <= 0)
            throw new ArgumentException($"`input_dim` must be a positive integer. Received: input_dim={input_dim} (of type int).", nameof(input_dim));
        if (output_dim <= 0)
            throw new ArgumentException($"`output_dim` must be a positive integer. Received: output_dim={output_dim} (of type int).", nameof(output_dim));
        this.input_dim = input_dim;
        this.output_dim = output_dim;
        this.mask_zero = mask_zero;
        _embeddings = new WeightArguments("embeddings", embeddings_initializer, "uniform", embeddings_regularizer, embeddings_constraint);
    }

    /// <summary>The vocabulary's size: indices run from 0 to <c>input_dim - 1</c>.</summary>
    public long input_dim { get; }

    /// <summary>The length of each embedding vector.</summary>
    public long output_dim { get; }

    /// <summary>Whether index 0 stands for padding (see <see cref="compute_mask"/>).</summary>
    public bool mask_zero { get; }

    /// <summary>The penalty on the embeddings matrix added to the loss; null when none.</summary>
    public Regularizer? embeddings_regularizer => _embeddings.regularizer;

    /// <summary>The matrix <c>[input_dim, output_dim]</c>; null before building.</summary>
    public Parameter? embeddings { get; private set; }

    /// <inheritdoc/>
    public override void build(long?[] input_shape)
    {
        if (built) return;
        embeddings = add_weight(_embeddings, [input_dim, output_dim]);
        base.build(input_shape);
    }

    /// <summary>A lookup, not a product: each index of a sample copies one row of <see cref="output_dim"/> values.</summary>
    internal override double own_multiply_adds_per_sample() => built && build_input_shape is { } shape
        ? shape.Skip(1).Aggregate((double)output_dim, (product, size) => product * (size ?? 1))
        : 0;

    /// <inheritdoc/>
    public override Tensor call(Tensor inputs, bool training = false)
    {
        var indices = inputs.dtype is ScalarType.Int32 or ScalarType.Int64 ? inputs : inputs.to_type(ScalarType.Int32);
        return embeddings!.index_select(0, indices.flatten()).reshape([.. inputs.shape, output_dim]);
    }

    /// <summary>Keras's <c>compute_mask</c>: true where the index is not 0, when <see cref="mask_zero"/>; else null.</summary>
    public Tensor? compute_mask(Tensor inputs) => mask_zero ? inputs.ne(0) : null;

    /// <inheritdoc/>
    public override long?[] compute_output_shape(long?[] input_shape) => [.. input_shape, output_dim];

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["input_dim"] = input_dim;
        config["output_dim"] = output_dim;
        config["embeddings_initializer"] = _embeddings.initializer_config;
        config["embeddings_regularizer"] = _embeddings.regularizer_config;
        config["activity_regularizer"] = ArgumentResolver.serialize(activity_regularizer);
        config["embeddings_constraint"] = _embeddings.constraint_config;
        config["mask_zero"] = mask_zero;
        config["quantization_config"] = null;
        return config;
    }
}
