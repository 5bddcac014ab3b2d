using KerasPort.Backend;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>CutMix</c>: while training, pastes into each image of a batch a box cut from another image of the
/// batch (a random permutation); the box's area follows a Beta draw. One image, or inference, passes unchanged.
/// </summary>
/// <example><code>new CutMix(factor: 1.0)</code></example>
public sealed class CutMix : BaseImagePreprocessingLayer<Tensor[]>
{
    /// <param name="factor">The range of the Beta distribution's parameter: f in [0, 1] gives (0, f); or a pair. 1 by default.</param>
    /// <param name="seed">Seed of the layer's random stream; null takes one from Python's <c>random</c>.</param>
    /// <param name="data_format"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="input_shape">The shape of one sample, to build at once.</param>
    public CutMix(Factor? factor = null, long? seed = null, string? data_format = null, string? name = null, long[]? input_shape = null)
        : base(data_format, name, input_shape)
    {
        this.factor = set_factor(factor ?? 1.0, 0, 1);
        this.seed = seed;
        generator = new SeedGenerator(seed);
    }

    /// <summary>The (lower, upper) range of the Beta distribution's parameter.</summary>
    public (double lower, double upper) factor { get; }

    /// <summary>The seed given; null when the stream's seed came from Python's <c>random</c>.</summary>
    public long? seed { get; }

    /// <summary>The layer's random stream (Keras's <c>generator</c>).</summary>
    public SeedGenerator generator { get; }

    /// <summary>The permutation [N], the box masks (the images' shape) and the mix weights [N, 1, 1, 1].</summary>
    public override Tensor[]? get_random_transformation(Tensor data, bool training = true, SeedGenerator? seed = null)
    {
        if (!training || data.dim() == 3) return null;
        var stream = seed ?? generator;
        using var scope = NewDisposeScope();
        long n = data.shape[0];
        var (height, width) = image_size(data);
        float alpha = keras.random.uniform([], factor.lower, factor.upper, seed: stream).item<float>() + 1e-6f;
        var mix_weight = keras.random.beta([n], alpha, alpha, seed: stream);
        var ratio = (1.0 - mix_weight).sqrt();
        var (x0, x1) = BoxMasks.crop_bounds(n, width, ratio, stream);
        var (y0, y1) = BoxMasks.crop_bounds(n, height, ratio, stream);
        var masks = BoxMasks.mask(data.shape, data_format, x0, x1, y0, y1);
        var weight = 1.0 - (x1 - x0) * (y1 - y0) / (width * height);
        var permutation = keras.random.shuffle(arange(0, n, dtype: ScalarType.Int32), seed: stream);
        return [permutation.MoveToOuterDisposeScope(), masks.MoveToOuterDisposeScope(), weight.MoveToOuterDisposeScope()];
    }

    /// <inheritdoc/>
    public override Tensor transform_images(Tensor images, Tensor[]? transformation, bool training = true)
    {
        var x = images.to_type(ScalarType.Float32);
        if (!training || transformation is null) return x;
        using var scope = NewDisposeScope();
        var others = x.index_select(0, transformation[0].to_type(ScalarType.Int64));
        return where(transformation[1], others, x).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["factor"] = new List<double> { factor.lower, factor.upper };
        config["seed"] = seed;
        return config;
    }
}
