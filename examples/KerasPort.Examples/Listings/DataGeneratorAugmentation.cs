using KerasPort.Preprocessing.Image;

namespace KerasPort.Examples.Listings;

/// <summary>
/// Listing 2: ImageDataGenerator with the article's configuration on cat.jpg. The loop breaks once
/// i > 25, after the 26th batch was made, so it saves 26 images, as it does in Keras.
/// </summary>
public static class DataGeneratorAugmentation
{
    /// <summary>Runs the article's loop and returns the files it saved into <paramref name="save_to_dir"/>.</summary>
    public static IReadOnlyList<string> Run(string image_path, string save_to_dir, long? seed = null)
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
        foreach (var batch in datagen.flow(x, batch_size: 1, seed: seed, save_to_dir: save_to_dir,
                                           save_prefix: "img", save_format: "jpeg"))
        {
            i += 1;
            if (i > 25) break;
        }
        return Directory.GetFiles(save_to_dir, "img_*.jpeg").OrderBy(f => f, StringComparer.Ordinal).ToList();
    }
}
