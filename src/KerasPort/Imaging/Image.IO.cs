using System.Buffers.Binary;
using System.Runtime.InteropServices;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Tiff;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;
using SixImage = SixLabors.ImageSharp.Image;

namespace KerasPort.Imaging;

// Reading and writing files: ImageSharp decodes (JPEG aside: see Image.Jpeg.cs) and encodes; the checks
// before decoding are PIL's.
public sealed partial class Image
{
    /// <summary>
    /// PIL's <c>Image.MAX_IMAGE_PIXELS</c>: <see cref="open(string)"/> refuses an image of more than twice
    /// this many pixels (PIL's decompression-bomb error) before decoding it. null turns the check off.
    /// </summary>
    public static long? MAX_IMAGE_PIXELS { get; set; } = 1024L * 1024 * 1024 / 4 / 3;

    /// <summary>
    /// Opens and decodes an image file (PNG, JPEG, BMP, GIF, TIFF, WebP, ...), as PIL's <c>Image.open</c>
    /// followed by <c>load()</c>. Grey files give "L", files with an alpha channel or a transparent
    /// colour give "RGBA", others "RGB" (PIL's "P" and "LA" files land on RGB/RGBA, and CMYK JPEGs on
    /// RGB, which is what their conversions give). JPEG pixels are libjpeg-turbo's, bit-exact with PIL's.
    /// </summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">Not an image, corrupt or truncated (the message names the file).</exception>
    /// <exception cref="DecompressionBombException">The header claims more pixels than allowed.</exception>
    public static Image open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"No such file or directory: '{path}'", path);
        byte[] data;
        try
        {
            data = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"cannot read image file '{path}': {e.Message}", e);
        }
        return Decode(data, path);
    }

    /// <summary>Decodes an image from a stream (read to its end), as <see cref="open(string)"/>.</summary>
    public static Image open(Stream fp)
    {
        ArgumentNullException.ThrowIfNull(fp);
        using var buffer = new MemoryStream();
        fp.CopyTo(buffer);
        return Decode(buffer.ToArray(), "<stream>");
    }

    private static Image Decode(byte[] data, string name)
    {
        if (IsJpeg(data))
            return DecodeJpeg(data, name);
        IImageInfo? info;
        IImageFormat? imageFormat;
        try
        {
            info = SixImage.Identify(data, out imageFormat);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // ImageSharp's decoders fail on bad input with many exception types.
            throw new InvalidDataException($"cannot identify image file '{name}': {e.Message}", e);
        }
        // ImageSharp also takes FF D8 without a third FF as JPEG; PIL does not recognise such a file.
        if (info is null || imageFormat is null or JpegFormat)
            throw new InvalidDataException($"cannot identify image file '{name}'");
        CheckDecompressionBomb(info.Width, info.Height, name);
        CheckComplete(data, imageFormat, name);

        Image<Rgba32> decoded;
        try
        {
            decoded = SixImage.Load<Rgba32>(data);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException($"image file '{name}' is corrupt or truncated: {e.Message}", e);
        }
        using (decoded)
        {
            var rgba = new byte[(long)decoded.Width * decoded.Height * 4];
            decoded.CopyPixelDataTo(MemoryMarshal.Cast<byte, Rgba32>(rgba.AsSpan()));
            string mode = ModeOf(decoded.Metadata, imageFormat, info.PixelType.BitsPerPixel, rgba);
            var rgbaImage = new Image("RGBA", decoded.Width, decoded.Height, rgba);
            var image = mode == "RGBA" ? rgbaImage : rgbaImage.convert(mode);
            image.format = imageFormat.Name.ToUpperInvariant();
            return image;
        }
    }

    // The mode PIL would report (after Keras-style P/LA conversions), from the file's metadata where it says.
    private static string ModeOf(SixLabors.ImageSharp.Metadata.ImageMetadata metadata, IImageFormat imageFormat, int bitsPerPixel, byte[] rgba)
    {
        if (imageFormat is PngFormat)
        {
            PngMetadata png = metadata.GetPngMetadata();
            switch (png.ColorType)
            {
                // A transparent colour (tRNS) is alpha 0 once PIL converts to RGBA; keep it as alpha.
                case PngColorType.Grayscale: return png.HasTransparency ? "RGBA" : "L";
                case PngColorType.Rgb: return png.HasTransparency ? "RGBA" : "RGB";
                case PngColorType.GrayscaleWithAlpha:
                case PngColorType.RgbWithAlpha: return "RGBA";
            }
        }
        bool opaque = true, grey = true;
        for (int i = 0; i < rgba.Length; i += 4)
        {
            opaque &= rgba[i + 3] == 255;
            grey &= rgba[i] == rgba[i + 1] && rgba[i] == rgba[i + 2];
        }
        if (!opaque || (imageFormat is PngFormat && metadata.GetPngMetadata().HasTransparency))
            return "RGBA";
        return grey && bitsPerPixel <= 8 ? "L" : "RGB";
    }

    /// <summary>PIL's decompression-bomb check, done on the header before any pixel is allocated.</summary>
    private static void CheckDecompressionBomb(int width, int height, string name)
    {
        long pixels = (long)width * height;
        if (MAX_IMAGE_PIXELS is long limit && pixels > 2 * limit)
            throw new DecompressionBombException(
                $"Image size ({pixels} pixels, {width}x{height}) of '{name}' exceeds limit of {2 * limit} pixels, could be decompression bomb DOS attack.");
        if (pixels * 4 > Array.MaxLength)
            throw new InvalidDataException($"Image size ({width}x{height}) of '{name}' is too large to hold in memory.");
    }

    /// <summary>
    /// Refuses files that end before their image data does, as PIL's "image file is truncated"
    /// (ImageSharp fills missing pixels silently for some formats).
    /// </summary>
    private static void CheckComplete(byte[] data, IImageFormat imageFormat, string name)
    {
        bool complete = imageFormat switch
        {
            PngFormat => PngComplete(data),
            GifFormat => data.Length > 0 && data[^1] == 0x3B,
            BmpFormat => BmpComplete(data),
            // RIFF's size field counts the bytes after it.
            WebpFormat => data.Length >= 12 && BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(4)) + 8L <= data.Length,
            _ => true,
        };
        if (!complete)
            throw new InvalidDataException($"image file '{name}' is truncated");
    }

    // Every chunk must fit in the file, an IDAT chunk must have been seen, and the IDAT data must
    // inflate to every scanline the header promises (PIL's "image file is truncated"), checked
    // before any pixel is allocated.
    private static bool PngComplete(byte[] data)
    {
        long offset = 8;
        var idat = new List<(int start, int length)>();
        long idatBytes = 0;
        byte[]? header = null;
        bool ended = false;
        while (offset + 8 <= data.Length)
        {
            uint length = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan((int)offset, 4));
            string type = System.Text.Encoding.ASCII.GetString(data, (int)offset + 4, 4);
            long end = offset + 12 + length;
            if (end > data.Length)
                return false;
            if (type == "IHDR" && length >= 13)
                header = data.AsSpan((int)offset + 8, 13).ToArray();
            if (type == "IDAT")
            {
                idat.Add(((int)offset + 8, (int)length));
                idatBytes += length;
            }
            offset = end;
            if (type == "IEND")
            {
                ended = true;
                break;
            }
        }
        if (idat.Count == 0 || (!ended && offset != data.Length))
            return false;
        long expected = header is null ? 0 : PngRawSize(header);
        // Deflate cannot expand data more than 1032 times: far too little data is truncated for sure.
        if (expected > 1032 * idatBytes + 1024)
            return false;
        return InflatesTo(data, idat, expected);
    }

    /// <summary>The bytes of filtered scanlines that a PNG's IHDR promises (all seven passes when interlaced).</summary>
    private static long PngRawSize(byte[] ihdr)
    {
        long width = BinaryPrimitives.ReadUInt32BigEndian(ihdr);
        long height = BinaryPrimitives.ReadUInt32BigEndian(ihdr.AsSpan(4));
        int depth = ihdr[8];
        int channels = ihdr[9] switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, 6 => 4, _ => 0 };
        long bits = (long)depth * channels;
        long Rows(long w, long h) => w == 0 || h == 0 ? 0 : h * (1 + (w * bits + 7) / 8);
        if (ihdr[12] == 0)
            return Rows(width, height);
        (int x0, int y0, int dx, int dy)[] passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];
        return passes.Sum(p => Rows((width - p.x0 + p.dx - 1) / p.dx, (height - p.y0 + p.dy - 1) / p.dy));
    }

    /// <summary>Whether the IDAT data inflates to at least <paramref name="expected"/> bytes (read in small blocks, nothing kept).</summary>
    private static bool InflatesTo(byte[] data, List<(int start, int length)> idat, long expected)
    {
        using var compressed = new MemoryStream(idat.Sum(c => c.length));
        foreach (var (start, length) in idat)
            compressed.Write(data, start, length);
        compressed.Position = 0;
        try
        {
            using var inflater = new System.IO.Compression.ZLibStream(compressed, System.IO.Compression.CompressionMode.Decompress);
            var block = new byte[65536];
            long total = 0;
            int n;
            while (total < expected && (n = inflater.Read(block, 0, block.Length)) > 0)
                total += n;
            return total >= expected;
        }
        catch (InvalidDataException)
        {
            // A corrupt stream is the decoder's to report; only missing data is checked here.
            return true;
        }
    }

    // Uncompressed pixel rows must all be present after the pixel-data offset.
    private static bool BmpComplete(byte[] data)
    {
        if (data.Length < 30)
            return false;
        long offset = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(10));
        int headerSize = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(14));
        long width, height;
        int bitsPerPixel;
        uint compression = 0;
        if (headerSize == 12)
        {
            width = BinaryPrimitives.ReadInt16LittleEndian(data.AsSpan(18));
            height = BinaryPrimitives.ReadInt16LittleEndian(data.AsSpan(20));
            bitsPerPixel = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(24));
        }
        else
        {
            if (data.Length < 34)
                return false;
            width = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(18));
            height = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(22));
            bitsPerPixel = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(28));
            compression = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(30));
        }
        if (compression is not (0 or 3 or 6))  // RLE and embedded JPEG/PNG are left to the decoder
            return true;
        long stride = (bitsPerPixel * Math.Abs(width) + 31) / 32 * 4;
        return offset + stride * Math.Abs(height) <= data.Length;
    }

    /// <summary>
    /// Saves the image, as PIL's <c>save</c>: the format comes from <paramref name="format"/> ("PNG", "JPEG",
    /// "BMP", "GIF", "TIFF", "WEBP", any case) or else from the file extension. The file is written to a
    /// temporary file beside it and renamed, so a failed save leaves no half-written file.
    /// </summary>
    public void save(string path, string? format = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        IImageEncoder encoder = EncoderFor(ResolveFormat(path, format));
        string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
                Encode(stream, encoder);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }

    /// <summary>Writes the image to a stream in <paramref name="format"/> (required, as PIL for file objects).</summary>
    public void save(Stream fp, string format)
    {
        ArgumentNullException.ThrowIfNull(fp);
        Encode(fp, EncoderFor(ResolveFormat(null, format)));
    }

    private static string ResolveFormat(string? path, string? format)
    {
        string key;
        if (format is not null)
        {
            key = format.ToUpperInvariant();
        }
        else
        {
            string extension = Path.GetExtension(path ?? "").ToLowerInvariant();
            key = extension switch
            {
                ".png" => "PNG",
                ".jpg" or ".jpeg" or ".jpe" or ".jfif" => "JPEG",
                ".bmp" or ".dib" => "BMP",
                ".gif" => "GIF",
                ".tif" or ".tiff" => "TIFF",
                ".webp" => "WEBP",
                _ => throw new ArgumentException(
                    $"unknown file extension: '{extension}'. Expected .png, .jpg, .jpeg, .bmp, .gif, .tif, .tiff or .webp, or pass format.", nameof(path)),
            };
        }
        if (key == "JPG")
            key = "JPEG";
        if (key is not ("PNG" or "JPEG" or "BMP" or "GIF" or "TIFF" or "WEBP"))
            throw new ArgumentException(
                $"Invalid value received for argument format. Expected one of \"PNG\", \"JPEG\", \"BMP\", \"GIF\", \"TIFF\", \"WEBP\". Received: format={format}", nameof(format));
        return key;
    }

    private IImageEncoder EncoderFor(string key)
    {
        if (key == "JPEG" && mode == "RGBA")
            throw new ArgumentException("cannot write mode RGBA as JPEG; convert(\"RGB\") first.", "format");
        return key switch
        {
            "PNG" => new PngEncoder(),
            "JPEG" => new JpegEncoder { Quality = 75 },  // PIL's default quality
            "BMP" => new BmpEncoder { BitsPerPixel = mode == "RGBA" ? BmpBitsPerPixel.Pixel32 : BmpBitsPerPixel.Pixel24, SupportTransparency = mode == "RGBA" },
            "GIF" => new GifEncoder(),
            "TIFF" => new TiffEncoder(),
            _ => new WebpEncoder { FileFormat = WebpFileFormatType.Lossless },
        };
    }

    private void Encode(Stream stream, IImageEncoder encoder)
    {
        switch (mode)
        {
            case "L":
                using (var image = SixImage.LoadPixelData<L8>(Pixels, width, height)) image.Save(stream, encoder);
                break;
            case "RGB":
                using (var image = SixImage.LoadPixelData<Rgb24>(Pixels, width, height)) image.Save(stream, encoder);
                break;
            default:
                using (var image = SixImage.LoadPixelData<Rgba32>(Pixels, width, height)) image.Save(stream, encoder);
                break;
        }
    }
}
