using SkiaSharp;

namespace KerasPort.Imaging;

// JPEG decoding goes through Skia, whose decoder is libjpeg-turbo, the library PIL decodes with (and so
// Keras's load_img): the pixels come out bit-exact. ImageSharp's own JPEG decoder rounds the IDCT and
// upsamples 4:2:0/4:2:2 chroma differently from libjpeg, up to ~68 grey levels off on noisy images.
// Every other format, and all encoding, stays with ImageSharp.
public sealed partial class Image
{
    // Decoded rows are fetched in blocks of about this many bytes, so the RGBA staging stays small.
    private const int JpegBlockBytes = 1 << 20;

    // PIL's JpegImagePlugin accepts a file by these three bytes (SOI, then a marker).
    private static bool IsJpeg(ReadOnlySpan<byte> data) => data is [0xFF, 0xD8, 0xFF, ..];

    private static Image DecodeJpeg(byte[] data, string name)
    {
        using var encoded = SKData.CreateCopy(data);
        using var codec = SKCodec.Create(encoded);
        if (codec is null || codec.EncodedFormat != SKEncodedImageFormat.Jpeg)
            throw new InvalidDataException($"cannot identify image file '{name}'");
        // Info comes from the header (jpeg_read_header): nothing is decoded or allocated yet.
        SKImageInfo header = codec.Info;
        CheckDecompressionBomb(header.Width, header.Height, name);
        if (!JpegComplete(data))
            throw new InvalidDataException($"image file '{name}' is truncated");

        // One-component files are PIL's "L"; YCbCr, RGB and CMYK/YCCK files come out as RGB (KerasPort has
        // no CMYK mode; Skia's CMYK-to-RGB product rounds as PIL's convert("RGB") does). No colour space
        // on the target: Skia then applies no ICC transform, as PIL. Scanline decoding never applies the
        // EXIF orientation either, as PIL's Image.open.
        bool grey = header.ColorType == SKColorType.Gray8;
        int width = header.Width, height = header.Height;
        var target = new SKImageInfo(width, height, grey ? SKColorType.Gray8 : SKColorType.Rgba8888, SKAlphaType.Opaque);
        var image = new Image(grey ? "L" : "RGB", width, height) { format = "JPEG" };
        SKCodecResult started = codec.StartScanlineDecode(target);
        if (started != SKCodecResult.Success)
            throw new InvalidDataException($"image file '{name}' is corrupt: {started}");

        int rowBytes = target.RowBytes;
        int block = Math.Clamp(JpegBlockBytes / rowBytes, 1, height);
        byte[] staging = grey ? [] : new byte[(long)block * rowBytes];
        for (int y = 0; y < height; y += block)
        {
            int rows = Math.Min(block, height - y);
            int decoded = grey
                ? ReadScanlines(codec, image.Pixels.AsSpan(y * rowBytes, rows * rowBytes), rows, rowBytes)
                : ReadScanlines(codec, staging, rows, rowBytes);
            if (decoded != rows)
                throw new InvalidDataException($"image file '{name}' is corrupt or truncated: {decoded} of {rows} rows decoded at row {y}");
            if (!grey)
                DropAlpha(staging.AsSpan(0, rows * rowBytes), image.Pixels.AsSpan(y * width * 3, rows * width * 3));
        }
        return image;
    }

    private static unsafe int ReadScanlines(SKCodec codec, Span<byte> destination, int rows, int rowBytes)
    {
        fixed (byte* pointer = destination)
            return codec.GetScanlines((IntPtr)pointer, rows, rowBytes);
    }

    // RGBA (alpha 255) to packed RGB.
    private static void DropAlpha(ReadOnlySpan<byte> rgba, Span<byte> rgb)
    {
        for (int i = 0, j = 0; j < rgb.Length; i += 4, j += 3)
        {
            rgb[j] = rgba[i];
            rgb[j + 1] = rgba[i + 1];
            rgb[j + 2] = rgba[i + 2];
        }
    }

    // The last entropy-coded scan must be closed by an EOI marker (FF D9): FF D9 cannot occur inside scan
    // data, and an embedded thumbnail's EOI precedes the main scan. libjpeg would pad a cut file with grey
    // and only warn; PIL refuses it ("image file is truncated").
    private static bool JpegComplete(ReadOnlySpan<byte> data) =>
        data.LastIndexOf([(byte)0xFF, (byte)0xD9]) > data.LastIndexOf([(byte)0xFF, (byte)0xDA]);
}
