using System.Numerics;
using TorchSharp;

namespace KerasPort.Preprocessing.Image;

/// <summary>
/// The per-pixel steps of Keras's augmentation besides the affine one, over raw buffers, with
/// numpy's and PIL's arithmetic (float32 where numpy is float32, PIL's float blend on uint8).
/// Each call allocates its output once and keeps no state, so images can be processed in parallel.
/// </summary>
internal static class PixelOps
{
    /// <summary>
    /// <c>clip(x + intensity, min(x), max(x))</c> with min/max over the whole image; the
    /// intensity is cast to the array's dtype first, as numpy does for a Python scalar.
    /// </summary>
    public static torch.Tensor ChannelShift(torch.Tensor x, double intensity)
    {
        var input = PixelBuffer.Prepare(x, nameof(x));
        try
        {
            var output = torch.empty(input.shape, input.dtype);
            if (input.dtype == torch.ScalarType.Float32)
                ChannelShift(PixelBuffer.Span<float>(input), PixelBuffer.Span<float>(output), (float)intensity);
            else
                ChannelShift(PixelBuffer.Span<double>(input), PixelBuffer.Span<double>(output), intensity);
            return output;
        }
        finally
        {
            if (!ReferenceEquals(input, x))
                input.Dispose();
        }
    }

    private static void ChannelShift<T>(ReadOnlySpan<T> src, Span<T> dst, T intensity)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (src.IsEmpty)
            return;
        T min = src[0], max = src[0];
        foreach (var v in src)
        {
            // numpy's min/max propagate NaN.
            if (T.IsNaN(v)) { min = max = v; break; }
            if (v < min) min = v;
            if (v > max) max = v;
        }
        for (int i = 0; i < src.Length; i++)
        {
            T v = src[i] + intensity;
            // np.clip(v, lo, hi) = minimum(maximum(v, lo), hi)
            v = v < min ? min : v;
            dst[i] = v > max ? max : v;
        }
    }

    /// <summary>
    /// Keras's <c>apply_brightness_shift</c> on an image whose last axis is the channel axis
    /// (what <c>array_to_img</c> assumes): float32 → optional min-max scaling → uint8 by
    /// truncation → PIL's Brightness blend (alpha of a 4-channel image untouched) → float32 →
    /// back to the original range when only out-of-range values forced the scaling.
    /// </summary>
    public static torch.Tensor BrightnessShift(torch.Tensor x, double brightness, bool scale)
    {
        long channels = x.shape[2];
        if (channels is not (1 or 3 or 4))
            throw new ArgumentException($"Unsupported channel number: {channels}", nameof(x));
        var input = PixelBuffer.Prepare(x, nameof(x));
        try
        {
            var output = torch.empty(input.shape, torch.ScalarType.Float32);
            var dst = PixelBuffer.Span<float>(output);
            if (input.dtype == torch.ScalarType.Float32)
                PixelBuffer.Span<float>(input).CopyTo(dst);
            else
                CastToFloat(PixelBuffer.Span<double>(input), dst);
            double xMin, xMax;
            if (input.dtype == torch.ScalarType.Float32)
                (xMin, xMax) = MinMax<float>(dst);
            else
                (xMin, xMax) = MinMax<double>(PixelBuffer.Span<double>(input));
            bool localScale = xMin < 0 || xMax > 255;
            if (localScale || scale)
                ScaleTo255(dst);
            Enhance(dst, (int)channels, (float)brightness);
            if (!scale && localScale)
            {
                float range = (float)(xMax - xMin), lo = (float)xMin;
                for (int i = 0; i < dst.Length; i++)
                    dst[i] = dst[i] / 255f * range + lo;
            }
            return x.device_type == DeviceType.CPU ? output : output.to(x.device);
        }
        finally
        {
            if (!ReferenceEquals(input, x))
                input.Dispose();
        }
    }

    private static void CastToFloat(ReadOnlySpan<double> src, Span<float> dst)
    {
        for (int i = 0; i < src.Length; i++)
            dst[i] = (float)src[i];
    }

    private static (double min, double max) MinMax<T>(ReadOnlySpan<T> values) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T min = values[0], max = values[0];
        foreach (var v in values)
        {
            if (T.IsNaN(v)) return (double.NaN, double.NaN);
            if (v < min) min = v;
            if (v > max) max = v;
        }
        return (double.CreateTruncating(min), double.CreateTruncating(max));
    }

    // array_to_img(scale=True) in float32: x -= min(x); x /= max(x) unless 0; x *= 255.
    private static void ScaleTo255(Span<float> x)
    {
        var (min, _) = MinMax<float>(x);
        float lo = (float)min;
        for (int i = 0; i < x.Length; i++)
            x[i] -= lo;
        float hi = (float)MinMax<float>(x).max;
        for (int i = 0; i < x.Length; i++)
        {
            if (hi != 0)
                x[i] /= hi;
            x[i] *= 255f;
        }
    }

    // astype('uint8') truncates; PIL's ImagingBlend with a black image: (float)alpha * v,
    // truncated, clipped to [0, 255] when alpha is outside [0, 1]. Brightness keeps the alpha band.
    private static void Enhance(Span<float> x, int channels, float alpha)
    {
        bool interpolate = alpha >= 0 && alpha <= 1.0f;
        for (int i = 0; i < x.Length; i++)
        {
            int v = (byte)(int)x[i];
            if (channels == 4 && i % 4 == 3)
            {
                x[i] = v;
                continue;
            }
            float t = 0 + alpha * v;
            int result = interpolate ? (int)t : t <= 0f ? 0 : t >= 255f ? 255 : (int)t;
            x[i] = result;
        }
    }
}
