using static TorchSharp.torch;

namespace KerasPort;

public static partial class keras
{
    public static partial class utils
    {
        /// <summary>Keras 3's <c>keras.utils.load_img</c>, the same function as <c>keras.preprocessing.image.load_img</c>.</summary>
        public static Imaging.Image load_img(string path, string color_mode = "rgb", (int, int)? target_size = null,
            string interpolation = "nearest", bool keep_aspect_ratio = false) =>
            preprocessing.image.load_img(path, color_mode, target_size, interpolation, keep_aspect_ratio);

        /// <summary>Keras 3's <c>keras.utils.img_to_array</c>, the same function as <c>keras.preprocessing.image.img_to_array</c>.</summary>
        public static Tensor img_to_array(Imaging.Image img, string? data_format = null, ScalarType? dtype = null) =>
            preprocessing.image.img_to_array(img, data_format, dtype);

        /// <summary>Keras 3's <c>keras.utils.array_to_img</c>, the same function as <c>keras.preprocessing.image.array_to_img</c>.</summary>
        public static Imaging.Image array_to_img(Tensor x, string? data_format = null, bool scale = true) =>
            preprocessing.image.array_to_img(x, data_format, scale);

        /// <summary>Keras 3's <c>keras.utils.save_img</c>, the same function as <c>keras.preprocessing.image.save_img</c>.</summary>
        public static void save_img(string path, Tensor x, string? data_format = null, string? file_format = null, bool scale = true) =>
            preprocessing.image.save_img(path, x, data_format, file_format, scale);
    }
}
