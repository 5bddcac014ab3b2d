using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace KerasPort.Preprocessing.Image;

/// <summary>
/// <c>scipy.ndimage.affine_transform</c> (scipy 1.10) for order 0 and 1 on one image whose
/// channels share the two spatial axes: the same coordinate arithmetic, boundary mapping,
/// tap mapping and weight formulas as scipy's C code, so outputs match to the last bit
/// wherever the transform matrix does. The coordinates and weights of each output pixel are
/// computed once and reused for every channel. Works on raw buffers; no allocation, no state.
/// </summary>
internal static class AffineResampler
{
    /// <summary>An image view: base pointer plus element strides of the two spatial axes and the channel axis.</summary>
    internal readonly unsafe struct Plane<T>(T* data, int lenA, int lenB, int channels, long strideA, long strideB, long strideC)
        where T : unmanaged
    {
        public readonly T* Data = data;
        public readonly int LenA = lenA, LenB = lenB, Channels = channels;
        public readonly long StrideA = strideA, StrideB = strideB, StrideC = strideC;
    }

    /// <summary>
    /// For each output pixel (a, b) samples the input at
    /// <c>(m00·a + m01·b + m02, m10·a + m11·b + m12)</c>, as scipy does with matrix
    /// <c>[[m00, m01], [m10, m11]]</c> and offset <c>(m02, m12)</c>. Input and output have the same shape.
    /// The pixel computed for (a, b) is written at (a, b) mirrored along A when
    /// <paramref name="flipA"/> and along B when <paramref name="flipB"/> (a flip after the transform, fused).
    /// </summary>
    public static unsafe void Transform<T>(Plane<T> src, Plane<T> dst, double m00, double m01, double m02,
        double m10, double m11, double m12, FillMode mode, double cval, int order, bool flipA = false, bool flipB = false)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int lenA = src.LenA, lenB = src.LenB, channels = src.Channels;
        if (typeof(T) == typeof(float) && channels is >= 2 and <= 4 && Avx.IsSupported &&
            src.StrideC == 1 && src.StrideB == channels && src.StrideA == (long)lenB * channels &&
            dst.StrideC == 1 && dst.StrideB == channels && dst.StrideA == (long)lenB * channels)
        {
            TransformInterleaved((float*)src.Data, (float*)dst.Data, lenA, lenB, channels, m00, m01, m02, m10, m11, m12,
                mode, (float)cval, order, flipA, flipB);
            return;
        }
        T fill = T.CreateTruncating(cval);
        for (int a = 0; a < lenA; a++)
        {
            T* rowOut = dst.Data + (flipA ? lenA - 1 - a : a) * dst.StrideA;
            for (int b = 0; b < lenB; b++)
            {
                T* pixelOut = rowOut + (flipB ? lenB - 1 - b : b) * dst.StrideB;
                // scipy: icoor = 0.0; icoor += a * m[0]; icoor += b * m[1]; icoor += shift.
                double ca = a * m00;
                ca += b * m01;
                ca += m02;
                double cb = a * m10;
                cb += b * m11;
                cb += m12;
                if (order == 1 && ca >= 0 && ca < lenA - 1 && cb >= 0 && cb < lenB - 1)
                {
                    // Inside the input no mode maps anything: the general path below, minus its checks.
                    int ia = (int)ca, ib = (int)cb;
                    double fa0 = 1.0 - (ca - ia), fb0 = 1.0 - (cb - ib);
                    double fa1 = 1.0 - fa0, fb1 = 1.0 - fb0;
                    T* q00 = src.Data + ia * src.StrideA + ib * src.StrideB;
                    T* q10 = q00 + src.StrideA;
                    for (int c = 0; c < channels; c++)
                    {
                        long o = c * src.StrideC;
                        double t = double.CreateTruncating(q00[o]) * fa0 * fb0;
                        t += double.CreateTruncating(q00[o + src.StrideB]) * fa0 * fb1;
                        t += double.CreateTruncating(q10[o]) * fa1 * fb0;
                        t += double.CreateTruncating(q10[o + src.StrideB]) * fa1 * fb1;
                        pixelOut[c * dst.StrideC] = T.CreateTruncating(t);
                    }
                    continue;
                }
                if (!Axis(ca, lenA, mode, order, out long a0, out long a1, out double wa0, out double wa1) ||
                    !Axis(cb, lenB, mode, order, out long b0, out long b1, out double wb0, out double wb1))
                {
                    for (int c = 0; c < channels; c++)
                        pixelOut[c * dst.StrideC] = fill;
                    continue;
                }
                T* p00 = src.Data + a0 * src.StrideA + b0 * src.StrideB;
                if (order == 0)
                {
                    for (int c = 0; c < channels; c++)
                        pixelOut[c * dst.StrideC] = p00[c * src.StrideC];
                    continue;
                }
                T* p01 = src.Data + a0 * src.StrideA + b1 * src.StrideB;
                T* p10 = src.Data + a1 * src.StrideA + b0 * src.StrideB;
                T* p11 = src.Data + a1 * src.StrideA + b1 * src.StrideB;
                for (int c = 0; c < channels; c++)
                {
                    long o = c * src.StrideC;
                    // scipy sums the filter taps in row-major order, each as (value * w_a) * w_b.
                    double t = double.CreateTruncating(p00[o]) * wa0 * wb0;
                    t += double.CreateTruncating(p01[o]) * wa0 * wb1;
                    t += double.CreateTruncating(p10[o]) * wa1 * wb0;
                    t += double.CreateTruncating(p11[o]) * wa1 * wb1;
                    pixelOut[c * dst.StrideC] = T.CreateTruncating(t);
                }
            }
        }
    }

    /// <summary>
    /// <see cref="Transform{T}"/> for float32 images with 2 to 4 interleaved channels (channels_last),
    /// the common case: the same coordinates, taps, weights and sums, with the channels of a pixel
    /// done together in one 4-lane float64 vector (the lanes are independent IEEE operations, so
    /// each channel gets exactly the scalar result). The output is written in memory order; a
    /// vector store spills into the next pixel, which is written afterwards, except at a row end.
    /// </summary>
    private static unsafe void TransformInterleaved(float* src, float* dst, int lenA, int lenB, int channels,
        double m00, double m01, double m02, double m10, double m11, double m12,
        FillMode mode, float fill, int order, bool flipA, bool flipB)
    {
        long rowStride = (long)lenB * channels;
        // A 4-float load at p is safe while p + 4 stays inside the input.
        float* loadEnd = src + lenA * rowStride - 4;
        // The column terms b·m01 and b·m11 are the same products for every row.
        double[] columnTerms = new double[2 * lenB];
        for (int b = 0; b < lenB; b++)
        {
            columnTerms[2 * b] = b * m01;
            columnTerms[2 * b + 1] = b * m11;
        }
        double limitA = lenA - 1, limitB = lenB - 1;
        fixed (double* terms = columnTerms)
        {
            for (int a = 0; a < lenA; a++)
            {
                float* rowOut = dst + (flipA ? lenA - 1 - a : a) * rowStride;
                double rowTermA = a * m00, rowTermB = a * m10;
                for (int p = 0; p < lenB; p++)
                {
                    int b = flipB ? lenB - 1 - p : p;
                    float* pixelOut = rowOut + p * channels;
                    bool storeVector = p < lenB - 1 || channels == 4;
                    double ca = rowTermA + terms[2 * b];
                    ca += m02;
                    double cb = rowTermB + terms[2 * b + 1];
                    cb += m12;
                    if (order == 1 && ca >= 0 && ca < limitA && cb >= 0 && cb < limitB)
                    {
                        int ia = (int)ca, ib = (int)cb;
                        double fa0 = 1.0 - (ca - ia), fb0 = 1.0 - (cb - ib);
                        float* q00 = src + ia * rowStride + ib * channels;
                        float* q10 = q00 + rowStride;
                        Blend(q00, q00 + channels, q10, q10 + channels, fa0, 1.0 - fa0, fb0, 1.0 - fb0,
                            pixelOut, channels, q10 + channels <= loadEnd, storeVector);
                        continue;
                    }
                    if (!Axis(ca, lenA, mode, order, out long a0, out long a1, out double wa0, out double wa1) ||
                        !Axis(cb, lenB, mode, order, out long b0, out long b1, out double wb0, out double wb1))
                    {
                        for (int c = 0; c < channels; c++)
                            pixelOut[c] = fill;
                        continue;
                    }
                    float* p00 = src + a0 * rowStride + b0 * channels;
                    if (order == 0)
                    {
                        for (int c = 0; c < channels; c++)
                            pixelOut[c] = p00[c];
                        continue;
                    }
                    float* p01 = src + a0 * rowStride + b1 * channels;
                    float* p10 = src + a1 * rowStride + b0 * channels;
                    float* p11 = src + a1 * rowStride + b1 * channels;
                    bool loadVector = p00 <= loadEnd && p01 <= loadEnd && p10 <= loadEnd && p11 <= loadEnd;
                    Blend(p00, p01, p10, p11, wa0, wa1, wb0, wb1, pixelOut, channels, loadVector, storeVector);
                }
            }
        }
    }

    // scipy's sum of the four taps, in row-major order, each as (value · w_a) · w_b, per channel.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Blend(float* p00, float* p01, float* p10, float* p11,
        double wa0, double wa1, double wb0, double wb1, float* output, int channels, bool loadVector, bool storeVector)
    {
        if (loadVector)
        {
            Vector256<double> vwa0 = Vector256.Create(wa0), vwa1 = Vector256.Create(wa1);
            Vector256<double> t = Avx.ConvertToVector256Double(Sse.LoadVector128(p00)) * vwa0 * Vector256.Create(wb0);
            t += Avx.ConvertToVector256Double(Sse.LoadVector128(p01)) * vwa0 * Vector256.Create(wb1);
            t += Avx.ConvertToVector256Double(Sse.LoadVector128(p10)) * vwa1 * Vector256.Create(wb0);
            t += Avx.ConvertToVector256Double(Sse.LoadVector128(p11)) * vwa1 * Vector256.Create(wb1);
            Vector128<float> result = Avx.ConvertToVector128Single(t);
            if (storeVector)
            {
                Sse.Store(output, result);
                return;
            }
            for (int c = 0; c < channels; c++)
                output[c] = result.GetElement(c);
            return;
        }
        for (int c = 0; c < channels; c++)
        {
            double t = (double)p00[c] * wa0 * wb0;
            t += (double)p01[c] * wa0 * wb1;
            t += (double)p10[c] * wa1 * wb0;
            t += (double)p11[c] * wa1 * wb1;
            output[c] = (float)t;
        }
    }

    /// <summary>
    /// One axis of one output pixel, as scipy 1.10 does it: the coordinate is mapped into the
    /// input by the mode (except nearest, which clamps the taps instead); a constant-mode
    /// coordinate outside [0, len − 1] gives false (cval); taps outside the input are mapped by
    /// the same mode; weights are 1 − frac and 1 − (1 − frac).
    /// </summary>
    private static bool Axis(double coordinate, int len, FillMode mode, int order,
        out long i0, out long i1, out double w0, out double w1)
    {
        double cc = mode == FillMode.Nearest ? coordinate : MapCoordinate(coordinate, len, mode);
        if (!(cc > -1.0) && mode != FillMode.Nearest)
        {
            i0 = i1 = 0;
            w0 = w1 = 0;
            return false;
        }
        double floor = Math.Floor(order == 1 ? cc : cc + 0.5);
        long start = (long)floor;
        bool edge = start < 0 || start + order >= len;
        i0 = edge ? Tap(start, len, mode) : start;
        if (order == 0)
        {
            i1 = i0;
            w0 = 1.0;
            w1 = 0.0;
            return true;
        }
        i1 = edge ? Tap(start + 1, len, mode) : start + 1;
        w0 = 1.0 - (cc - floor);
        w1 = 1.0 - w0;
        return true;
    }

    // A tap outside the input, mapped by the mode. Constant mode only gets here for a tap of
    // weight 0 (coordinate exactly len - 1), which scipy reads from a neighbouring element;
    // any in-range element gives the same 0 contribution.
    private static long Tap(long idx, int len, FillMode mode)
    {
        long mapped = (long)MapCoordinate(idx, len, mode);
        return mapped < 0 ? 0 : mapped;
    }

    // scipy's map_coordinate for the modes Keras exposes; -1 means "use cval".
    private static double MapCoordinate(double x, long len, FillMode mode)
    {
        if (x < 0)
        {
            switch (mode)
            {
                case FillMode.Nearest:
                    return 0;
                case FillMode.Constant:
                    return -1;
                case FillMode.Wrap:
                    if (len <= 1)
                        return 0;
                    long sz = len - 1;
                    return x + sz * ((long)(-x / sz) + 1);
                case FillMode.Reflect:
                    if (len <= 1)
                        return 0;
                    long sz2 = 2 * len;
                    if (x < -sz2)
                        x = sz2 * (long)(-x / sz2) + x;
                    return x < -len ? x + sz2 : -x - 1;
            }
        }
        else if (x > len - 1)
        {
            switch (mode)
            {
                case FillMode.Nearest:
                    return len - 1;
                case FillMode.Constant:
                    return -1;
                case FillMode.Wrap:
                    if (len <= 1)
                        return 0;
                    long sz = len - 1;
                    return x - sz * (long)(x / sz);
                case FillMode.Reflect:
                    if (len <= 1)
                        return 0;
                    long sz2 = 2 * len;
                    x -= sz2 * (long)(x / sz2);
                    return x >= len ? sz2 - x - 1 : x;
            }
        }
        return x;
    }
}

/// <summary>The boundary modes of Keras's <c>fill_mode</c> (scipy.ndimage's names).</summary>
internal enum FillMode
{
    Nearest,
    Constant,
    Reflect,
    Wrap,
}
