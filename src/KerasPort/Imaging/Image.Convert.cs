namespace KerasPort.Imaging;

// Mode conversions, with PIL's arithmetic.
public sealed partial class Image
{
    /// <summary>
    /// A copy in another mode, as PIL's <c>convert</c>: to "L" by ITU-R 601-2 luma in PIL's fixed point,
    /// (R*19595 + G*38470 + B*7471 + 0x8000) >> 16 (alpha ignored); "L" to "RGB"/"RGBA" replicates the
    /// grey; "RGBA" to "RGB" drops alpha (no compositing); to "RGBA" adds an opaque alpha. From mode "I"
    /// each value is clipped to 0..255 (then replicated for "RGB"/"RGBA"), as PIL does; to "RGBA" a PNG's
    /// transparent grey makes alpha 0 where the clipped value equals its low byte (PIL 9.4's quirk);
    /// "I" to "I" copies.
    /// </summary>
    public Image convert(string mode)
    {
        if (mode == this.mode)
            return copy();
        CheckMode(mode, nameof(mode));
        if (IntPixels is not null)
            return FromModeI(mode);
        var output = new Image(mode, width, height);
        int inBands = bands, outBands = output.bands;
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<byte> src = Row(y);
            Span<byte> dst = output.Row(y);
            for (int x = 0; x < width; x++)
            {
                ReadOnlySpan<byte> p = src.Slice(x * inBands, inBands);
                Span<byte> q = dst.Slice(x * outBands, outBands);
                if (outBands == 1)
                {
                    q[0] = (byte)ImageColor.Luma(p[0], p[1], p[2]);
                    continue;
                }
                if (inBands == 1)
                {
                    q[0] = q[1] = q[2] = p[0];
                }
                else
                {
                    q[0] = p[0];
                    q[1] = p[1];
                    q[2] = p[2];
                }
                if (outBands == 4)
                    q[3] = inBands == 4 ? p[3] : (byte)255;
            }
        }
        return output;
    }

    // PIL's i2l / i2rgb: clip to 0..255; alpha opaque, except that PIL's convert_transparent makes a
    // pixel transparent where its clipped grey equals the low byte of the transparency value.
    private Image FromModeI(string mode)
    {
        int transparent = mode == "RGBA" && Transparency is int t ? t & 255 : -1;
        var output = new Image(mode, width, height);
        int outBands = output.bands;
        byte[] dst = output.Pixels;
        for (int i = 0; i < IntPixels!.Length; i++)
        {
            byte v = (byte)Math.Clamp(IntPixels[i], 0, 255);
            int o = i * outBands;
            for (int c = 0; c < Math.Min(outBands, 3); c++)
                dst[o + c] = v;
            if (outBands == 4)
                dst[o + 3] = v == transparent ? (byte)0 : (byte)255;
        }
        return output;
    }

    /// <summary>One band as an "L" image ("R", "G", "B", "A" or "L"), as PIL's <c>getchannel</c>.</summary>
    public Image getchannel(string channel)
    {
        Require8Bit("getchannel");
        int index = Array.IndexOf(getbands(), channel);
        if (index < 0)
            throw new ArgumentException(
                $"Invalid value received for argument channel. Expected one of {string.Join(", ", getbands())}. Received: channel={channel}", nameof(channel));
        var output = new Image("L", width, height);
        for (int i = 0, n = width * height; i < n; i++)
            output.Pixels[i] = Pixels[i * bands + index];
        return output;
    }

    /// <summary>Replaces (or adds) the alpha band from an "L" image, as PIL's <c>putalpha</c> for RGBA images.</summary>
    public void putalpha(Image alpha)
    {
        ArgumentNullException.ThrowIfNull(alpha);
        alpha.Require8Bit("putalpha");
        if (mode != "RGBA")
            throw new InvalidOperationException($"putalpha needs an RGBA image in this port; this image is {mode}. Use convert(\"RGBA\") first.");
        if (alpha.mode != "L" || alpha.size != size)
            throw new ArgumentException($"Expected an L image of size {size}. Received: alpha={alpha}", nameof(alpha));
        for (int i = 0, n = width * height; i < n; i++)
            Pixels[i * 4 + 3] = alpha.Pixels[i];
    }

    // PIL's RGBA <-> RGBa (premultiplied alpha), used around resampling.
    internal Image Premultiplied()
    {
        var output = new Image("RGBA", width, height);
        byte[] src = Pixels, dst = output.Pixels;
        for (int i = 0; i < src.Length; i += 4)
        {
            int alpha = src[i + 3];
            for (int c = 0; c < 3; c++)
            {
                int t = src[i + c] * alpha + 128;
                dst[i + c] = (byte)(((t >> 8) + t) >> 8);
            }
            dst[i + 3] = (byte)alpha;
        }
        return output;
    }

    internal void Unpremultiply()
    {
        byte[] p = Pixels;
        for (int i = 0; i < p.Length; i += 4)
        {
            int alpha = p[i + 3];
            if (alpha is 0 or 255)
                continue;
            for (int c = 0; c < 3; c++)
                p[i + c] = (byte)Math.Min(255, 255 * p[i + c] / alpha);
        }
    }
}
