using System.Diagnostics;
using KerasPort.Imaging;
using static TorchSharp.torch;

namespace KerasPort;

public static partial class keras
{
    public static partial class preprocessing
    {
        /// <summary>keras.preprocessing.image (keras/src/utils/image_utils.py): image files to tensors and back.</summary>
        public static partial class image
        {
            // Keras's interpolation names for PIL's filters.
            private static readonly Dictionary<string, int> InterpolationMethods = new()
            {
                ["nearest"] = Imaging.Image.NEAREST,
                ["bilinear"] = Imaging.Image.BILINEAR,
                ["bicubic"] = Imaging.Image.BICUBIC,
                ["hamming"] = Imaging.Image.HAMMING,
                ["box"] = Imaging.Image.BOX,
                ["lanczos"] = Imaging.Image.LANCZOS,
            };

            /// <summary>
            /// Loads an image file as Keras's <c>load_img</c>: <paramref name="color_mode"/> "grayscale", "rgb"
            /// or "rgba" (PIL's conversions: luma for grayscale, alpha dropped for rgb, opaque alpha added for
            /// rgba); <paramref name="target_size"/> is (height, width), resized with PIL's filter named by
            /// <paramref name="interpolation"/> ("nearest", "bilinear", "bicubic", "hamming", "box", "lanczos")
            /// when the size differs; <paramref name="keep_aspect_ratio"/> first crops the centred box of the
            /// target's aspect ratio. As Keras, <paramref name="interpolation"/> is checked only when the
            /// image is resized.
            /// </summary>
            public static Imaging.Image load_img(string path, string color_mode = "rgb", (int, int)? target_size = null,
                                                 string interpolation = "nearest", bool keep_aspect_ratio = false)
            {
                if (color_mode is not ("grayscale" or "rgb" or "rgba"))
                    throw new ArgumentException(
                        $"Invalid value received for argument color_mode. Expected one of \"grayscale\", \"rgb\", \"rgba\". Received: color_mode={color_mode}",
                        nameof(color_mode));
                if (target_size is var (th, tw) && (th < 1 || tw < 1))
                    throw new ArgumentException(
                        $"Invalid value received for argument target_size. Expected (height, width) of positive integers. Received: target_size=({th}, {tw})",
                        nameof(target_size));

                var img = Imaging.Image.open(path);
                string mode = color_mode switch { "grayscale" => "L", "rgb" => "RGB", _ => "RGBA" };
                if (img.mode != mode)
                    img = img.convert(mode);
                if (target_size is not var (targetHeight, targetWidth))
                    return img;
                if (img.size == (targetWidth, targetHeight))
                    return img;
                // As Keras, the method is checked only when the image is resized.
                if (!InterpolationMethods.TryGetValue(interpolation, out int resample))
                    throw new ArgumentException(
                        $"Invalid interpolation method {interpolation} specified. Supported methods are {string.Join(", ", InterpolationMethods.Keys)}",
                        nameof(interpolation));
                if (!keep_aspect_ratio)
                    return img.resize((targetWidth, targetHeight), resample);

                // The largest centred box with the target's aspect ratio (Keras's floor divisions).
                var (width, height) = img.size;
                int cropHeight = Math.Min(height, width * targetHeight / targetWidth);
                int cropWidth = Math.Min(width, height * targetWidth / targetHeight);
                int top = (height - cropHeight) / 2, left = (width - cropWidth) / 2;
                return img.resize((targetWidth, targetHeight), resample, (left, top, left + cropWidth, top + cropHeight));
            }

            /// <summary>
            /// An image's pixels as a tensor, as Keras's <c>img_to_array</c>: [H, W, C] for "channels_last"
            /// (the default), [C, H, W] for "channels_first"; C is 1 for "L". <paramref name="dtype"/>
            /// defaults to float32.
            /// </summary>
            public static Tensor img_to_array(Imaging.Image img, string? data_format = null, ScalarType? dtype = null)
            {
                ArgumentNullException.ThrowIfNull(img);
                string format = StandardizeDataFormat(data_format);
                using var scope = NewDisposeScope();
                var bytes = tensor(img.Pixels, [img.height, img.width, img.bands], ScalarType.Byte);
                var x = bytes.to_type(dtype ?? ScalarType.Float32);
                if (format == "channels_first")
                    x = x.permute(2, 0, 1).contiguous();
                return x.MoveToOuterDisposeScope();
            }

