using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
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

    /// <summary>In place: <c>clip(x + intensity, min(x), max(x))</c> with min/max over all of <paramref name="x"/>.</summary>
    public static void ChannelShift<T>(Span<T> x, T intensity) where T : unmanaged, IBinaryFloatingPointIeee754<T>
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

    /// <summary>
    /// In place: <c>x *= factor</c> on a contiguous CPU float tensor, the factor first rounded to
    /// the tensor's dtype, as numpy does with a Python scalar (and torch with a 0-d tensor of that dtype).
    /// </summary>
    public static void ScaleInPlace(torch.Tensor x, double factor)
    {
        if (x.dtype == torch.ScalarType.Float32)
            Scale(PixelBuffer.Span<float>(x), (float)factor);
        else
            Scale(PixelBuffer.Span<double>(x), factor);
    }

    /// <summary>In place: <c>x *= factor</c>, in T's arithmetic.</summary>
    public static unsafe void Scale<T>(Span<T> x, T factor) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int i = 0, n = x.Length, step = Vector256<T>.Count;
        fixed (T* values = x)
        {
            if (Vector512.IsHardwareAccelerated)
            {
                var f = Vector512.Create(factor);
                for (; i <= n - Vector512<T>.Count; i += Vector512<T>.Count)
                    Vector512.Store(Vector512.Load(values + i) * f, values + i);
            }
            if (Vector256.IsHardwareAccelerated)
            {
                var f = Vector256.Create(factor);
                for (; i <= n - step; i += step)
                    Vector256.Store(Vector256.Load(values + i) * f, values + i);
            }
            for (; i < n; i++)
                values[i] *= factor;
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

    /// <summary>In place: reverses <paramref name="axis"/> of a contiguous image of <paramref name="shape"/>.</summary>
    public static void Flip<T>(Span<T> x, long[] shape, int axis) where T : unmanaged
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
        if (typeof(T) == typeof(float) && Avx.IsSupported && values.Length >= Vector256<float>.Count &&
            MinMaxVector(MemoryMarshal.Cast<T, float>(values)) is var (vmin, vmax) && !float.IsNaN(vmin))
            return (T.CreateTruncating(vmin), T.CreateTruncating(vmax));
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

    // The scalar loop's result, 8 lanes at a time: minps(v, m) keeps m unless v < m, as the loop does.
    // Lanes only reorder the comparisons, which matters for nothing but the sign of a zero bound (the
    // loop keeps the first element equal to the bound: found by a scan) and NaN (NaN returned: the
    // caller then runs the loop).
    private static (float min, float max) MinMaxVector(ReadOnlySpan<float> values)
    {
        ref float start = ref MemoryMarshal.GetReference(values);
        int n = values.Length, last = n - Vector256<float>.Count;
        Vector256<float> vmin = Vector256.LoadUnsafe(ref start), vmax = vmin, nan = Vector256<float>.Zero;
        // The last block may overlap the one before: min and max do not mind.
        for (int i = 0; ; i += Vector256<float>.Count)
        {
            var v = Vector256.LoadUnsafe(ref start, (nuint)Math.Min(i, last));
            vmin = Avx.Min(v, vmin);
            vmax = Avx.Max(v, vmax);
            nan = Avx.Or(nan, Avx.Compare(v, v, FloatComparisonMode.UnorderedNonSignaling));
            if (i >= last)
                break;
        }
        if (nan != Vector256<float>.Zero)
            return (float.NaN, float.NaN);
        float min = vmin[0], max = vmax[0];
        for (int k = 1; k < Vector256<float>.Count; k++)
        {
            min = Math.Min(min, vmin[k]);
            max = Math.Max(max, vmax[k]);
        }
        if (min == 0)
            min = FirstZero(values);
        if (max == 0)
            max = FirstZero(values);
        return (min, max);
    }

    private static float FirstZero(ReadOnlySpan<float> values)
    {
        foreach (var v in values)
            if (v == 0)
                return v;
        return 0;
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

    /// <summary>PIL's Brightness blend of each uint8 value 0..255 (entry v), as float32.</summary>
    public static void BrightnessTable(Span<float> table, float alpha)
    {
        bool interpolate = alpha >= 0 && alpha <= 1.0f;
        for (int v = 0; v < 256; v++)
        {
            float t = 0 + alpha * v;
            table[v] = interpolate ? (int)t : t <= 0f ? 0 : t >= 255f ? 255 : (int)t;
        }
    }

    // astype('uint8') truncates; PIL's ImagingBlend with a black image computes (float)alpha * v,
    // truncated, and clipped to [0, 255] when alpha is outside [0, 1]: a 256-entry table per call.
    // Brightness keeps the alpha band (uint8-truncated like the rest).
    private static unsafe void Enhance(Span<float> x, int channels, float alpha)
    {
        Span<float> table = stackalloc float[256];
        BrightnessTable(table, alpha);
        if (channels != 4)
        {
            int i = 0;
            if (Avx2.IsSupported)
            {
                // 8 values at a time where all are in [0, 256): there (byte)(int)v is the truncation,
                // and the table entries are gathered.
                fixed (float* values = x, entries = table)
                    for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
                    {
                        var index = Avx.ConvertToVector256Int32WithTruncation(Avx.LoadVector256(values + i));
                        if (!Vector256.LessThanOrEqualAll(index.AsUInt32(), Vector256.Create(255u)))
                            for (int k = i; k < i + Vector256<float>.Count; k++)
                                values[k] = entries[(byte)(int)values[k]];
                        else
                            Avx.Store(values + i, Avx2.GatherVector256(entries, index, sizeof(float)));
                    }
            }
            for (; i < x.Length; i++)
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
