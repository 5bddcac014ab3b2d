using KerasPort.Layers;
using KerasPort.Ops;
using static TorchSharp.torch;

namespace KerasPort;

public static partial class keras
{
    public static partial class ops
    {
        public static partial class image
        {
            /// <summary>
            /// Keras's <c>gaussian_blur</c> on its torch backend: a depthwise convolution with the outer product of two
            /// normalised 1-D Gaussians (zero padding of <c>kernel_size[0] / 2</c> on every side).
            /// </summary>
            /// <param name="images">The image <c>[H, W, C]</c> or batch <c>[N, H, W, C]</c> (channels first with <paramref name="data_format"/>).</param>
            /// <param name="kernel_size">The kernel's (rows, columns); (3, 3) when null.</param>
            /// <param name="sigma">The standard deviations along x and y; (1, 1) when null.</param>
            /// <param name="data_format"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
            public static Tensor gaussian_blur(Tensor images, long[]? kernel_size = null, double[]? sigma = null, string? data_format = null)
            {
                string format = ImageFormat.data_format(data_format);
                long[] size = kernel_size ?? [3, 3];
                double[] s = sigma ?? [1.0, 1.0];
                if (images.dim() is not (3 or 4))
                    throw new ArgumentException($"Invalid images rank: expected rank 3 (single image) or rank 4 (batch of images). Received input with shape: images.shape={ShapeText.format(images.shape)}", nameof(images));
                if (size.Length != 2 || s.Length != 2)
                    throw new ArgumentException("`kernel_size` and `sigma` must each have two values.", size.Length != 2 ? nameof(kernel_size) : nameof(sigma));
                using var scope = NewDisposeScope();
                var x = images.dim() == 3 ? images.unsqueeze(0) : images;
                if (format == "channels_last") x = x.permute(0, 3, 1, 2);
                long channels = x.shape[1];
                Tensor kernel1d(long n, double sd)
                {
                    var t = arange(n, dtype: images.dtype) - (n - 1) / 2.0;
                    var k = (-0.5 * (t / tensor(sd, images.dtype)).pow(2)).exp();
                    return k / k.sum();
                }
                var kernel = outer(kernel1d(size[1], s[1]), kernel1d(size[0], s[0])).view(1, 1, size[0], size[1]).expand(channels, 1, size[0], size[1]);
                var blurred = nn.functional.conv2d(x.contiguous(), kernel.contiguous(), padding: [size[0] / 2, size[0] / 2], groups: channels);
                if (format == "channels_last") blurred = blurred.permute(0, 2, 3, 1);
                if (images.dim() == 3) blurred = blurred.squeeze(0);
                return blurred.MoveToOuterDisposeScope();
            }
        }
    }
}
