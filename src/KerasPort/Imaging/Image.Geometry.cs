namespace KerasPort.Imaging;

// Exact pixel moves: transpose, crop, paste.
public sealed partial class Image
{
    /// <summary>
    /// Flips or rotates by multiples of 90 degrees, as PIL's <c>transpose</c>: <see cref="FLIP_LEFT_RIGHT"/>,
    /// <see cref="FLIP_TOP_BOTTOM"/>, <see cref="ROTATE_90"/> (counter-clockwise), <see cref="ROTATE_180"/>,
    /// <see cref="ROTATE_270"/> (clockwise), <see cref="TRANSPOSE"/> (swap x and y) or
    /// <see cref="TRANSVERSE"/> (transpose about the other diagonal).
    /// </summary>
    public Image transpose(int method)
    {
        Require8Bit("transpose");
        if (method is < FLIP_LEFT_RIGHT or > TRANSVERSE)
            throw new ArgumentException(
                $"Invalid value received for argument method. Expected one of Image.FLIP_LEFT_RIGHT (0), FLIP_TOP_BOTTOM (1), ROTATE_90 (2), ROTATE_180 (3), ROTATE_270 (4), TRANSPOSE (5), TRANSVERSE (6). Received: method={method}",
                nameof(method));
        bool swap = method is ROTATE_90 or ROTATE_270 or TRANSPOSE or TRANSVERSE;
        int outW = swap ? height : width, outH = swap ? width : height;
        var output = new Image(mode, outW, outH);
        int b = bands, w = width, h = height;
        for (int yo = 0; yo < outH; yo++)
        {
            // Along an output row the source pixel index moves by a constant step.
            var (start, step) = method switch
            {
                FLIP_LEFT_RIGHT => (yo * w + w - 1, -1),
                FLIP_TOP_BOTTOM => ((h - 1 - yo) * w, 1),
                ROTATE_90 => (w - 1 - yo, w),
                ROTATE_180 => ((h - 1 - yo) * w + w - 1, -1),
                ROTATE_270 => ((h - 1) * w + yo, -w),
                TRANSPOSE => (yo, w),
                _ => ((h - 1) * w + w - 1 - yo, -w),
            };
            Span<byte> dst = output.Row(yo);
            ReadOnlySpan<byte> src = Pixels;
            for (int xo = 0, i = start; xo < outW; xo++, i += step)
                src.Slice(i * b, b).CopyTo(dst.Slice(xo * b, b));
        }
        return output;
    }

    /// <summary>
    /// The region (left, upper, right, lower), right and lower exclusive, as PIL's <c>crop</c>; parts of
    /// the box outside the image are zero (black, transparent for RGBA). Works on mode "I" too.
    /// </summary>
    public Image crop((int left, int upper, int right, int lower) box)
    {
        var (left, upper, right, lower) = box;
        if (right < left)
            throw new ArgumentException($"Coordinate 'right' is less than 'left'. Received: box={box}", nameof(box));
        if (lower < upper)
            throw new ArgumentException($"Coordinate 'lower' is less than 'upper'. Received: box={box}", nameof(box));
        var output = new Image(mode, right - left, lower - upper) { Transparency = Transparency };
        CopyInto(output, -left, -upper);
        return output;
    }

    /// <summary>
    /// Pastes <paramref name="im"/> with its upper-left corner at <paramref name="box"/>, as PIL's
    /// <c>paste(im, (x, y))</c> (clipped to this image; another mode is converted first). With a
    /// <paramref name="mask"/> ("L", or "RGBA" whose alpha is used, same size as <paramref name="im"/>)
    /// each pixel is PIL's rounded blend (out*(255-m) + in*m) / 255.
    /// </summary>
    public void paste(Image im, (int, int) box, Image? mask = null)
    {
        ArgumentNullException.ThrowIfNull(im);
        Require8Bit("paste");
        im.Require8Bit("paste");
        if (im.mode != mode)
            im = im.convert(mode);
        if (mask is null)
        {
            im.CopyInto(this, box.Item1, box.Item2);
            return;
        }
        if (mask.mode is not ("L" or "RGBA") || mask.size != im.size)
            throw new ArgumentException($"Expected an L or RGBA mask of size {im.size}. Received: mask={mask}", nameof(mask));
        var (x0, y0) = box;
        int b = bands, maskBands = mask.bands;
        for (int y = Math.Max(0, -y0); y < im.height && y + y0 < height; y++)
        {
            ReadOnlySpan<byte> src = im.Row(y), m = mask.Row(y);
            Span<byte> dst = Row(y + y0);
            for (int x = Math.Max(0, -x0); x < im.width && x + x0 < width; x++)
            {
                int alpha = m[x * maskBands + maskBands - 1];
                for (int c = 0; c < b; c++)
                {
                    ref byte o = ref dst[(x + x0) * b + c];
                    int t = o * (255 - alpha) + src[x * b + c] * alpha + 128;
                    o = (byte)(((t >> 8) + t) >> 8);
                }
            }
        }
    }

    // Copies this image into target with its origin at (dx, dy), clipped to the target.
    private void CopyInto(Image target, int dx, int dy)
    {
        int x0 = Math.Max(0, dx), x1 = Math.Min(target.width, dx + width);
        if (x1 <= x0)
            return;
        int b = bands;
        for (int y = Math.Max(0, dy); y < Math.Min(target.height, dy + height); y++)
        {
            if (IntPixels is not null)
            {
                IntPixels.AsSpan((y - dy) * width + x0 - dx, x1 - x0).CopyTo(target.IntPixels.AsSpan(y * target.width + x0));
                continue;
            }
            Row(y - dy).Slice((x0 - dx) * b, (x1 - x0) * b).CopyTo(target.Row(y)[(x0 * b)..]);
        }
    }
}
