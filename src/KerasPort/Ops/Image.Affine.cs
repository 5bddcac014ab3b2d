using KerasPort.Layers;
using KerasPort.Ops;
using KerasPort.Preprocessing.Image;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasPort;

public static partial class keras
{
    /// <summary>Keras's <c>keras.ops</c>: backend-independent tensor operations, computed as Keras's torch backend computes them.</summary>
    public static partial class ops
    {
        /// <summary>Keras's <c>keras.ops.image</c>: image operations, computed as Keras's torch backend computes them.</summary>
        public static partial class image
        {
            /// <summary>
            /// Keras's <c>affine_transform</c>: applies <paramref name="transform"/> (<c>[a0, a1, a2, b0, b1, b2, c0, c1]</c>,
            /// one row per image or one for all) to <paramref name="images"/> (<c>[H, W, C]</c> or <c>[N, H, W, C]</c>,
            /// channels first with <paramref name="data_format"/> <c>"channels_first"</c>). Output point (x, y) reads the input
            /// at <c>(a0·x + a1·y + a2, b0·x + b1·y + b2)</c>, interpolated as Keras's torch backend does.
            /// </summary>
            /// <param name="images">The image or batch of images.</param>
            /// <param name="transform">A vector of 8 or a matrix of N × 8 (the inverse map, output to input).</param>
            /// <param name="interpolation"><c>"bilinear"</c> (default) or <c>"nearest"</c>.</param>
            /// <param name="fill_mode"><c>"constant"</c> (default), <c>"nearest"</c>, <c>"wrap"</c>, <c>"mirror"</c> or <c>"reflect"</c>.</param>
            /// <param name="fill_value">The value of points outside the image in constant mode; 0 by default.</param>
            /// <param name="data_format"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
            public static Tensor affine_transform(Tensor images, Tensor transform, string interpolation = "bilinear",
                string fill_mode = "constant", double fill_value = 0, string? data_format = null)
            {
                int order = interpolation switch
                {
                    "nearest" => 0,
                    "bilinear" => 1,
                    _ => throw new ArgumentException($"Invalid value for argument `interpolation`. Expected of one {{'nearest', 'bilinear'}}. Received: interpolation={interpolation}", nameof(interpolation)),
                };
                var mode = MapFillModes.parse(fill_mode)
                    ?? throw new ArgumentException($"Invalid value for argument `fill_mode`. Expected of one {{'constant', 'nearest', 'wrap', 'mirror', 'reflect'}}. Received: fill_mode={fill_mode}", nameof(fill_mode));
                string format = ImageFormat.data_format(data_format);
                if (images.dim() is not (3 or 4))
                    throw new ArgumentException($"Invalid images rank: expected rank 3 (single image) or rank 4 (batch of images). Received input with shape: images.shape={ShapeText.format(images.shape)}", nameof(images));
                if (transform.dim() is not (1 or 2))
                    throw new ArgumentException($"Invalid transform rank: expected rank 1 (single transform) or rank 2 (batch of transforms). Received input with shape: transform.shape={ShapeText.format(transform.shape)}", nameof(transform));
                using var scope = NewDisposeScope();
                var batch = images.dim() == 3 ? images.unsqueeze(0) : images;
                int n = (int)batch.shape[0];
                var rows = transform.dim() == 1 ? transform.unsqueeze(0) : transform;
                if (rows.shape[^1] != 8 || (rows.shape[0] != n && rows.shape[0] != 1))
                    throw new ArgumentException($"Invalid transform shape: expected [8] or [{n}, 8]. Received: transform.shape={ShapeText.format(transform.shape)}", nameof(transform));
                float[] matrices = rows.to_type(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
                var result = ImageFormat.on_float32(batch, pixels =>
                    transform_batch(pixels, matrices, (int)rows.shape[0], order, mode, (float)fill_value, format == "channels_first"));
                if (images.dim() == 3) result = result.squeeze(0);
                return result.MoveToOuterDisposeScope();
            }

            // One resampling pass per image, the rows of all images split across the cores.
            private static unsafe Tensor transform_batch(Tensor src, float[] matrices, int matrix_count, int order, MapFillMode mode, float fill, bool channels_first)
            {
                var dst = empty_like(src);
                var input = new AffineMapper.BatchLayout(src, channels_first);
                var output = new AffineMapper.BatchLayout(dst, channels_first);
                int h = input.Height;
                const int block = 8;
                int blocks = (h + block - 1) / block;
                Parallel.For(0, (long)input.Count * blocks, k =>
                {
                    int i = (int)(k / blocks), start = (int)(k % blocks) * block;
                    int m = matrix_count == 1 ? 0 : i;
                    AffineMapper.Rows(input.image(i), output.image(i), matrices.AsSpan(m * 8, 8), order, mode, fill, start, Math.Min(h, start + block));
                });
                return dst;
            }
        }
    }
}
