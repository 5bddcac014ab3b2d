using KerasPort.Layers;
using KerasPort.Ops;
using KerasPort.Preprocessing.Image;
using static TorchSharp.torch;

namespace KerasPort;

public static partial class keras
{
    public static partial class ops
    {
        public static partial class image
        {
            /// <summary>
            /// Keras's <c>elastic_transform</c> on its torch backend: Gaussian noise displacements (drawn, as Keras on a CPU
            /// draws them, from torch's global generator, which <c>keras.utils.set_random_seed</c> seeds), blurred with
            /// sigma and scaled by alpha, then each pixel reads the input at its displaced point, one pass per image.
            /// </summary>
            /// <param name="images">The image <c>[H, W, C]</c> or batch <c>[N, H, W, C]</c> (channels first with <paramref name="data_format"/>).</param>
            /// <param name="alpha">The displacement's scale; 20 by default.</param>
            /// <param name="sigma">The smoothing of the displacement field; 5 by default.</param>
            /// <param name="interpolation"><c>"bilinear"</c> (default) or <c>"nearest"</c>.</param>
            /// <param name="fill_mode"><c>"reflect"</c> (default), <c>"constant"</c>, <c>"nearest"</c>, <c>"wrap"</c> or <c>"mirror"</c>.</param>
            /// <param name="fill_value">The value outside the input in constant mode; 0 by default.</param>
            /// <param name="data_format"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
            public static Tensor elastic_transform(Tensor images, double alpha = 20.0, double sigma = 5.0, string interpolation = "bilinear",
                string fill_mode = "reflect", double fill_value = 0.0, string? data_format = null)
            {
                string format = ImageFormat.data_format(data_format);
                int order = interpolation switch
                {
                    "nearest" => 0,
                    "bilinear" => 1,
                    _ => throw new ArgumentException($"Invalid value for argument `interpolation`. Expected of one {{'nearest', 'bilinear'}}. Received: interpolation={interpolation}", nameof(interpolation)),
                };
                var mode = MapFillModes.parse(fill_mode)
                    ?? throw new ArgumentException($"Invalid value for argument `fill_mode`. Expected of one {{'constant', 'nearest', 'wrap', 'mirror', 'reflect'}}. Received: fill_mode={fill_mode}", nameof(fill_mode));
                if (images.dim() is not (3 or 4))
                    throw new ArgumentException($"Invalid images rank: expected rank 3 (single image) or rank 4 (batch of images). Received input with shape: images.shape={ShapeText.format(images.shape)}", nameof(images));
                using var scope = NewDisposeScope();
                var batch = images.dim() == 3 ? images.unsqueeze(0) : images;
                bool last = format == "channels_last";
                long n = batch.shape[0], h = last ? batch.shape[1] : batch.shape[2], w = last ? batch.shape[2] : batch.shape[3];
                float s = (float)sigma, a = (float)alpha;
                long k = (long)(6f * s) | 1;
                int channel_axis = last ? -1 : 1;
                Tensor field()
                {
                    var noise = empty([n, h, w], batch.dtype).normal_(0.0, 1.0) * s;
                    return keras.ops.image.gaussian_blur(noise.unsqueeze(channel_axis), [k, k], [s, s], format)
                        .reshape(n, h, w).to_type(ScalarType.Float32).contiguous();
                }
                var dx = field();
                var dy = field();
                float[] xs = dx.data<float>().ToArray(), ys = dy.data<float>().ToArray();
                var result = ImageFormat.on_float32(batch, pixels => elastic_batch(pixels, xs, ys, a, order, mode, (float)fill_value, !last));
                if (images.dim() == 3) result = result.squeeze(0);
                return result.MoveToOuterDisposeScope();
            }

            private static unsafe Tensor elastic_batch(Tensor src, float[] dx, float[] dy, float alpha, int order, MapFillMode mode, float fill, bool channels_first)
            {
                var dst = empty_like(src);
                var input = new AffineMapper.BatchLayout(src, channels_first);
                var output = new AffineMapper.BatchLayout(dst, channels_first);
                int h = input.Height, w = input.Width, c = input.Channels;
                Parallel.For(0, (long)input.Count * h, k =>
                {
                    int i = (int)(k / h), y = (int)(k % h);
                    var view = input.image(i);
                    float* out_image = output.image(i).Data;
                    long sh = view.StrideH, sw = view.StrideW, sc = view.StrideC;
                    long row = ((long)i * h + y) * w;
                    for (int x = 0; x < w; x++)
                    {
                        // Keras: distorted = grid + alpha * displacement, the grid's integers taken to float32.
                        float col_in = x + alpha * dx[row + x];
                        float row_in = y + alpha * dy[row + x];
                        AffineMapper.Sample(view, out_image + y * sh + x * sw, sc, row_in, col_in, 0, c, order, mode, fill);
                    }
                });
                return dst;
            }
        }
    }
}
