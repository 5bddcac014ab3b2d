using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace KerasPort.Preprocessing.Image;

// The vector path of the resampler for float32 images with interleaved channels (channels_last).
internal static partial class AffineResampler
{
    /// <summary>
    /// <see cref="Transform{T}"/> for float32 images with 2 to 4 interleaved channels (channels_last),
    /// the common case, with the same coordinates, taps, weights and sums, row by row in two steps:
    /// the coordinates, taps and weights of 4 pixels at a time (see <see cref="Taps"/>), then the
    /// blend of each pixel with its channels in one 4-lane float64 vector (vector lanes are
    /// independent IEEE operations, so every value is the scalar one). Pixels that Taps leaves
    /// out (edges in modes other than nearest, order 0, a row's last columns) take the general
    /// per-axis path. The output is written in memory order: a vector store spills into the next
    /// pixel, which is written afterwards, except at a row end. Each finished row then goes
    /// through <paramref name="map"/> while it is still in the cache (see <see cref="OutputMap"/>);
    /// returns false when the map's range check failed on some value (the output then holds
    /// mapped values of no use). Rows a in [<paramref name="firstRow"/>, <paramref name="endRow"/>) are computed.
    /// </summary>
    // Optimized at once: a call is one long loop, which would otherwise start in unoptimized code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe bool TransformInterleaved(float* src, float* dst, int lenA, int lenB, int channels,
        double m00, double m01, double m02, double m10, double m11, double m12,
        FillMode mode, float fill, int order, bool flipA, bool flipB, OutputMap map, int firstRow, int endRow)
    {
        int rowStride = lenB * channels;
        // A 4-float load at p is safe while p + 4 stays inside the input.
        float* loadEnd = src + (long)lenA * rowStride - 4;
        bool inRange = true;
        // Per output column p (in memory order, so b is mirrored when flipB): the column terms
        // b·m01 and b·m11, the same products for every row; then the row's tap offsets (row tap
        // −1: the general path) and weights. Kept per thread: one image after another reuses them.
        var (buffer, offsets) = RowScratch.For(lenB);
        fixed (double* buf = buffer)
        fixed (int* offset = offsets)
        {
            double* termA = buf, termB = buf + lenB, wa0 = buf + 2 * lenB, wa1 = buf + 3 * lenB, wb0 = buf + 4 * lenB, wb1 = buf + 5 * lenB;
            int* rowTap0 = offset, rowTap1 = offset + lenB, colTap0 = offset + 2 * lenB, colTap1 = offset + 3 * lenB;
            for (int p = 0; p < lenB; p++)
            {
                int b = flipB ? lenB - 1 - p : p;
                termA[p] = b * m01;
                termB[p] = b * m11;
            }
            for (int a = firstRow; a < endRow; a++)
            {
                float* rowOut = dst + (long)(flipA ? lenA - 1 - a : a) * rowStride;
                double rowTermA = a * m00, rowTermB = a * m10;
                int vectorEnd = order == 1 ? lenB - lenB % 4 : 0;
                Taps(termA, termB, rowTermA, rowTermB, m02, m12, lenA, lenB, channels, mode == FillMode.Nearest, vectorEnd,
                    rowTap0, rowTap1, colTap0, colTap1, wa0, wa1, wb0, wb1);
                Prefetch(src, termA, termB, (a + PrefetchRows) * m00, (a + PrefetchRows) * m10, m02, m12, lenA, lenB, channels, vectorEnd);
                for (int p = vectorEnd; p < lenB; p++)
                    rowTap0[p] = -1;
                for (int p = 0; p < lenB; p++)
                {
                    float* pixelOut = rowOut + p * channels;
                    bool storeVector = p < lenB - 1 || channels == 4;
                    if (rowTap0[p] >= 0)
                    {
                        float* r0 = src + rowTap0[p], r1 = src + rowTap1[p];
                        int c0 = colTap0[p], c1 = colTap1[p];
                        // The last tap is the highest in memory.
                        Blend(r0 + c0, r0 + c1, r1 + c0, r1 + c1, wa0[p], wa1[p], wb0[p], wb1[p],
                            pixelOut, channels, r1 + c1 <= loadEnd, storeVector);
                        continue;
                    }
                    double ca = rowTermA + termA[p];
                    ca += m02;
                    double cb = rowTermB + termB[p];
                    cb += m12;
                    if (!Axis(ca, lenA, mode, order, out long a0, out long a1, out double w0, out double w1) ||
                        !Axis(cb, lenB, mode, order, out long b0, out long b1, out double v0, out double v1))
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
                    Blend(p00, p01, p10, p11, w0, w1, v0, v1, pixelOut, channels, loadVector, storeVector);
                }
                if (map.active)
                    inRange &= map.Apply(new Span<float>(rowOut, rowStride), channels);
            }
        }
        return inRange;
    }

    // The per-row buffers of TransformInterleaved, one set per thread, grown as needed.
    private static class RowScratch
    {
        [ThreadStatic] private static double[]? _terms;
        [ThreadStatic] private static int[]? _offsets;

        public static (double[] terms, int[] offsets) For(int lenB)
        {
            if (_terms is null || _terms.Length < 6 * lenB)
            {
                _terms = new double[6 * lenB];
                _offsets = new int[4 * lenB];
            }
            return (_terms, _offsets!);
        }
    }

    // For output columns [0, end) of one row, 4 at a time, the order-1 coordinates as scipy sums
    // them, and where the axis steps of Axis reduce to a floor and a clamp: the element offsets of
    // the two rows and two columns of its taps and their weights 1 − frac and 1 − (1 − frac); row
    // tap −1 for any other pixel. Inside the input (0 ≤ c < len − 1 on both axes) no mode maps
    // anything; in nearest mode a tap outside is clamped to the edge, for any finite coordinate
    // (kept below 2^30 here, so that the int conversion is exact).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Taps(double* termA, double* termB, double rowTermA, double rowTermB, double m02, double m12,
        int lenA, int lenB, int channels, bool nearest, int end, int* rowTap0, int* rowTap1, int* colTap0, int* colTap1,
        double* wa0, double* wa1, double* wb0, double* wb1)
    {
        Vector256<double> rowA = Vector256.Create(rowTermA), rowB = Vector256.Create(rowTermB);
        Vector256<double> shiftA = Vector256.Create(m02), shiftB = Vector256.Create(m12);
        Vector256<double> lowA, highA, lowB, highB;
        if (nearest)
        {
            lowA = lowB = Vector256.Create(-1073741824.0);
            highA = highB = Vector256.Create(1073741824.0);
        }
        else
        {
            lowA = lowB = Vector256<double>.Zero;
            highA = Vector256.Create((double)(lenA - 1));
            highB = Vector256.Create((double)(lenB - 1));
        }
        Vector256<double> one = Vector256.Create(1.0);
        Vector128<int> rowStride = Vector128.Create(lenB * channels), pixelStride = Vector128.Create(channels);
        Vector128<int> lastA = Vector128.Create(lenA - 1), lastB = Vector128.Create(lenB - 1), oneInt = Vector128.Create(1);
        for (int p = 0; p < end; p += 4)
        {
            var ca = rowA + Avx.LoadVector256(termA + p) + shiftA;
            var cb = rowB + Avx.LoadVector256(termB + p) + shiftB;
            // Interior: 0 ≤ c < len − 1; nearest: −2^30 ≤ c < 2^30. NaN fails both.
            var valid = Avx.Compare(ca, lowA, FloatComparisonMode.OrderedGreaterThanOrEqualNonSignaling) &
                Avx.Compare(ca, highA, FloatComparisonMode.OrderedLessThanNonSignaling) &
                Avx.Compare(cb, lowB, FloatComparisonMode.OrderedGreaterThanOrEqualNonSignaling) &
                Avx.Compare(cb, highB, FloatComparisonMode.OrderedLessThanNonSignaling);
            var floorA = Avx.RoundToNegativeInfinity(ca);
            var floorB = Avx.RoundToNegativeInfinity(cb);
            var ia = Avx.ConvertToVector128Int32WithTruncation(floorA);
            var ib = Avx.ConvertToVector128Int32WithTruncation(floorB);
            var fa0 = one - (ca - floorA);
            var fb0 = one - (cb - floorB);
            Avx.Store(wa0 + p, fa0);
            Avx.Store(wa1 + p, one - fa0);
            Avx.Store(wb0 + p, fb0);
            Avx.Store(wb1 + p, one - fb0);
            // Clamping changes nothing inside the input.
            var ia0 = Vector128.Min(Vector128.Max(ia, Vector128<int>.Zero), lastA);
            var ia1 = Vector128.Min(Vector128.Max(ia + oneInt, Vector128<int>.Zero), lastA);
            var ib0 = Vector128.Min(Vector128.Max(ib, Vector128<int>.Zero), lastB);
            var ib1 = Vector128.Min(Vector128.Max(ib + oneInt, Vector128<int>.Zero), lastB);
            Sse2.Store(rowTap0 + p, ia0 * rowStride);
            Sse2.Store(rowTap1 + p, ia1 * rowStride);
            Sse2.Store(colTap0 + p, ib0 * pixelStride);
            Sse2.Store(colTap1 + p, ib1 * pixelStride);
            int mask = Avx.MoveMask(valid);
            if (mask != 0b1111)
                for (int k = 0; k < 4; k++)
                    if ((mask & (1 << k)) == 0)
                        rowTap0[p + k] = -1;
        }
    }

    // Output rows ahead whose input lines are requested early: a rotated or sheared row reads
    // the input across many rows, which the hardware prefetchers do not follow.
    private const int PrefetchRows = 4;

    // Requests the cache lines of the taps of an output row (every other pixel: lines hold more than two pixels).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Prefetch(float* src, double* termA, double* termB, double rowTermA, double rowTermB,
        double m02, double m12, int lenA, int lenB, int channels, int end)
    {
        Vector256<double> rowA = Vector256.Create(rowTermA), rowB = Vector256.Create(rowTermB);
        Vector256<double> shiftA = Vector256.Create(m02), shiftB = Vector256.Create(m12);
        Vector256<double> lastA = Vector256.Create((double)(lenA - 2 > 0 ? lenA - 2 : 0)), lastB = Vector256.Create((double)(lenB - 1));
        Vector128<int> rowStride = Vector128.Create(lenB * channels), pixelStride = Vector128.Create(channels);
        int next = lenB * channels;
        for (int p = 0; p < end; p += 4)
        {
            // vmaxpd returns its second operand for NaN, so the clamped values are always inside.
            var ca = Avx.Min(Avx.Max(rowA + Avx.LoadVector256(termA + p) + shiftA, Vector256<double>.Zero), lastA);
            var cb = Avx.Min(Avx.Max(rowB + Avx.LoadVector256(termB + p) + shiftB, Vector256<double>.Zero), lastB);
            var at = Avx.ConvertToVector128Int32WithTruncation(ca) * rowStride + Avx.ConvertToVector128Int32WithTruncation(cb) * pixelStride;
            float* t0 = src + at.ToScalar(), t2 = src + at.GetElement(2);
            Sse.Prefetch0(t0);
            Sse.Prefetch0(t0 + next);
            Sse.Prefetch0(t2);
            Sse.Prefetch0(t2 + next);
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
}
