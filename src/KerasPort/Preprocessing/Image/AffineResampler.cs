using System.Numerics;
using System.Runtime.Intrinsics.X86;

namespace KerasPort.Preprocessing.Image;

/// <summary>
/// <c>scipy.ndimage.affine_transform</c> (scipy 1.10) for order 0 and 1 on one image whose
/// channels share the two spatial axes: the same coordinate arithmetic, boundary mapping,
/// tap mapping and weight formulas as scipy's C code, so outputs match to the last bit
/// wherever the transform matrix does. The coordinates and weights of each output pixel are
/// computed once and reused for every channel. Works on raw buffers; no allocation, no state.
/// </summary>
internal static partial class AffineResampler
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
    /// An active <paramref name="map"/> (float32 images with interleaved channels only) then maps
    /// every output value; the result is false when its range check failed. Only the pixels of
    /// <paramref name="rows"/> (values of a, before the flip; all when null) are computed, so that
    /// bands of one image can be computed on several threads.
    /// </summary>
    public static unsafe bool Transform<T>(Plane<T> src, Plane<T> dst, double m00, double m01, double m02,
        double m10, double m11, double m12, FillMode mode, double cval, int order, bool flipA = false, bool flipB = false,
        OutputMap map = default, Range? rows = null)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int lenA = src.LenA, lenB = src.LenB, channels = src.Channels;
        var (firstRow, rowCount) = (rows ?? Range.All).GetOffsetAndLength(lenA);
        bool interleaved = typeof(T) == typeof(float) && (long)lenA * lenB * channels < int.MaxValue &&
            src.StrideC == 1 && src.StrideB == channels && src.StrideA == (long)lenB * channels &&
            dst.StrideC == 1 && dst.StrideB == channels && dst.StrideA == (long)lenB * channels;
        if (interleaved && channels is >= 2 and <= 4 && Avx.IsSupported)
            return TransformInterleaved((float*)src.Data, (float*)dst.Data, lenA, lenB, channels, m00, m01, m02, m10, m11, m12,
                mode, (float)cval, order, flipA, flipB, map, firstRow, firstRow + rowCount);
        if (map.active && !interleaved)
            throw new ArgumentException("An output map needs float32 images with interleaved channels.", nameof(map));
        T fill = T.CreateTruncating(cval);
        for (int a = firstRow; a < firstRow + rowCount; a++)
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
        // The band's output rows are contiguous, mirrored as a whole when flipA.
        int firstOut = flipA ? lenA - firstRow - rowCount : firstRow;
        return !map.active || map.Apply(new Span<float>((float*)dst.Data + (long)firstOut * lenB * channels, rowCount * lenB * channels), channels);
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
