using KerasPort.Backend;
using KerasPort.Ops;
using KerasPort.Utils;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Base of Keras's image preprocessing and augmentation layers
/// (<c>keras/src/layers/preprocessing/image_preprocessing/base_image_preprocessing_layer.py</c>):
/// <see cref="call"/> draws everything random for the batch in <see cref="get_random_transformation"/>
/// (serially, in Keras's order) and then does the pixel work in <see cref="transform_images"/>.
/// Inputs are a batch <c>[N, H, W, C]</c> or one image <c>[H, W, C]</c> (channels first with
/// <c>data_format: "channels_first"</c>); one image is transformed as a batch of one.
/// </summary>
/// <typeparam name="TTransformation">What the layer draws for one call (Keras's transformation dictionary).</typeparam>
public abstract class BaseImagePreprocessingLayer<TTransformation> : Layer where TTransformation : class
{
    /// <param name="data_format"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="input_shape">The shape of one sample, to build at once.</param>
    protected BaseImagePreprocessingLayer(string? data_format, string? name, long[]? input_shape)
        : base(name, input_shape: input_shape)
    {
        this.data_format = ImageFormat.data_format(data_format);
        build_at_init();
    }

    /// <summary><c>"channels_last"</c> or <c>"channels_first"</c>.</summary>
    public string data_format { get; }

    /// <summary>Keras's <c>call(data, training=True)</c>: called directly, outside fit and predict, the layer augments.</summary>
    protected override bool default_training => true;

    /// <summary>
    /// Keras's <c>get_random_transformation</c>: every random draw of one call for <paramref name="data"/>
    /// (a batch or one image); null when the layer draws nothing (for example at inference). The draws come from
    /// <paramref name="seed"/> when given (as RandomColorJitter and RandAugment pass theirs), else from the layer.
    /// </summary>
    public virtual TTransformation? get_random_transformation(Tensor data, bool training = true, SeedGenerator? seed = null) => null;

    /// <summary>Keras's <c>transform_images</c>: the pixel work on a batch, given what was drawn.</summary>
    public abstract Tensor transform_images(Tensor images, TTransformation? transformation, bool training = true);

    /// <inheritdoc/>
    public override Tensor call(Tensor inputs, bool training = false)
    {
        if (inputs.dim() is not (3 or 4))
            throw new ArgumentException($"Expected image tensor to have rank 3 (single image) or 4 (batch of images). Received: data.shape={ShapeText.format(inputs.shape)}", nameof(inputs));
        var transformation = get_random_transformation(inputs, training);
        try
        {
            if (inputs.dim() == 4) return transform_images(inputs, transformation, training);
            using var batch = inputs.unsqueeze(0);
            var outputs = transform_images(batch, transformation, training);
            if (ReferenceEquals(outputs, batch)) return inputs;
            using (outputs) return outputs.squeeze(0);
        }
        finally
        {
            (transformation as IDisposable)?.Dispose();
        }
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["data_format"] = data_format;
        return config;
    }

    /// <summary>The height and width of an image or batch in this layer's data format.</summary>
    protected (int height, int width) image_size(Tensor images)
    {
        long[] s = images.shape;
        int r = s.Length;
        return data_format == "channels_last" ? ((int)s[r - 3], (int)s[r - 2]) : ((int)s[r - 2], (int)s[r - 1]);
    }

    /// <summary>The batch size of a batch, 1 for one image.</summary>
    protected static int batch_size(Tensor data) => data.dim() == 4 ? (int)data.shape[0] : 1;

    /// <summary>
    /// Keras's <c>_set_factor</c>: a number f in [<paramref name="min"/>, <paramref name="max"/>] gives
    /// (max(−|f|, min), |f|); a pair that overlaps the bounds gives its sorted values.
    /// </summary>
    protected static (double lower, double upper) set_factor(Factor factor, double min, double max, string argument = "factor")
    {
        string message = $"The `factor` argument should be a number (or a list of two numbers) in the range [{bound(min)}, {bound(max)}]. Received: factor={factor}";
        if (factor.pair is double[] pair)
        {
            if (pair.Length != 2 || pair[0] > max || pair[1] < min) throw new ArgumentException(message, argument);
            return (Math.Min(pair[0], pair[1]), Math.Max(pair[0], pair[1]));
        }
        double f = factor.number!.Value;
        if (f < min || f > max) throw new ArgumentException(message, argument);
        f = Math.Abs(f);
        return (Math.Max(-f, min), f);
    }

    // Keras's bounds are Python ints.
    private static string bound(double value) => value == Math.Floor(value) ? ((long)value).ToString() : PythonFormat.repr(value);

    /// <summary>
    /// The range checks of RandomZoom, RandomTranslation and RandomShear: each number of the factor
    /// must pass <paramref name="in_range"/>; a number f gives (−|f|, |f|), a pair its sorted values.
    /// </summary>
    protected static (double lower, double upper) set_named_factor(Factor factor, string argument, string message, Func<double, bool> in_range)
    {
        double[] values = factor.pair ?? [factor.number!.Value];
        if (factor.pair is { Length: not 2 })
            throw new ArgumentException($"{message}Received: {argument}={factor}", argument);
        foreach (var v in values)
            if (!in_range(v)) throw new ArgumentException($"{message}Received: input_number={PythonFormat.repr(v)}", argument);
        if (factor.pair is double[] pair) return (Math.Min(pair[0], pair[1]), Math.Max(pair[0], pair[1]));
        double f = Math.Abs(factor.number!.Value);
        return (-f, f);
    }

    /// <summary>Keras's fill_mode and interpolation check of the geometric layers.</summary>
    protected static void check_fill_and_interpolation(string fill_mode, string interpolation)
    {
        if (fill_mode is not ("reflect" or "wrap" or "constant" or "nearest"))
            throw new ArgumentException($"Unknown `fill_mode` {fill_mode}. Expected of one ('reflect', 'wrap', 'constant', 'nearest').", nameof(fill_mode));
        if (interpolation is not ("nearest" or "bilinear"))
            throw new ArgumentException($"Unknown `interpolation` {interpolation}. Expected of one ('nearest', 'bilinear').", nameof(interpolation));
    }
}
