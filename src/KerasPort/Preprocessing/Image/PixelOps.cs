using System.Numerics;
using TorchSharp;

namespace KerasPort.Preprocessing.Image;

/// <summary>
/// The per-pixel steps of Keras's augmentation besides the affine one, over raw buffers, with
/// numpy's and PIL's arithmetic (float32 where numpy is float32, PIL's float blend on uint8).
/// The kernels work in place on a buffer the caller owns; nothing here keeps state, so images
/// can be processed in parallel.
/// </summary>
internal static class PixelOps
{
    /// <summary>A contiguous CPU copy of <paramref name="x"/> that the caller owns and may overwrite.</summary>
    public static torch.Tensor OwnedCopy(torch.Tensor x)
    {
        var prepared = PixelBuffer.Prepare(x, nameof(x));
        return ReferenceEquals(prepared, x) ? x.clone() : prepared;
    }

    /// <summary>
    /// In place: <c>clip(x + intensity, min(x), max(x))</c> with min/max over the whole image;
    /// the intensity is cast to the array's dtype first, as numpy does with a Python scalar.
    /// </summary>
    public static void ChannelShiftInPlace(torch.Tensor owned, double intensity)
    {
        if (owned.dtype == torch.ScalarType.Float32)
            ChannelShift(PixelBuffer.Span<float>(owned), (float)intensity);
        else
            ChannelShift(PixelBuffer.Span<double>(owned), intensity);
    }

    private static void ChannelShift<T>(Span<T> x, T intensity) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (x.IsEmpty)
            return;
        var (min, max) = MinMax<T>(x);
        for (int i = 0; i < x.Length; i++)
        {
            // np.clip(v, lo, hi) = minimum(maximum(v, lo), hi)
            T v = x[i] + intensity;
            v = v < min ? min : v;
            x[i] = v > max ? max : v;
        }
    }

    /// <summary>In place: reverses one axis of a contiguous 3-D image (Keras's <c>flip_axis</c>).</summary>
    public static void FlipInPlace(torch.Tensor owned, int axis)
    {
        if (owned.dtype == torch.ScalarType.Float32)
            Flip(PixelBuffer.Span<float>(owned), owned.shape, axis);
        else
            Flip(PixelBuffer.Span<double>(owned), owned.shape, axis);
    }

    private static void Flip<T>(Span<T> x, long[] shape, int axis) where T : unmanaged
    {
        // Blocks of `inner` contiguous elements are swapped along the flipped axis.
        long outer = 1, inner = 1;
        for (int d = 0; d < axis; d++) outer *= shape[d];
        for (int d = axis + 1; d < shape.Length; d++) inner *= shape[d];
        int n = (int)shape[axis], block = (int)inner;
        for (long o = 0; o < outer; o++)
        {
            int basis = (int)(o * n * inner);
            for (int i = 0, j = n - 1; i < j; i++, j--)
            {
                var a = x.Slice(basis + i * block, block);
                var b = x.Slice(basis + j * block, block);
                for (int k = 0; k < block; k++)
                    (a[k], b[k]) = (b[k], a[k]);
            }
        }
    }

    /// <summary>
    /// Keras's <c>apply_brightness_shift</c> on an image whose last axis is the channel axis
    /// (what <c>array_to_img</c> assumes): float32 → optional min-max scaling → uint8 by
    /// truncation → PIL's Brightness blend (alpha of a 4-channel image untouched) → float32 →
    /// back to the original range when only out-of-range values forced the scaling.
    /// In place when <paramref name="x"/> is an owned float32 buffer; otherwise into a new float32 tensor.
    /// </summary>
    public static torch.Tensor BrightnessShift(torch.Tensor x, double brightness, bool scale, bool inPlace)
    {
        long channels = x.shape[2];
        if (channels is not (1 or 3 or 4))
            throw new ArgumentException($"Unsupported channel number: {channels}", nameof(x));
        if (inPlace && x.dtype == torch.ScalarType.Float32)
        {
            var span = PixelBuffer.Span<float>(x);
            var (lo, hi) = MinMax<float>(span);
            Brightness(span, lo, hi, (int)channels, brightness, scale);
            return x;
        }
        var input = PixelBuffer.Prepare(x, nameof(x));
        try
        {
            var output = torch.empty(input.shape, torch.ScalarType.Float32);
            var dst = PixelBuffer.Span<float>(output);
            double xMin, xMax;
            if (input.dtype == torch.ScalarType.Float32)
            {
                PixelBuffer.Span<float>(input).CopyTo(dst);
                (xMin, xMax) = MinMax<float>(dst);
            }
            else
            {
                var src = PixelBuffer.Span<double>(input);
                for (int i = 0; i < src.Length; i++)
                    dst[i] = (float)src[i];
                (xMin, xMax) = MinMax<double>(src);
            }
            Brightness(dst, xMin, xMax, (int)channels, brightness, scale);
            return PixelBuffer.OnDeviceOf(output, x);
        }
        finally
        {
            if (!ReferenceEquals(input, x))
                input.Dispose();
        }
    }

    private static void Brightness(Span<float> x, double xMin, double xMax, int channels, double brightness, bool scale)
    {
        bool localScale = xMin < 0 || xMax > 255;
        if (localScale || scale)
            ScaleTo255(x);
        Enhance(x, channels, (float)brightness);
        if (!scale && localScale)
        {
            // numpy: x / 255 * (x_max - x_min) + x_min, with the scalars cast to float32.
            float range = (float)(xMax - xMin), lo = (float)xMin;
            for (int i = 0; i < x.Length; i++)
                x[i] = x[i] / 255f * range + lo;
        }
    }

    private static (T min, T max) MinMax<T>(ReadOnlySpan<T> values) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T min = values[0], max = values[0];
        foreach (var v in values)
        {
            // numpy's min/max propagate NaN.
            if (T.IsNaN(v)) return (v, v);
            if (v < min) min = v;
            if (v > max) max = v;
        }
        return (min, max);
    }

    // array_to_img(scale=True) in float32: x -= min(x); x /= max(x) unless 0; x *= 255.
    private static void ScaleTo255(Span<float> x)
    {
        float lo = MinMax<float>(x).min;
        float hi = float.NegativeInfinity;
        for (int i = 0; i < x.Length; i++)
        {
            x[i] -= lo;
            hi = Math.Max(hi, x[i]);
        }
        for (int i = 0; i < x.Length; i++)
        {
            if (hi != 0)
                x[i] /= hi;
            x[i] *= 255f;
        }
    }

    // astype('uint8') truncates; PIL's ImagingBlend with a black image computes (float)alpha * v,
    // truncated, and clipped to [0, 255] when alpha is outside [0, 1]: a 256-entry table per call.
    // Brightness keeps the alpha band (uint8-truncated like the rest).
    private static void Enhance(Span<float> x, int channels, float alpha)
    {
        bool interpolate = alpha >= 0 && alpha <= 1.0f;
        Span<float> table = stackalloc float[256];
        for (int v = 0; v < 256; v++)
        {
            float t = 0 + alpha * v;
            table[v] = interpolate ? (int)t : t <= 0f ? 0 : t >= 255f ? 255 : (int)t;
        }
        if (channels != 4)
        {
            for (int i = 0; i < x.Length; i++)
                x[i] = table[(byte)(int)x[i]];
            return;
        }
        for (int p = 0; p < x.Length; p += 4)
        {
            x[p] = table[(byte)(int)x[p]];
            x[p + 1] = table[(byte)(int)x[p + 1]];
            x[p + 2] = table[(byte)(int)x[p + 2]];
            x[p + 3] = (byte)(int)x[p + 3];
        }
    }
}
