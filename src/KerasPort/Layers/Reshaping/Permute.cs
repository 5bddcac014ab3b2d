using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>Keras's <c>Permute</c>: reorders the axes of each sample (the batch axis stays first); axes count from 1.</summary>
/// <example><code>new Permute([2, 1])</code></example>
public sealed class Permute : Layer
{
    /// <param name="dims">The new order of the sample's axes, a permutation of 1..n.</param>
    /// <param name="input_shape">Shape of one sample, to fix the model's input.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    public Permute(int[] dims, long[]? input_shape = null, string? name = null) : base(name, input_shape: input_shape)
    {
        ArgumentNullException.ThrowIfNull(dims);
        if (!dims.Order().SequenceEqual(Enumerable.Range(1, dims.Length)))
            throw new ArgumentException($"Invalid permutation argument `dims` for Permute Layer. The set of indices in `dims` must be consecutive and start from 1. Received dims=({string.Join(", ", dims)}{(dims.Length == 1 ? "," : "")})", nameof(dims));
        this.dims = (int[])dims.Clone();
        build_at_init();
    }

    /// <summary>The new order of the sample's axes (1-based; the batch axis stays first).</summary>
    public int[] dims { get; }

    /// <inheritdoc/>
    protected override void assert_input_compatibility(long[] shape) => InputSpec.ndim(this, shape, dims.Length + 1);

    /// <inheritdoc/>
    public override Tensor call(Tensor inputs, bool training = false) => inputs.permute([0, .. dims.Select(d => (long)d)]);

    /// <inheritdoc/>
    public override long?[] compute_output_shape(long?[] input_shape) => [input_shape[0], .. dims.Select(d => input_shape[d])];

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["dims"] = dims;
        return config;
    }
}
