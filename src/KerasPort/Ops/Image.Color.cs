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
            /// Keras's <c>rgb_to_grayscale</c>: <c>0.2989·R + 0.587·G + 0.114·B</c> as one channel; a one-channel
            /// input comes back as a copy.
            /// </summary>
            /// <param name="images">An image or batch with 3 (RGB) or 1 channels.</param>
            /// <param name="data_format"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
            public static Tensor rgb_to_grayscale(Tensor images, string? data_format = null)
            {
                int axis = channel_axis(images, data_format);
                long channels = images.shape[images.dim() + axis];
                if (channels is not (1 or 3))
                    throw new ArgumentException($"Invalid channel size: expected 3 (RGB) or 1 (Grayscale). Received input with shape: images.shape={ShapeText.format(images.shape)}", nameof(images));
                if (channels == 1) return images.clone();
                using var scope = NewDisposeScope();
                var rgb = images.unbind(axis);
                var gray = (rgb[0] * 0.2989 + rgb[1] * 0.587 + rgb[2] * 0.114).to_type(images.dtype);
                return gray.unsqueeze(axis).MoveToOuterDisposeScope();
            }

            /// <summary>Keras's <c>rgb_to_hsv</c> (dm_pix's formulas): float RGB in [0, 1] to hue, saturation, value in [0, 1].</summary>
            /// <param name="images">A float image or batch with 3 channels.</param>
            /// <param name="data_format"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
            public static Tensor rgb_to_hsv(Tensor images, string? data_format = null)
            {
                int axis = channel_axis(images, data_format);
                check_float(images);
                using var scope = NewDisposeScope();
                double eps = images.dtype == ScalarType.Float64 ? 2.220446049250313e-16 : 1.1920928955078125e-07;
                var x = where(images.abs() < eps, zeros_like(images), images);
                var planes = x.split([1, 1, 1], axis).Select(p => p.squeeze(axis)).ToArray();
                Tensor r = planes[0], g = planes[1], b = planes[2];
                var value = maximum(maximum(r, g), b);
                var minimum = TorchSharp.torch.minimum(TorchSharp.torch.minimum(r, g), b);
                var range = value - minimum;
                var safe_value = where(value > 0, value, ones_like(value));
                var safe_range = where(range > 0, range, ones_like(range));
                var saturation = where(value > 0, range / safe_value, zeros_like(value));
                var norm = 1.0 / (6.0 * safe_range);
                var hue = where(value == g, norm * (b - r) + 2.0 / 6.0, norm * (r - g) + 4.0 / 6.0);
                hue = where(value == r, norm * (g - b), hue);
                hue = where(range > 0, hue, zeros_like(hue)) + (hue < 0.0).to_type(hue.dtype);
                return stack([hue, saturation, value], axis).MoveToOuterDisposeScope();
            }

            /// <summary>Keras's <c>hsv_to_rgb</c> (dm_pix's formulas): hue, saturation, value in [0, 1] to float RGB.</summary>
            /// <param name="images">A float image or batch with 3 channels (H, S, V).</param>
            /// <param name="data_format"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
            public static Tensor hsv_to_rgb(Tensor images, string? data_format = null)
            {
                int axis = channel_axis(images, data_format);
                check_float(images);
                using var scope = NewDisposeScope();
                var planes = images.split([1, 1, 1], axis).Select(p => p.squeeze(axis)).ToArray();
                Tensor hue = planes[0], saturation = planes[1], value = planes[2];
                var dh = remainder(hue, 1.0) * 6.0;
                var dr = clamp((dh - 3.0).abs() - 1.0, 0.0, 1.0);
                var dg = clamp(2.0 - (dh - 2.0).abs(), 0.0, 1.0);
                var db = clamp(2.0 - (dh - 4.0).abs(), 0.0, 1.0);
                var one_minus_s = 1.0 - saturation;
                var red = value * (one_minus_s + saturation * dr);
                var green = value * (one_minus_s + saturation * dg);
                var blue = value * (one_minus_s + saturation * db);
                return stack([red, green, blue], axis).MoveToOuterDisposeScope();
            }

            // The (negative) channel axis of a rank-3 or rank-4 image tensor.
            private static int channel_axis(Tensor images, string? data_format)
            {
                string format = ImageFormat.data_format(data_format);
                if (images.dim() is not (3 or 4))
                    throw new ArgumentException($"Invalid images rank: expected rank 3 (single image) or rank 4 (batch of images). Received input with shape: images.shape={ShapeText.format(images.shape)}", nameof(images));
                return format == "channels_last" ? -1 : -3;
            }

            private static void check_float(Tensor images)
            {
                if (!is_floating_point(images))
                    throw new ArgumentException($"Invalid images dtype: expected float dtype. Received: images.dtype={images.dtype.ToString().ToLowerInvariant()}", nameof(images));
            }
        }
    }
}
