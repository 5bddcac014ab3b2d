using KerasPort.Imaging;

namespace KerasPort.Examples.Listings;

/// <summary>Listing 1: the article's manual augmentation of cat.jpg with PIL, line for line.</summary>
public static class ManualAugmentation
{
    /// <summary>Writes each edited image into <paramref name="output_dir"/> and returns the files written.</summary>
    public static IReadOnlyList<string> Run(string image_path, string output_dir)
    {
        Directory.CreateDirectory(output_dir);
        var written = new List<string>();
        void save(Image image, string name)
        {
            string path = Path.Combine(output_dir, name);
            image.save(path);
            written.Add(path);
        }

        var img = Image.open(image_path);

        // Flip and rotate.
        var flip_img = img.transpose(Image.FLIP_LEFT_RIGHT);
        save(flip_img, "flip.jpg");
        var rotate_img = img.transpose(Image.ROTATE_90);
        save(rotate_img, "rotate_90.jpg");

        // Resize and crop.
        var resize_img = img.resize((400, 400));
        save(resize_img, "resize_400x400.jpg");
        var crop_img = img.crop((100, 50, 400, 200));
        save(crop_img, "crop.jpg");

        // Padding: paste onto a larger blue canvas.
        var (width, height) = img.size;
        int pad = 20;
        var pad_img = Image.@new("RGB", (width + 2 * pad, height + 2 * pad), "blue");
        pad_img.paste(img, (pad, pad));
        save(pad_img, "pad.jpg");

        // Brightness.
        var brightness = ImageEnhance.Brightness(img);
        save(brightness.enhance(1.5), "brightness_1.5.jpg");
        save(brightness.enhance(0.5), "brightness_0.5.jpg");

        // Contrast (the article's listing reuses the brightness enhancer here; the intent is contrast).
        var contrast = ImageEnhance.Contrast(img);
        save(contrast.enhance(1.5), "contrast_1.5.jpg");
        save(contrast.enhance(0.5), "contrast_0.5.jpg");

        // Sharpness.
        var sharpness = ImageEnhance.Sharpness(img);
        save(sharpness.enhance(5), "sharpness_5.jpg");

        return written;
    }
}
