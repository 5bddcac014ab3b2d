using KerasPort.Preprocessing.Image;

namespace KerasPort.Examples.Listings;

/// <summary>
/// Listing 2: ImageDataGenerator with the article's configuration on cat.jpg. The loop breaks once
/// i > 25, after the 26th batch was made, so it saves 26 images, as it does in Keras.
/// </summary>
public static class DataGeneratorAugmentation
{
    /// <summary>The article's tour of ImageDataGenerator's parameters, each at its Keras default.</summary>
    public static ImageDataGenerator every_parameter() => new(
        featurewise_center: false,
        samplewise_center: false,
        featurewise_std_normalization: false,
        samplewise_std_normalization: false,
        zca_whitening: false,
        zca_epsilon: 1e-6,   // the article writes zca_epsilon=True; the parameter is a small float, 1e-6 by default
        rotation_range: 0,
        width_shift_range: 0.0,
        height_shift_range: 0.0,
        brightness_range: null,
        shear_range: 0.0,
        zoom_range: 0.0,
        channel_shift_range: 0.0,
        fill_mode: "nearest",
        cval: 0.0,
        horizontal_flip: false,
        vertical_flip: false,
        rescale: null,
        preprocessing_function: null,
        data_format: "channels_last",
        validation_split: 0.0,
        dtype: "float32");

    /// <summary>Runs the article's loop and returns the files it saved into <paramref name="save_to_dir"/>.</summary>
    public static IReadOnlyList<string> Run(string image_path, string save_to_dir)
    {
        Directory.CreateDirectory(save_to_dir);
        var datagen = new ImageDataGenerator(
            rotation_range: 40,
            width_shift_range: 0.2,
            height_shift_range: 0.2,
            brightness_range: [0.5, 1.5],
            rescale: 1.0 / 255,
            shear_range: 0.2,
            zoom_range: 0.4,
            horizontal_flip: true,
            fill_mode: "nearest");

        var img = keras.preprocessing.image.load_img(image_path);
        var x = keras.preprocessing.image.img_to_array(img);   // [H, W, 3]
        x = x.unsqueeze(0);                                      // [1, H, W, 3]

        int i = 0;
        foreach (var batch in datagen.flow(x, batch_size: 1, save_to_dir: save_to_dir,
                                           save_prefix: "img", save_format: "jpeg"))
        {
            i += 1;
            if (i > 25) break;
        }
        return Directory.GetFiles(save_to_dir, "img_*.jpeg").OrderBy(f => f, StringComparer.Ordinal).ToList();
    }
}
