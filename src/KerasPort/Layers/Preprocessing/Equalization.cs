using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>Equalization</c>: histogram equalization of each channel, in training and at inference alike.
/// As in Keras 3.15, one histogram per channel is taken over the whole batch.
/// </summary>
/// <example><code>new Equalization(value_range: [0, 255])</code></example>
public sealed class Equalization : BaseImagePreprocessingLayer<object>
{
    /// <param name="value_range">The range of the pixel values, [0, 255] when null.</param>
    /// <param name="bins">The number of histogram bins; 256 by default.</param>
    /// <param name="data_format"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="input_shape">The shape of one sample, to build at once.</param>
    public Equalization(double[]? value_range = null, int bins = 256, string? data_format = null, string? name = null, long[]? input_shape = null)
        : base(data_format, name, input_shape)
    {
        if (bins < 1) throw new ArgumentException($"`bins` must be a positive integer. Received: bins={bins}", nameof(bins));
        this.bins = bins;
        this.value_range = ValueRange.check(value_range);
    }

    /// <summary>The number of histogram bins.</summary>
    public int bins { get; }

    /// <summary>The range of the pixel values, sorted ([0, 255] unless given).</summary>
    public double[] value_range { get; }

    /// <inheritdoc/>
    public override Tensor transform_images(Tensor images, object? transformation, bool training = true)
    {
        var x = images.to_type(ScalarType.Float32);
        if (!training) return x;
        using var scope = NewDisposeScope();
        int axis = data_format == "channels_last" ? 3 : 1;
        var channels = Enumerable.Range(0, (int)x.shape[axis]).Select(i => equalize_channel(x.select(axis, i))).ToArray();
        return stack(channels, axis).MoveToOuterDisposeScope();
    }

    private Tensor equalize_channel(Tensor channel)
    {
        bool rescale = value_range[0] != 0 || value_range[1] != 255;
        if (rescale) channel = scale_values(channel, value_range, [0, 255]);
        var scaled = (channel - 0f) * (bins - 1) / 255f;
        var indices = scaled.to_type(ScalarType.Int32).clamp(0, bins - 1).reshape(-1);
        var hist = indices.bincount(null, bins);
        var equalized = hist.count_nonzero().item<long>() <= 1 ? channel : apply_equalization(channel, hist);
        return rescale ? scale_values(equalized, [0, 255], value_range) : equalized;
    }

    private Tensor apply_equalization(Tensor channel, Tensor hist)
    {
        var cdf = hist.cumsum(0);
        var cdf_min = cdf[cdf.nonzero()[0, 0]];
        var denominator = cdf[-1] - cdf_min;
        if (denominator.item<long>() == 0) denominator = ones_like(denominator);
        var lookup = ((cdf - cdf_min) * 255).div(denominator).round().clamp(0, 255);
        var positions = (channel / 255.0 * (bins - 1)).clamp(0, bins - 1).to_type(ScalarType.Int32);
        return lookup.take(positions.to_type(ScalarType.Int64));
    }

    // Keras's _scale_values: a linear map computed in Python floats.
    private static Tensor scale_values(Tensor values, double[] source, double[] target)
    {
        double scale = (target[1] - target[0]) / (source[1] - source[0]);
        double offset = target[0] - source[0] * scale;
        return values * scale + offset;
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["bins"] = bins;
        config["value_range"] = ValueRange.config(value_range);
        return config;
    }
}
