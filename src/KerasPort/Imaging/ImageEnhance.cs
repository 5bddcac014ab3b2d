namespace KerasPort.Imaging;

/// <summary>
/// PIL's <c>ImageEnhance</c> (Pillow 9.4): <c>ImageEnhance.Brightness(img).enhance(1.5)</c> ports as written.
/// Each enhancer blends the image with a degenerate image; alpha is kept.
/// </summary>
public static class ImageEnhance
{
    /// <summary>Brightness: the degenerate image is black (factor 0 gives black, 1 the original).</summary>
    public static ImageEnhancer Brightness(Image image)
    {
        ArgumentNullException.ThrowIfNull(image);
        image.Require8Bit("ImageEnhance");
        var degenerate = Image.@new(image.mode, image.size, 0);
        KeepAlpha(image, degenerate);
        return new ImageEnhancer(image, degenerate);
    }

    /// <summary>Contrast: the degenerate image is the uniform grey of the image's mean luma, rounded.</summary>
    public static ImageEnhancer Contrast(Image image)
    {
        ArgumentNullException.ThrowIfNull(image);
        image.Require8Bit("ImageEnhance");
        var grey = image.convert("L");
        long sum = 0;
        foreach (byte v in grey.Pixels)
            sum += v;
        double mean = grey.Pixels.Length == 0 ? 0.0 : (double)sum / grey.Pixels.Length;
        var degenerate = Image.@new("L", image.size, (int)(mean + 0.5)).convert(image.mode);
        KeepAlpha(image, degenerate);
        return new ImageEnhancer(image, degenerate);
    }

    /// <summary>Sharpness: the degenerate image is PIL's SMOOTH-filtered image (borders unchanged).</summary>
    public static ImageEnhancer Sharpness(Image image)
    {
        ArgumentNullException.ThrowIfNull(image);
        image.Require8Bit("ImageEnhance");
        var degenerate = image.Smooth();
        KeepAlpha(image, degenerate);
        return new ImageEnhancer(image, degenerate);
    }

    /// <summary>Color (saturation): the degenerate image is the greyscale image (factor 0 is black and white).</summary>
    public static ImageEnhancer Color(Image image)
    {
        ArgumentNullException.ThrowIfNull(image);
        image.Require8Bit("ImageEnhance");
        // PIL goes through "LA" for RGBA; L replicated plus the original alpha is the same thing.
        var degenerate = image.convert("L").convert(image.mode);
        KeepAlpha(image, degenerate);
        return new ImageEnhancer(image, degenerate);
    }

    private static void KeepAlpha(Image image, Image degenerate)
    {
        if (image.mode == "RGBA")
            degenerate.putalpha(image.getchannel("A"));
    }
}
