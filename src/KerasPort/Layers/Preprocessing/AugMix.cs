using KerasPort.Backend;
using KerasPort.Utils;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>AugMix</c>: while training, mixes <see cref="num_chains"/> chains of up to <see cref="chain_depth"/> random
/// operations (chosen with Python's <c>random</c>, as Keras does) with Dirichlet weights, then blends the mix with the
/// original by a Beta draw, clipped to <see cref="value_range"/>; at inference it is the identity.
/// </summary>
/// <example><code>new AugMix(value_range: [0, 255], num_chains: 3, chain_depth: 3, factor: 0.3)</code></example>
public sealed class AugMix : BaseImagePreprocessingLayer<AugMix.Transformation>
{
    /// <summary>What one call draws: the chain weights, the blend weight, and each chain's operations with their transformations.</summary>
    public sealed record Transformation(Tensor chain_mixing_weights, Tensor weight_sample, List<List<(int op, object? transformation)>> chain_transforms);

    private readonly List<(Func<Tensor, SeedGenerator, object?> draw, Func<Tensor, object?, Tensor> apply)> _ops = new();

    /// <param name="value_range">The range of the pixel values, [0, 255] when null.</param>
    /// <param name="num_chains">How many chains are mixed; 3 by default.</param>
    /// <param name="chain_depth">The most operations in a chain; 3 by default.</param>
    /// <param name="factor">The strength of the operations: f in [0, 1] gives (0, f); or a pair. 0.3 by default.</param>
    /// <param name="alpha">The Dirichlet and Beta parameter; 1 by default.</param>
    /// <param name="all_ops">Whether the colour operations (brightness, colour degeneration, contrast, sharpness) are included; true by default.</param>
    /// <param name="interpolation">The geometric operations' interpolation, <c>"bilinear"</c> (default) or <c>"nearest"</c>.</param>
    /// <param name="seed">Seed of the layer's random stream; null takes one from Python's <c>random</c>.</param>
    /// <param name="data_format"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="input_shape">The shape of one sample, to build at once.</param>
    public AugMix(double[]? value_range = null, int num_chains = 3, int chain_depth = 3, Factor? factor = null, double alpha = 1.0,
        bool all_ops = true, string interpolation = "bilinear", long? seed = null, string? data_format = null, string? name = null,
        long[]? input_shape = null)
        : base(data_format, name, input_shape)
    {
        if (num_chains < 1) throw new ArgumentException($"`num_chains` must be a positive integer. Received: num_chains={num_chains}", nameof(num_chains));
        if (chain_depth < 1) throw new ArgumentException($"`chain_depth` must be a positive integer. Received: chain_depth={chain_depth}", nameof(chain_depth));
        if (!(alpha > 0)) throw new ArgumentException($"`alpha` must be positive. Received: alpha={PythonFormat.repr(alpha)}", nameof(alpha));
        this.value_range = ValueRange.check(value_range);
        this.num_chains = num_chains;
        this.chain_depth = chain_depth;
        this.factor = set_factor(factor ?? 0.3, 0, 1);
        this.alpha = alpha;
        this.all_ops = all_ops;
        this.interpolation = interpolation;
        this.seed = seed;
        generator = new SeedGenerator(seed);
        // Built in Keras's order (each unseeded layer takes a seed from Python's random); listed in Keras's list order.
        Factor f = (this.factor.lower, this.factor.upper);
        var vr = this.value_range;
        add(new RandomShear(f, f, interpolation, seed: seed, data_format: data_format));
        add(new RandomTranslation(f, f, interpolation: interpolation, seed: seed, data_format: data_format));
        add(new RandomRotation(f, interpolation: interpolation, seed: seed, data_format: data_format));
        var solarization = new Solarization(f, f, vr, seed, data_format);
        add(new RandomPosterization(Math.Max(1, (int)(8 * this.factor.upper)), vr, data_format, seed));
        add(solarization);
        add(new AutoContrast(vr, data_format));
        add(new Equalization(vr, data_format: data_format));
        if (all_ops)
        {
            add(new RandomBrightness(f, vr, seed, data_format));
            add(new RandomColorDegeneration(f, vr, data_format, seed));
            add(new RandomContrast(f, vr, seed, data_format));
            add(new RandomSharpness(f, vr, data_format, seed));
        }
    }

    private void add<T>(BaseImagePreprocessingLayer<T> layer) where T : class =>
        _ops.Add(((x, s) => layer.get_random_transformation(x, true, s), (x, t) => layer.transform_images(x, (T?)t)));

    /// <summary>The range of the pixel values, sorted ([0, 255] unless given).</summary>
    public double[] value_range { get; }

    /// <summary>How many augmentation chains are mixed.</summary>
    public int num_chains { get; }

    /// <summary>The most operations in one chain (each step may be skipped).</summary>
    public int chain_depth { get; }

    /// <summary>The (lower, upper) range the operations draw their strength from.</summary>
    public (double lower, double upper) factor { get; }

    /// <summary>The parameter of the Dirichlet (chain weights) and Beta (blend weight) draws.</summary>
    public double alpha { get; }

    /// <summary>Whether the colour operations are among the choices.</summary>
    public bool all_ops { get; }

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
        // Keras's _sample_from_dirichlet: gamma draws, normalised.
        using var gamma = keras.random.gamma([num_chains], alpha, seed: stream);
        var mixing = gamma / gamma.sum(-1, keepdim: true);
        var weight = keras.random.beta([], alpha, alpha, seed: stream);
        // Python's random.choice over the operations and None (a skipped step).
        var choices = Enumerable.Range(0, _ops.Count).Select(i => (int?)i).Append(null).ToList();
        var chains = new List<List<(int, object?)>>();
        for (int c = 0; c < num_chains; c++)
        {
            var chain = new List<(int, object?)>();
            for (int d = 0; d < chain_depth; d++)
            {
                if (PythonRandom.Global.choice(choices) is not int op) continue;
                chain.Add((op, _ops[op].draw(data, stream)));
            }
            chains.Add(chain);
        }
        return new Transformation(mixing, weight, chains);
    }

    /// <inheritdoc/>
    public override Tensor transform_images(Tensor images, Transformation? transformation, bool training = true)
    {
        var x = images.to_type(ScalarType.Float32);
        if (!training || transformation is null) return x;
        using var scope = NewDisposeScope();
        var mixed = zeros_like(x);
        for (int c = 0; c < transformation.chain_transforms.Count; c++)
        {
            var chained = x.clone();
            foreach (var (op, t) in transformation.chain_transforms[c]) chained = _ops[op].apply(chained, t);
            mixed += chained * transformation.chain_mixing_weights[c];
        }
        var w = transformation.weight_sample;
        var result = w * x + (1 - w) * mixed;
        return result.clamp(value_range[0], value_range[1]).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["value_range"] = ValueRange.config(value_range);
        config["num_chains"] = num_chains;
        config["chain_depth"] = chain_depth;
        config["factor"] = new List<double> { factor.lower, factor.upper };
        config["alpha"] = alpha;
        config["all_ops"] = all_ops;
        config["interpolation"] = interpolation;
        config["seed"] = seed;
        return config;
    }
}
