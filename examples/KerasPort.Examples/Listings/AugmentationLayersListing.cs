using KerasPort.Layers;
using KerasPort.Models;

namespace KerasPort.Examples.Listings;

/// <summary>
/// Today's Keras way to augment: the tutorials' preprocessing layers in a Sequential, called on a
/// batch of copies of cat.jpg. Each copy gets its own flip, rotation and zoom, drawn from the
/// layers' seed generators as Keras draws them.
/// </summary>
public static class AugmentationLayersListing
{
    /// <summary>Augments <paramref name="count"/> copies of the image and saves them as PNGs into <paramref name="save_to_dir"/>.</summary>
    public static IReadOnlyList<string> Run(string image_path, string save_to_dir, int count = 25)
    {
        Directory.CreateDirectory(save_to_dir);
        var data_augmentation = new Sequential([
            new RandomFlip("horizontal"),
            new RandomRotation(0.1),
            new RandomZoom(0.1),
        ]);

        var img = keras.preprocessing.image.load_img(image_path);
        var x = keras.preprocessing.image.img_to_array(img);                      // [H, W, 3], 0..255
        using var batch = x.unsqueeze(0).expand(count, -1, -1, -1).contiguous();
        using var augmented = data_augmentation.__call__(batch);     // layers called directly augment, as in Keras

        var files = new List<string>(count);
        for (int i = 0; i < count; i++)
        {
            string path = Path.Combine(save_to_dir, $"layers_{i:D2}.png");
            using var image = augmented[i];
            keras.preprocessing.image.save_img(path, image);
            files.Add(path);
        }
        return files;
    }
}
