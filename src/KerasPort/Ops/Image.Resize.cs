using KerasPort.Layers;
using KerasPort.Ops;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasPort;

public static partial class keras
{
    public static partial class ops
    {
        public static partial class image
        {
            /// <summary>
            /// Keras's <c>resize</c> on its torch backend: <c>torch.nn.functional.interpolate</c> on the image or batch
            /// (<c>bilinear</c> and <c>bicubic</c> with <c>align_corners=False</c>, <c>nearest</c> as torch's
            /// <c>nearest-exact</c>), after an optional centred crop or pad to the target's aspect ratio.
            /// </summary>
            /// <param name="images">The image <c>[H, W, C]</c> or batch <c>[N, H, W, C]</c> (channels first with <paramref name="data_format"/>).</param>
            /// <param name="size">The output size <c>[height, width]</c>.</param>
            /// <param name="interpolation"><c>"bilinear"</c> (default), <c>"nearest"</c> or <c>"bicubic"</c>; the lanczos filters are not on Keras's torch backend.</param>
            /// <param name="antialias">Whether bilinear and bicubic downsampling low-pass filter first; false by default.</param>
            /// <param name="crop_to_aspect_ratio">Crops the largest centred window of the target's aspect ratio first.</param>
            /// <param name="pad_to_aspect_ratio">Pads evenly with <paramref name="fill_value"/> to the target's aspect ratio first.</param>
            /// <param name="fill_mode">Only <c>"constant"</c>, as in Keras.</param>
            /// <param name="fill_value">The padding value; 0 by default.</param>
            /// <param name="data_format"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
            public static Tensor resize(Tensor images, long[] size, string interpolation = "bilinear", bool antialias = false,
                bool crop_to_aspect_ratio = false, bool pad_to_aspect_ratio = false, string fill_mode = "constant",
                double fill_value = 0.0, string? data_format = null)
            {
                string format = ImageFormat.data_format(data_format);
                if (interpolation is "lanczos3" or "lanczos5")
                    throw new ArgumentException($"Resizing with Lanczos interpolation is not supported by the PyTorch backend. Received: interpolation={interpolation}.", nameof(interpolation));
                var mode = interpolation switch
                {
                    "bilinear" => InterpolationMode.Bilinear,
                    "nearest" => InterpolationMode.NearestExact,
                    "bicubic" => InterpolationMode.Bicubic,
                    _ => throw new ArgumentException($"Invalid value for argument `interpolation`. Expected of one {{'bilinear': 'bilinear', 'nearest': 'nearest-exact', 'bicubic': 'bicubic'}}. Received: interpolation={interpolation}", nameof(interpolation)),
                };
                if (fill_mode != "constant")
                    throw new ArgumentException($"Invalid value for argument `fill_mode`. Only `'constant'` is supported. Received: fill_mode={fill_mode}", nameof(fill_mode));
                if (pad_to_aspect_ratio && crop_to_aspect_ratio)
                    throw new ArgumentException("Only one of `pad_to_aspect_ratio` & `crop_to_aspect_ratio` can be `True`.", nameof(pad_to_aspect_ratio));
                if (size is null || size.Length != 2)
                    throw new ArgumentException($"Argument `size` must be a tuple of two elements (height, width). Received: size={(size is null ? "None" : ShapeText.format(size))}", nameof(size));
                if (images.dim() is not (3 or 4))
                    throw new ArgumentException($"Invalid images rank: expected rank 3 (single image) or rank 4 (batch of images). Received input with shape: images.shape={ShapeText.format(images.shape)}", nameof(images));

                using var scope = NewDisposeScope();
                var x = images.dim() == 3 ? images.unsqueeze(0) : images;
                var out_dtype = x.dtype;
                bool cast = out_dtype is not (ScalarType.Float32 or ScalarType.Float64);
                if (cast) x = x.to_type(ScalarType.Float32);
                if (format == "channels_last") x = x.permute(0, 3, 1, 2);
                long height = x.shape[2], width = x.shape[3], target_height = size[0], target_width = size[1];
                if (crop_to_aspect_ratio)
                {
                    long crop_height = Math.Max(Math.Min(height, (long)((double)(width * target_height) / target_width)), 1);
                    long crop_width = Math.Max(Math.Min(width, (long)((double)(height * target_width) / target_height)), 1);
                    long h_start = (long)((double)(height - crop_height) / 2), w_start = (long)((double)(width - crop_width) / 2);
                    x = x.narrow(2, h_start, crop_height).narrow(3, w_start, crop_width);
                }
                else if (pad_to_aspect_ratio)
                {
                    long pad_height = Math.Max(height, (long)((double)(width * target_height) / target_width));
                    long pad_width = Math.Max(width, (long)((double)(height * target_width) / target_height));
                    long h_start = (long)((double)(pad_height - height) / 2), w_start = (long)((double)(pad_width - width) / 2);
                    // Keras pads the same amount on both sides (so an odd difference loses a row or column).
                    if (h_start > 0)
                    {
                        var band = full([x.shape[0], x.shape[1], h_start, width], fill_value, dtype: x.dtype, device: x.device);
                        x = cat([band, x, band], 2);
                    }
                    if (w_start > 0)
                    {
                        var band = full([x.shape[0], x.shape[1], x.shape[2], w_start], fill_value, dtype: x.dtype, device: x.device);
                        x = cat([band, x, band], 3);
                    }
                }
                bool filtered = interpolation is "bilinear" or "bicubic";
                var resized = nn.functional.interpolate(x.contiguous(), size: size, mode: mode,
                    align_corners: filtered ? false : null, antialias: antialias && filtered);
                if (interpolation == "bicubic" && out_dtype == ScalarType.Byte) resized = resized.clamp(0, 255);
                if (format == "channels_last") resized = resized.permute(0, 2, 3, 1);
                if (images.dim() == 3) resized = resized.squeeze(0);
                if (cast) resized = (is_integral(out_dtype) ? resized.round() : resized).to_type(out_dtype);
                return resized.MoveToOuterDisposeScope();
            }
        }
    }
}
