using KerasPort.Utils;
using TorchSharp;

namespace KerasPort.Initializers;

/// <summary>
/// Keras's <c>VarianceScaling</c>: draws with variance <c>scale / n</c>, n being the fan-in,
/// the fan-out or their mean (<see cref="mode"/>), from a truncated normal (stddev corrected
/// for the truncation), an untruncated normal, or a uniform on ±sqrt(3 scale / n).
/// </summary>
public class VarianceScaling : RandomInitializer
{
    private static readonly string[] allowed_modes = ["fan_in", "fan_out", "fan_avg"];
    private static readonly string[] allowed_distributions = ["uniform", "truncated_normal", "untruncated_normal"];

    /// <summary>Creates the initializer; every argument has Keras's name and default.</summary>
    /// <param name="scale">The scaling factor of the variance; must be &gt; 0. Default 1.0.</param>
    /// <param name="mode"><c>"fan_in"</c> (default), <c>"fan_out"</c> or <c>"fan_avg"</c>: which fan divides the variance.</param>
    /// <param name="distribution"><c>"truncated_normal"</c> (default; <c>"normal"</c> is an alias), <c>"untruncated_normal"</c> or <c>"uniform"</c>; case-insensitive.</param>
    /// <param name="seed">A seed for reproducible draws; null (default) draws one at construction from Python's <c>random</c>, which <c>keras.utils.set_random_seed</c> seeds.</param>
    /// <param name="input_axes">The axes whose sizes multiply into the fan-in, given together with <paramref name="output_axes"/>; null (default) applies Keras's rule to the shape.</param>
    /// <param name="output_axes">The axes whose sizes multiply into the fan-out, given together with <paramref name="input_axes"/>; null (default) applies Keras's rule to the shape.</param>
    /// <exception cref="ArgumentException">A non-positive <paramref name="scale"/> or an unknown <paramref name="mode"/> or <paramref name="distribution"/>.</exception>
    public VarianceScaling(double scale = 1.0, string mode = "fan_in", string distribution = "truncated_normal",
                           long? seed = null, int[]? input_axes = null, int[]? output_axes = null)
        // Keras checks the arguments before it draws a seed: a refused initializer draws nothing.
        : base(checked_seed(scale, mode, distribution, seed))
    {
        this.scale = scale;
        this.mode = mode;
        this.distribution = standard_distribution(distribution);
        this.input_axes = input_axes;
        this.output_axes = output_axes;
    }

    private static string standard_distribution(string distribution)
    {
        distribution = distribution.ToLowerInvariant();
        return distribution == "normal" ? "truncated_normal" : distribution;
    }

    private static long? checked_seed(double scale, string mode, string distribution, long? seed)
    {
        if (!(scale > 0.0))
            throw new ArgumentException($"Argument `scale` must be positive float. Received: scale={PythonFormat.repr(scale)}", nameof(scale));
        if (!allowed_modes.Contains(mode))
            throw new ArgumentException($"Invalid `mode` argument: {mode}. Please use one of {{'{string.Join("', '", allowed_modes)}'}}", nameof(mode));
        distribution = standard_distribution(distribution);
        if (!allowed_distributions.Contains(distribution))
            throw new ArgumentException($"Invalid `distribution` argument: {distribution}.Please use one of {{'{string.Join("', '", allowed_distributions)}'}}", nameof(distribution));
        return seed;
    }

    /// <summary>The scaling factor of the variance.</summary>
    public double scale { get; }
    /// <summary><c>"fan_in"</c>, <c>"fan_out"</c> or <c>"fan_avg"</c>.</summary>
    public string mode { get; }
    /// <summary><c>"truncated_normal"</c>, <c>"untruncated_normal"</c> or <c>"uniform"</c>.</summary>
    public string distribution { get; }
    /// <summary>The axes of the fan-in; null for Keras's rule from the shape.</summary>
    public int[]? input_axes { get; }
    /// <summary>The axes of the fan-out; null for Keras's rule from the shape.</summary>
    public int[]? output_axes { get; }

    /// <inheritdoc/>
    public override torch.Tensor call(long[] shape, torch.ScalarType dtype = torch.ScalarType.Float32)
    {
        var (fan_in, fan_out) = compute_fans(shape, input_axes, output_axes);
        double s = mode switch
        {
            "fan_in" => scale / Math.Max(1.0, fan_in),
            "fan_out" => scale / Math.Max(1.0, fan_out),
            _ => scale / Math.Max(1.0, (fan_in + fan_out) / 2.0),
        };
        switch (distribution)
        {
            case "truncated_normal":
                // The stddev of a unit normal truncated to (-2, 2).
                return draw_truncated_normal(shape, 0.0, Math.Sqrt(s) / 0.87962566103423978, dtype);
            case "untruncated_normal":
                return draw_normal(shape, 0.0, Math.Sqrt(s), dtype);
            default:
                double limit = Math.Sqrt(3.0 * s);
                return draw_uniform(shape, -limit, limit, dtype);
        }
    }

    /// <summary>
    /// Keras's fan rule: explicit axes if given; else a vector's length for both, a matrix's
    /// [in, out], and for a conv kernel [..., in, out] each times the receptive field size.
    /// </summary>
    public static (long fan_in, long fan_out) compute_fans(long[] shape, int[]? input_axes = null, int[]? output_axes = null)
    {
        if (input_axes is not null && output_axes is not null)
        {
            long product(int[] axes) => axes.Aggregate(1L, (acc, a) => acc * shape[a < 0 ? shape.Length + a : a]);
            return (product(input_axes), product(output_axes));
        }
        switch (shape.Length)
        {
            case 0: return (1, 1);
            case 1: return (shape[0], shape[0]);
            case 2: return (shape[0], shape[1]);
            default:
                long receptive = shape[..^2].Aggregate(1L, (acc, d) => acc * d);
                return (shape[^2] * receptive, shape[^1] * receptive);
        }
    }

    /// <inheritdoc/>
    public override IDictionary<string, object> get_config()
    {
        var config = seed_config();
        config["scale"] = scale;
        config["mode"] = mode;
        config["distribution"] = distribution;
        config["input_axes"] = input_axes!;
        config["output_axes"] = output_axes!;
        return config;
    }

    /// <summary>The config of the named subclasses: only what their constructors take.</summary>
    private protected IDictionary<string, object> fixed_config()
    {
        var config = seed_config();
        config["input_axes"] = input_axes!;
        config["output_axes"] = output_axes!;
        return config;
    }
}
