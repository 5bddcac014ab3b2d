using KerasPort.Backend;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>MixUp</c>: while training, blends each image with another image of the batch (a random
/// permutation), with a weight drawn per image from Beta(alpha, alpha); at inference it is the identity
/// (it still draws, as Keras does).
/// </summary>
/// <example><code>new MixUp(alpha: 0.2)</code></example>
public sealed class MixUp : BaseImagePreprocessingLayer<Tensor[]>
{
    /// <param name="alpha">The Beta distribution's two parameters; 0.2 by default.</param>
    /// <param name="data_format"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
    /// <param name="seed">Seed of the layer's random stream; null takes one from Python's <c>random</c>.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="input_shape">The shape of one sample, to build at once.</param>
    public MixUp(double alpha = 0.2, string? data_format = null, long? seed = null, string? name = null, long[]? input_shape = null)
        : base(data_format, name, input_shape)
    {
        if (!(alpha > 0)) throw new ArgumentException($"`alpha` must be positive. Received: alpha={Utils.PythonFormat.repr(alpha)}", nameof(alpha));
        this.alpha = alpha;
        this.seed = seed;
        generator = new SeedGenerator(seed);
    }

    /// <summary>The parameter of the Beta(alpha, alpha) distribution of the mix weights.</summary>
    public double alpha { get; }

    /// <summary>The seed given; null when the stream's seed came from Python's <c>random</c>.</summary>
    public long? seed { get; }

    /// <summary>The layer's random stream (Keras's <c>generator</c>).</summary>
    public SeedGenerator generator { get; }

    /// <summary>The mix weights [N] and the permutation [N].</summary>
    public override Tensor[]? get_random_transformation(Tensor data, bool training = true, SeedGenerator? seed = null)
    {
        long n = batch_size(data);
        using var order = arange(0, n, dtype: ScalarType.Int64);
        var permutation = keras.random.shuffle(order, seed: seed ?? generator);
        var mix_weight = keras.random.beta([n], alpha, alpha, seed: seed ?? generator);
        return [mix_weight, permutation];
    }

    /// <inheritdoc/>
    public override Tensor transform_images(Tensor images, Tensor[]? transformation, bool training = true)
    {
        if (!training || transformation is null) return images;
        using var scope = NewDisposeScope();
        var x = images.to_type(ScalarType.Float32);
        var weight = transformation[0].reshape(-1, 1, 1, 1).to_type(ScalarType.Float32);
        var others = x.index_select(0, transformation[1]);
        return (weight * x + (1.0 - weight) * others).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["alpha"] = alpha;
        config["seed"] = seed;
        return config;
    }
}