            /// <summary>
            /// A rank-3 tensor as an image, as Keras's <c>array_to_img</c>: with <paramref name="scale"/> the values
            /// are shifted by -min, divided by the max (when non-zero) and multiplied by 255, in float32; then
            /// cast to uint8 as numpy does (truncation). 4 channels give "RGBA", 3 "RGB", 1 "L".
            /// </summary>
            public static Imaging.Image array_to_img(Tensor x, string? data_format = null, bool scale = true)
            {
                ArgumentNullException.ThrowIfNull(x);
                string format = StandardizeDataFormat(data_format);
                if (x.dim() != 3)
                    throw new ArgumentException(
                        $"Invalid value received for argument x. Expected image array to have rank 3 (single image). Got array with shape: [{string.Join(", ", x.shape)}]",
                        nameof(x));
                float[] values;
                long h, w, c;
                using (var scope = NewDisposeScope())
                {
                    var hwc = x.to_type(ScalarType.Float32);
                    if (format == "channels_first")
                        hwc = hwc.permute(1, 2, 0);
                    (h, w, c) = (hwc.shape[0], hwc.shape[1], hwc.shape[2]);
                    values = hwc.contiguous().data<float>().ToArray();
                }
                string mode = c switch
                {
                    4 => "RGBA",
                    3 => "RGB",
                    1 => "L",
                    _ => throw new ArgumentException(
                        $"Invalid value received for argument x. Unsupported channel number: {c}. Expected 1, 3 or 4 channels.", nameof(x)),
                };
                if (scale && values.Length > 0)
                {
                    float min = values.Min();
                    for (int i = 0; i < values.Length; i++)
                        values[i] -= min;
                    float max = values.Max();
                    for (int i = 0; i < values.Length; i++)
                    {
                        if (max != 0)
                            values[i] /= max;
                        values[i] *= 255;
                    }
                }
                if (mode == "L" && values.Length > 0 && values.Max() > 255)
                    throw new NotSupportedException(
                        "array_to_img: a one-channel array with values above 255 would be PIL mode \"I\" (32-bit), which this port does not hold; pass scale=true or values in [0, 255].");
                var pixels = new byte[values.Length];
                for (int i = 0; i < values.Length; i++)
                    pixels[i] = unchecked((byte)(int)values[i]);  // numpy's astype("uint8"): truncate, wrap
                return new Imaging.Image(mode, (int)w, (int)h, pixels);
            }

            /// <summary>
            /// Saves a rank-3 tensor as an image file, as Keras's <c>save_img</c>: <see cref="array_to_img"/>, then
            /// PIL's save with <paramref name="file_format"/> or the file's extension ("jpg" is "jpeg"; an RGBA
            /// image saved as JPEG is converted to RGB with a warning, as Keras does).
            /// </summary>
            public static void save_img(string path, Tensor x, string? data_format = null, string? file_format = null, bool scale = true)
            {
                ArgumentNullException.ThrowIfNull(path);
                if (file_format is null)
                {
                    string extension = Path.GetExtension(path);
                    file_format = extension.Length > 1 ? extension[1..].ToLowerInvariant() : null;
                }
                if (file_format is not null && file_format.Equals("jpg", StringComparison.OrdinalIgnoreCase))
                    file_format = "jpeg";
                var img = array_to_img(x, data_format, scale);
                if (img.mode == "RGBA" && string.Equals(file_format, "jpeg", StringComparison.OrdinalIgnoreCase))
                {
                    Trace.TraceWarning("The JPEG format does not support RGBA images, converting to RGB.");
                    img = img.convert("RGB");
                }
                img.save(path, file_format);
            }

            // Keras's backend.standardize_data_format with the default image_data_format "channels_last".
            private static string StandardizeDataFormat(string? data_format)
            {
                string format = (data_format ?? "channels_last").ToLowerInvariant();
                if (format is not ("channels_last" or "channels_first"))
                    throw new ArgumentException(
                        $"Invalid value received for argument data_format. Expected one of \"channels_first\", \"channels_last\". Received: data_format={data_format}",
                        nameof(data_format));
                return format;
            }
        }
    }
}
