using KerasPort.Preprocessing.Image;
using TorchSharp;

namespace KerasPort.Ops;

/// <summary>
/// Keras's torch <c>affine_transform</c> on one image, in one pass over the pixels: each output
/// pixel's input coordinates are computed in float32 as Keras's einsum computes them, then
/// <c>map_coordinates</c>' taps, weights, index fixers and constant-mode validity are applied
/// (bilinear: floor and 1 − frac; nearest: round half to even), summing the taps in Keras's order.
/// The coordinates and weights of a pixel are shared by its channels. No allocation, no state.
/// </summary>
internal static class AffineMapper
{
    /// <summary>
    /// A float32 batch in native memory, <c>[N, H, W, C]</c> or (channels_first) <c>[N, C, H, W]</c>:
    /// its sizes and each image as a <see cref="View"/>. The storage is native memory, so the address
    /// stays valid while the tensor lives.
    /// </summary>
    internal readonly unsafe struct BatchLayout
    {
        public BatchLayout(torch.Tensor batch, bool channels_first)
        {
            long[] s = batch.shape;
            Count = (int)s[0];
            Height = (int)(channels_first ? s[2] : s[1]);
            Width = (int)(channels_first ? s[3] : s[2]);
            Channels = (int)(channels_first ? s[1] : s[3]);
            _image_size = (long)Height * Width * Channels;
            _stride_h = channels_first ? Width : (long)Width * Channels;
            _stride_w = channels_first ? 1 : Channels;
            _stride_c = channels_first ? (long)Height * Width : 1;
            fixed (float* p = PixelBuffer.Span<float>(batch)) _data = (nint)p;
        }

        public readonly int Count, Height, Width, Channels;
        private readonly long _image_size, _stride_h, _stride_w, _stride_c;
        private readonly nint _data;

        /// <summary>Image <paramref name="index"/> of the batch.</summary>
        public View image(int index) =>
            new((float*)_data + index * _image_size, Height, Width, Channels, _stride_h, _stride_w, _stride_c);
    }

    /// <summary>An image view: base pointer, the sizes of its axes and their element strides.</summary>
    internal readonly unsafe struct View(float* data, int height, int width, int channels, long strideH, long strideW, long strideC)
    {
        public readonly float* Data = data;
        public readonly int Height = height, Width = width, Channels = channels;
        public readonly long StrideH = strideH, StrideW = strideW, StrideC = strideC;
    }

    /// <summary>
    /// Rows [<paramref name="row_start"/>, <paramref name="row_end"/>) of the output. <paramref name="t"/> is
    /// Keras's <c>[a0, a1, a2, b0, b1, b2, c0, c1]</c>: output pixel (row y, column x) reads the input at
    /// row <c>b1·y + b0·x + c0·channel + b2</c>, column <c>a1·y + a0·x + c1·channel + a2</c>.
    /// </summary>
    public static unsafe void Rows(View src, View dst, ReadOnlySpan<float> t, int order, MapFillMode mode, float fill,
        int row_start, int row_end)
    {
        float a0 = t[0], a1 = t[1], a2 = t[2], b0 = t[3], b1 = t[4], b2 = t[5], c0 = t[6], c1 = t[7];
        int height = src.Height, width = src.Width, channels = src.Channels;
        bool per_channel = c0 != 0f || c1 != 0f;
        for (int y = row_start; y < row_end; y++)
        {
            for (int x = 0; x < width; x++)
            {
                float* pixel_out = dst.Data + y * dst.StrideH + x * dst.StrideW;
                if (per_channel)
                {
                    for (int c = 0; c < channels; c++)
                    {
                        float r = y * b1 + x * b0 + c * c0 + b2;
                        float q = y * a1 + x * a0 + c * c1 + a2;
                        Sample(src, pixel_out + c * dst.StrideC, 0, r, q, c, c + 1, order, mode, fill);
                    }
                    continue;
                }
                // Keras: einsum over (y, x, channel) then the offset; the channel term is 0 here.
                float row = y * b1 + x * b0;
                row += b2;
                float col = y * a1 + x * a0;
                col += a2;
                Sample(src, pixel_out, dst.StrideC, row, col, 0, channels, order, mode, fill);
            }
        }
    }

    /// <summary>
    /// Channels [<paramref name="c_start"/>, <paramref name="c_end"/>) of one output pixel, sampled at (row, col)
    /// as Keras's <c>map_coordinates</c> samples the two spatial axes (the channel coordinate is exact).
    /// </summary>
    internal static unsafe void Sample(View src, float* out0, long out_stride_c, float row, float col,
        int c_start, int c_end, int order, MapFillMode mode, float fill)
    {
        int height = src.Height, width = src.Width;
        bool constant = mode == MapFillMode.Constant;
        if (order == 0)
        {
            // torch.round: half to even; then int32.
            int ir = (int)MathF.Round(row), iq = (int)MathF.Round(col);
            bool valid = !constant || (ir >= 0 && ir < height && iq >= 0 && iq < width);
            float* p = src.Data + MapFillModes.fix(ir, height, mode) * src.StrideH + MapFillModes.fix(iq, width, mode) * src.StrideW;
            for (int c = c_start; c < c_end; c++)
                out0[(c - c_start) * out_stride_c] = valid ? p[c * src.StrideC] : fill;
            return;
        }
        float lr = MathF.Floor(row), lq = MathF.Floor(col);
        float ur_w = row - lr, uq_w = col - lq;
        float lr_w = 1f - ur_w, lq_w = 1f - uq_w;
        int r0 = (int)lr, q0 = (int)lq, r1 = r0 + 1, q1 = q0 + 1;
        float w00 = lr_w * lq_w, w01 = lr_w * uq_w, w10 = ur_w * lq_w, w11 = ur_w * uq_w;
        if (r0 >= 0 && r1 < height && q0 >= 0 && q1 < width)
        {
            // Inside the image no tap is fixed or filled.
            float* p00 = src.Data + r0 * src.StrideH + q0 * src.StrideW;
            float* p10 = p00 + src.StrideH;
            long sw = src.StrideW;
            for (int c = c_start; c < c_end; c++)
            {
                long o = c * src.StrideC;
                float v = w00 * p00[o];
                v += w01 * p00[o + sw];
                v += w10 * p10[o];
                v += w11 * p10[o + sw];
                out0[(c - c_start) * out_stride_c] = v;
            }
            return;
        }
        bool vr0 = !constant || (r0 >= 0 && r0 < height), vr1 = !constant || (r1 >= 0 && r1 < height);
        bool vq0 = !constant || (q0 >= 0 && q0 < width), vq1 = !constant || (q1 >= 0 && q1 < width);
        long fr0 = MapFillModes.fix(r0, height, mode) * src.StrideH, fr1 = MapFillModes.fix(r1, height, mode) * src.StrideH;
        long fq0 = MapFillModes.fix(q0, width, mode) * src.StrideW, fq1 = MapFillModes.fix(q1, width, mode) * src.StrideW;
        for (int c = c_start; c < c_end; c++)
        {
            float* pc = src.Data + c * src.StrideC;
            float v = w00 * (vr0 && vq0 ? pc[fr0 + fq0] : fill);
            v += w01 * (vr0 && vq1 ? pc[fr0 + fq1] : fill);
            v += w10 * (vr1 && vq0 ? pc[fr1 + fq0] : fill);
            v += w11 * (vr1 && vq1 ? pc[fr1 + fq1] : fill);
            out0[(c - c_start) * out_stride_c] = v;
        }
    }
}
