namespace KerasPort.Imaging;

// Resizing, as Pillow 9.4's Image.resize.
public sealed partial class Image
{
    /// <summary>
    /// A resized copy of size (width, height), as Pillow 9.4's <c>resize</c>: <paramref name="resample"/> is
    /// <see cref="NEAREST"/>, <see cref="BOX"/>, <see cref="BILINEAR"/>, <see cref="HAMMING"/>,
    /// <see cref="BICUBIC"/> (Pillow's default for L, RGB and RGBA) or <see cref="LANCZOS"/>;
    /// <paramref name="box"/> (left, upper, right, lower) is the source region to scale, the whole image by
    /// default. RGBA images are resampled with premultiplied alpha, as Pillow does.
    /// </summary>
    public Image resize((int, int) size, int resample = BICUBIC, (double, double, double, double)? box = null)
    {
        var (xsize, ysize) = size;
        if (resample is < NEAREST or > HAMMING)
            throw new ArgumentException(
                $"Invalid value received for argument resample. Expected one of Image.NEAREST (0), LANCZOS (1), BILINEAR (2), BICUBIC (3), BOX (4), HAMMING (5). Received: resample={resample}",
                nameof(resample));
        if (xsize < 1 || ysize < 1)
            throw new ArgumentException($"height and width must be > 0. Received: size=({xsize}, {ysize})", nameof(size));
        var (bx0, by0, bx1, by1) = box ?? (0, 0, width, height);
        var region = ((float)bx0, (float)by0, (float)bx1, (float)by1);
        if (region.Item1 < 0 || region.Item2 < 0)
            throw new ArgumentException($"box offset can't be negative. Received: box={box}", nameof(box));
        if (region.Item3 > width || region.Item4 > height)
            throw new ArgumentException($"box can't exceed original image size {size}. Received: box={box}", nameof(box));
        if (region.Item3 - region.Item1 < 0 || region.Item4 - region.Item2 < 0)
            throw new ArgumentException($"box can't be empty. Received: box={box}", nameof(box));
        CheckPixels(xsize, ysize);

        if (size == this.size && region == (0f, 0f, width, height))
            return copy();
        if (mode == "RGBA" && resample != NEAREST)
        {
            var resized = Premultiplied().ResizeRegion(xsize, ysize, resample, region);
            resized.Unpremultiply();
            return resized;
        }
        var result = ResizeRegion(xsize, ysize, resample, region);
        result.Transparency = Transparency;  // PIL keeps info["transparency"]
        return result;
    }

    private Image ResizeRegion(int xsize, int ysize, int resample, (float x0, float y0, float x1, float y1) box)
    {
        // An integer-aligned box of the output's size is a crop.
        if (box.x0 == (int)box.x0 && box.x1 - box.x0 == xsize && box.y0 == (int)box.y0 && box.y1 - box.y0 == ysize)
            return crop(((int)box.x0, (int)box.y0, (int)box.x1, (int)box.y1));
        return resample == NEAREST
            ? Resampler.Nearest(this, xsize, ysize, box)
            : Resampler.Convolve(this, xsize, ysize, resample, box);
    }
}
