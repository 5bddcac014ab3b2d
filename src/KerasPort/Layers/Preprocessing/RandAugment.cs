using KerasPort.Backend;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>RandAugment</c>: while training, applies <see cref="num_ops"/> operations chosen at random (one choice
/// for the whole batch) among shear, translation, rotation, brightness, colour degeneration, contrast, sharpness,
/// posterization, solarization, auto-contrast and equalization, each at a strength drawn from <see cref="factor"/>;
/// at inference it is the identity. Every operation draws its parameters on each call, as in Keras.
/// </summary>
/// <example><code>new RandAugment(value_range: [0, 255], num_ops: 2, factor: 0.5)</code></example>
public sealed class RandAugment : BaseImagePreprocessingLayer<RandAugment.Transformation>
{
    /// <summary>What one call draws: the chosen operations and every operation's own transformation.</summary>
    public sealed record Transformation(int[] layer_idxes, object?[] transforms);

    // The index of RandomBrightness among the operations.
    private const int Brightness = 3;

    private readonly List<(Layer layer, Func<Tensor, SeedGenerator, object?> draw, Func<Tensor, object?, Tensor> apply)> _ops = new();

    /// <param name="value_range">The range of the pixel values, [0, 255] when null.</param>
    /// <param name="num_ops">How many operations each call applies; 2 by default.</param>
    /// <param name="factor">The strength of the operations: f in [0, 1] gives (0, f); or a pair. 0.5 by default.</param>
    /// <param name="interpolation">The geometric operations' interpolation, <c>"bilinear"</c> (default) or <c>"nearest"</c>.</param>
    /// <param name="seed">Seed of the layer's random stream; null takes one from Python's <c>random</c>.</param>
    /// <param name="data_format"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="input_shape">The shape of one sample, to build at once.</param>
    public RandAugment(double[]? value_range = null, int num_ops = 2, Factor? factor = null, string interpolation = "bilinear",
        long? seed = null, string? data_format = null, string? name = null, long[]? input_shape = null)
        : base(data_format, name, input_shape)
    {
        if (num_ops < 0) throw new ArgumentException($"`num_ops` must be a non-negative integer. Received: num_ops={num_ops}", nameof(num_ops));
        this.value_range = ValueRange.check(value_range);
        this.num_ops = num_ops;
        this.factor = set_factor(factor ?? 0.5, 0, 1);
        this.interpolation = interpolation;
        this.seed = seed;
        generator = new SeedGenerator(seed);
        // Built in Keras's order: each unseeded inner layer takes its seed from Python's random.
        Factor f = (this.factor.lower, this.factor.upper);
        var vr = this.value_range;
        add(new RandomShear(f, f, interpolation, seed: seed, data_format: data_format));
        add(new RandomTranslation(f, f, interpolation: interpolation, seed: seed, data_format: data_format));
        add(new RandomRotation(f, interpolation: interpolation, seed: seed, data_format: data_format));
        add(new RandomBrightness(f, vr, seed, data_format));
        add(new RandomColorDegeneration(f, vr, data_format, seed));
        add(new RandomContrast(f, vr, seed, data_format));
        add(new RandomSharpness(f, vr, data_format, seed));
        // Keras builds Solarization before RandomPosterization but lists (and draws for) posterization first.
        var solarization = new Solarization(f, f, vr, seed, data_format);
        add(new RandomPosterization(Math.Max(1, (int)(8 * this.factor.upper)), vr, data_format, seed));
        add(solarization);
        add(new AutoContrast(vr, data_format));
        add(new Equalization(vr, data_format: data_format));
    }

    private void add<T>(BaseImagePreprocessingLayer<T> layer) where T : class =>
        _ops.Add((layer, (x, s) => layer.get_random_transformation(x, true, s), (x, t) => layer.transform_images(x, (T?)t)));

    /// <summary>The range of the pixel values, sorted ([0, 255] unless given).</summary>
    public double[] value_range { get; }

    /// <summary>How many operations each call applies.</summary>
    public int num_ops { get; }

    /// <summary>The (lower, upper) range the operations draw their strength from.</summary>
    public (double lower, double upper) factor { get; }

    /// <summary>The interpolation of the geometric operations: <c>"bilinear"</c> or <c>"nearest"</c>.</summary>
    public string interpolation { get; }

    /// <summary>The seed given; null when the stream's seed came from Python's <c>random</c>.</summary>
    public long? seed { get; }

    /// <summary>The layer's random stream (Keras's <c>generator</c>).</summary>
    public SeedGenerator generator { get; }

    /// <inheritdoc/>
    public override Transformation? get_random_transformation(Tensor data, bool training = true, SeedGenerator? seed = null)
    {
        if (!training) return null;
        var stream = seed ?? generator;
        using var idxes = keras.random.randint([num_ops], 0, _ops.Count, seed: stream);
        int[] chosen = idxes.to_type(ScalarType.Int32).data<int>().ToArray();
        var transforms = _ops.Select(op => op.draw(data, stream)).ToArray();
        return new Transformation(chosen, transforms);
    }

    /// <inheritdoc/>
    public override Tensor transform_images(Tensor images, Transformation? transformation, bool training = true)
    {
        var x = images.to_type(ScalarType.Float32);
        if (!training || transformation is null) return x;
        using var scope = NewDisposeScope();
        x = x.clone();
        foreach (int chosen in transformation.layer_idxes)
        {
            // Keras tries every operation in list order and keeps the chosen one's output; RandomBrightness adds its
            // delta to its input in place, so each pass brightens (unclipped) even when brightness is not chosen.
            for (int i = 0; i < _ops.Count; i++)
            {
                if (i == chosen) x = _ops[i].apply(x, transformation.transforms[i]);
                else if (i == Brightness) x = x + (Tensor)transformation.transforms[i]!;
            }
        }
        return x.MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["value_range"] = ValueRange.config(value_range);
        config["num_ops"] = num_ops;
        config["factor"] = new List<double> { factor.lower, factor.upper };
        config["interpolation"] = interpolation;
        config["seed"] = seed;
        return config;
    }
}
