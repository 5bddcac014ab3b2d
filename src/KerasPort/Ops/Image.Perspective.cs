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
            /// Keras's <c>perspective_transform</c> on its torch backend: the homography that maps
            /// <paramref name="end_points"/> to <paramref name="start_points"/> (four corners, <c>[4, 2]</c> or
            /// <c>[N, 4, 2]</c> as (x, y)), solved as Keras solves it, then each output pixel reads the input at the mapped
            /// point (constant fill with <paramref name="fill_value"/>), one pass per image.
            /// </summary>
            /// <param name="images">The image <c>[H, W, C]</c> or batch <c>[N, H, W, C]</c> (channels first with <paramref name="data_format"/>).</param>
            /// <param name="start_points">The source corners.</param>
            /// <param name="end_points">Where the corners go.</param>
            /// <param name="interpolation"><c>"bilinear"</c> (default) or <c>"nearest"</c>.</param>
            /// <param name="fill_value">The value outside the input; 0 by default.</param>
            /// <param name="data_format"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
            public static Tensor perspective_transform(Tensor images, Tensor start_points, Tensor end_points, string interpolation = "bilinear",
                double fill_value = 0, string? data_format = null)
            {
                int order = interpolation switch
                {
                    "nearest" => 0,
                    "bilinear" => 1,
                    _ => throw new ArgumentException($"Invalid value for argument `interpolation`. Expected of one {{'nearest', 'bilinear'}}. Received: interpolation={interpolation}", nameof(interpolation)),
                };
                string format = ImageFormat.data_format(data_format);
                if (images.dim() is not (3 or 4))
                    throw new ArgumentException($"Invalid images rank: expected rank 3 (single image) or rank 4 (batch of images). Received input with shape: images.shape={ShapeText.format(images.shape)}", nameof(images));
                foreach (var (points, argument) in new[] { (start_points, nameof(start_points)), (end_points, nameof(end_points)) })
                    if (points.dim() is not (2 or 3) || points.shape[^2] != 4 || points.shape[^1] != 2)
                        throw new ArgumentException($"Invalid {argument} shape: expected (4,2) for a single image or (N,4,2) for a batch. Received shape: {ShapeText.format(points.shape)}", argument);
                if (!start_points.shape.SequenceEqual(end_points.shape))
                    throw new ArgumentException($"start_points and end_points must have the same shape. Received start_points.shape={ShapeText.format(start_points.shape)}, end_points.shape={ShapeText.format(end_points.shape)}", nameof(end_points));
                using var scope = NewDisposeScope();
                var batch = images.dim() == 3 ? images.unsqueeze(0) : images;
                int n = (int)batch.shape[0];
                var h = compute_homography_matrix(start_points.dim() == 2 ? start_points.unsqueeze(0) : start_points,
                    end_points.dim() == 2 ? end_points.unsqueeze(0) : end_points);
                if (h.shape[0] == 1 && n > 1) h = h.repeat(n, 1);
                float[] matrices = h.to_type(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
                var result = ImageFormat.on_float32(batch, pixels => perspective_batch(pixels, matrices, order, (float)fill_value, format == "channels_first"));
                if (images.dim() == 3) result = result.squeeze(0);
                return result.MoveToOuterDisposeScope();
            }

            /// <summary>
            /// Keras's <c>compute_homography_matrix</c>: the 8 coefficients per batch entry that map each end point to its
            /// start point, from the 8 × 8 linear system solved with <c>torch.linalg.solve</c> in float32.
            /// </summary>
            public static Tensor compute_homography_matrix(Tensor start_points, Tensor end_points)
            {
                using var scope = NewDisposeScope();
                var s = start_points.to_type(ScalarType.Float32);
                var e = end_points.to_type(ScalarType.Float32);
                var rows = new List<Tensor>();
                for (int k = 0; k < 4; k++)
                {
                    Tensor sx = s[.., k, 0], sy = s[.., k, 1], ex = e[.., k, 0], ey = e[.., k, 1];
                    var one = ones_like(ex);
                    var zero = zeros_like(ex);
                    rows.Add(stack([ex, ey, one, zero, zero, zero, -sx * ex, -sx * ey], -1));
                    rows.Add(stack([zero, zero, zero, ex, ey, one, -sy * ex, -sy * ey], -1));
                }
                var coefficients = stack(rows, 1);
                var target = stack(Enumerable.Range(0, 4).SelectMany(k => new[] { s[.., k, 0], s[.., k, 1] }).ToArray(), -1).unsqueeze(-1);
                return linalg.solve(coefficients, target).reshape(-1, 8).MoveToOuterDisposeScope();
            }

            private static unsafe Tensor perspective_batch(Tensor src, float[] matrices, int order, float fill, bool channels_first)
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
                    ReadOnlySpan<float> t = matrices.AsSpan(i * 8, 8);
                    for (int x = 0; x < w; x++)
                    {
                        // Keras: denom = a6·x + a7·y + 1; x_in = (a0·x + a1·y + a2) / denom; y_in likewise.
                        float denom = t[6] * x + t[7] * y + 1f;
                        float x_in = (t[0] * x + t[1] * y + t[2]) / denom;
                        float y_in = (t[3] * x + t[4] * y + t[5]) / denom;
                        AffineMapper.Sample(view, out_image + y * sh + x * sw, sc, y_in, x_in, 0, c, order, MapFillMode.Constant, fill);
                    }
                });
                return dst;
            }
        }
    }
}
