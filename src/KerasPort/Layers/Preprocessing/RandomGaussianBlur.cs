using KerasPort.Backend;
using KerasPort.Utils;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>RandomGaussianBlur</c>: while training, blurs each image with a Gaussian kernel with a probability drawn
/// per image (one pair of sigmas for the whole batch), clipped to <c>value_range</c>; at inference it is the identity.
/// </summary>
/// <example><code>new RandomGaussianBlur(factor: 0.5, kernel_size: 5, sigma: (0.1, 1.0))</code></example>
public sealed class RandomGaussianBlur : BaseRandomColorLayer<Tensor[]>
{
    /// <param name="factor">The probability of blurring: f in [0, 1] gives (0, f) from which it is drawn; or a pair. 1 by default.</param>
    /// <param name="kernel_size">An odd kernel size, or two odd sizes (rows, columns); 3 by default.</param>
    /// <param name="sigma">The standard deviation's range: s in [0, 1] gives (0, s); or a pair. 1 by default.</param>
    /// <param name="value_range">The range of the pixel values, [0, 255] when null; the output is clipped to it.</param>
    /// <param name="data_format"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
    /// <param name="seed">Seed of the layer's random stream; null takes one from Python's <c>random</c>.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="input_shape">The shape of one sample, to build at once.</param>
    public RandomGaussianBlur(Factor? factor = null, Factor? kernel_size = null, Factor? sigma = null, double[]? value_range = null,
        string? data_format = null, long? seed = null, string? name = null, long[]? input_shape = null)
        : base(factor ?? 1.0, (0, 1), value_range, seed, data_format, name, input_shape)
    {
        this.kernel_size = check_kernel_size(kernel_size ?? 3);
        var s = sigma ?? 1.0;
        try
        {
            this.sigma = set_factor(s, 0, 1, nameof(sigma));
        }
        catch (ArgumentException)
        {
            throw new ArgumentException($"The `sigma` argument should be a number (or a list of two numbers) in the range [0, 1]. Received: factor={s}", nameof(sigma));
        }
    }

    /// <summary>The kernel's (rows, columns) sizes, both odd.</summary>
    public (long lower, long upper) kernel_size { get; }

    /// <summary>The (lower, upper) range the two standard deviations are drawn from.</summary>
    public (double lower, double upper) sigma { get; }

    private static (long, long) check_kernel_size(Factor size)
    {
        double[] values = size.pair ?? [size.number!.Value, size.number!.Value];
        if (values.Length != 2)
            throw new ArgumentException($"The `kernel_size` argument should be a number (or a list of two numbers) Received: kernel_size={size}", nameof(kernel_size));
        if (values.Any(v => v % 2 == 0 || v != Math.Floor(v) || v < 1))
            throw new ArgumentException($"kernel_size must be an odd number. Received: kernel_size={size}", nameof(kernel_size));
        return ((long)values[0], (long)values[1]);
    }

    /// <summary>Whether each image is blurred [N], and the two sigmas [2].</summary>
    public override Tensor[]? get_random_transformation(Tensor data, bool training = true, SeedGenerator? seed = null)
    {
        if (!training) return null;
        var stream = seed ?? generator;
        long n = batch_size(data);
        using var probability = keras.random.uniform([n], factor.lower, factor.upper, seed: stream);
        using var threshold = keras.random.uniform([n], 0.0, 1.0, seed: stream);
        var apply = threshold < probability;
        using var draw = keras.random.uniform([2], sigma.lower, sigma.upper, seed: stream);
        return [apply, draw + 1e-6];
    }

    /// <inheritdoc/>
    public override Tensor transform_images(Tensor images, Tensor[]? transformation, bool training = true)
    {
        var x = images.to_type(ScalarType.Float32);
        if (!training || transformation is null) return x;
        using var scope = NewDisposeScope();
        float[] sigmas = transformation[1].data<float>().ToArray();
        var blurred = keras.ops.image.gaussian_blur(x, [kernel_size.lower, kernel_size.upper], [sigmas[0], sigmas[1]], data_format);
        var result = where(transformation[0].reshape(-1, 1, 1, 1), blurred, x);
        return result.clamp(value_range[0], value_range[1]).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["kernel_size"] = new List<long> { kernel_size.lower, kernel_size.upper };
        config["sigma"] = new List<double> { sigma.lower, sigma.upper };
        return config;
    }
}
