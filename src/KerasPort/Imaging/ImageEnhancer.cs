namespace KerasPort.Imaging;

/// <summary>
/// PIL's <c>ImageEnhance._Enhance</c>: an image and its degenerate version; <see cref="enhance"/> blends
/// between them. Made by <see cref="ImageEnhance.Brightness"/>, <see cref="ImageEnhance.Contrast"/>,
/// <see cref="ImageEnhance.Sharpness"/> and <see cref="ImageEnhance.Color"/>.
/// </summary>
public sealed class ImageEnhancer
{
    internal ImageEnhancer(Image image, Image degenerate)
    {
        this.image = image;
        this.degenerate = degenerate;
    }

    /// <summary>The image to enhance.</summary>
    public Image image { get; }

    /// <summary>The image that factor 0 gives.</summary>
    public Image degenerate { get; }

    /// <summary>
    /// The enhanced image, <c>Image.blend(degenerate, image, factor)</c>: 1.0 gives the original image,
    /// 0.0 the degenerate one, other values interpolate or extrapolate (clipped to [0, 255]).
    /// </summary>
    public Image enhance(double factor) => Image.blend(degenerate, image, factor);
}
