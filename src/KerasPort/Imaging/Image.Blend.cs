namespace KerasPort.Imaging;

// Pixel arithmetic behind ImageEnhance: PIL's blend and its SMOOTH filter.
public sealed partial class Image
{
    /// <summary>
    /// im1 * (1 - alpha) + im2 * alpha, as PIL's <c>Image.blend</c> (libImaging/Blend.c): computed in
    /// single precision as im1 + alpha * (im2 - im1), truncated to 8 bits; alpha outside [0, 1]
    /// extrapolates and the result is clipped to [0, 255].
    /// </summary>
    public static Image blend(Image im1, Image im2, double alpha)
    {
        ArgumentNullException.ThrowIfNull(im1);
        ArgumentNullException.ThrowIfNull(im2);
        im1.Require8Bit("blend");
        im2.Require8Bit("blend");
        if (im1.mode != im2.mode || im1.size != im2.size)
            throw new ArgumentException($"images do not match: {im1} and {im2}", nameof(im2));
        float a = (float)alpha;  // PIL passes alpha to C as a float
        if (a == 0.0f)
            return im1.copy();
        if (a == 1.0f)
            return im2.copy();
        var output = new Image(im1.mode, im1.width, im1.height);
        ReadOnlySpan<byte> p1 = im1.Pixels, p2 = im2.Pixels;
        Span<byte> o = output.Pixels;
        if (a >= 0.0f && a <= 1.0f)
        {
            for (int i = 0; i < o.Length; i++)
                o[i] = (byte)(p1[i] + a * (p2[i] - p1[i]));
        }
        else
        {
            for (int i = 0; i < o.Length; i++)
            {
                float t = p1[i] + a * (p2[i] - p1[i]);
                o[i] = t <= 0.0f ? (byte)0 : t >= 255.0f ? (byte)255 : (byte)t;
            }
        }
        return output;
    }

    /// <summary>
    /// PIL's <c>filter(ImageFilter.SMOOTH)</c>: the 3x3 kernel (1 1 1 / 1 5 1 / 1 1 1) / 13 in single precision,
    /// summed in PIL's order (row below, this row, row above) from 0.5 and truncated; the border pixels
    /// are copied. Images narrower or shorter than 3 pixels are returned unchanged.
    /// </summary>
    internal Image Smooth()
    {
        if (width < 3 || height < 3)
            return copy();
        float side = 1f / 13f, centre = 5f / 13f;
        var output = copy();
        int b = bands, w = width;
        for (int y = 1; y < height - 1; y++)
        {
            ReadOnlySpan<byte> above = Row(y - 1), here = Row(y), below = Row(y + 1);
            Span<byte> dst = output.Row(y);
            for (int x = 1; x < w - 1; x++)
            {
                for (int c = 0; c < b; c++)
                {
                    int i = x * b + c;
                    float ss = 0.5f;
                    ss += below[i - b] * side + below[i] * side + below[i + b] * side;
                    ss += here[i - b] * side + here[i] * centre + here[i + b] * side;
                    ss += above[i - b] * side + above[i] * side + above[i + b] * side;
                    dst[i] = ss <= 0.0f ? (byte)0 : ss >= 255.0f ? (byte)255 : (byte)ss;
                }
            }
        }
        return output;
    }
}
