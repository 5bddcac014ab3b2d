namespace KerasPort.Imaging;

/// <summary>
/// PIL's <c>Image</c> for modes "L", "RGB" and "RGBA": 8-bit pixels, interleaved, row after row; and
/// PIL's mode "I" (32-bit integer pixels, one band) for 16-bit greyscale PNGs, which keep their 0..65535
/// values. A mode "I" image supports convert, resize, crop, copy, getpixel, getbands and save as PNG;
/// every other operation refuses it with a NotSupportedException (convert("L") first).
/// The pixel arithmetic is PIL 9.4's (conversions, resampling, blending, filtering), so edits give
/// PIL's numbers. Files are decoded by ImageSharp 2.1.13, except JPEG, which goes through SkiaSharp's
/// libjpeg-turbo so that the pixels equal PIL's (also a libjpeg) decode; ImageSharp encodes every file.
/// </summary>
/// <example>
/// Python <c>img = Image.open("cat.jpg"); img.transpose(Image.FLIP_LEFT_RIGHT).resize((224, 224)).save("out.png")</c>
/// ports as:
/// <code>
/// using KerasPort.Imaging;
/// var img = Image.open("cat.jpg");
/// img.transpose(Image.FLIP_LEFT_RIGHT).resize((224, 224)).save("out.png");
/// var brighter = ImageEnhance.Brightness(img).enhance(1.5);
/// </code>
/// </example>
public sealed partial class Image
{
    // Transpose methods, with PIL's values.
    /// <summary><see cref="transpose"/> method: mirror left to right (PIL's <c>Image.FLIP_LEFT_RIGHT</c>, 0).</summary>
    public const int FLIP_LEFT_RIGHT = 0;
    /// <summary><see cref="transpose"/> method: mirror top to bottom (PIL's <c>Image.FLIP_TOP_BOTTOM</c>, 1).</summary>
    public const int FLIP_TOP_BOTTOM = 1;
    /// <summary><see cref="transpose"/> method: rotate 90 degrees counter-clockwise (PIL's <c>Image.ROTATE_90</c>, 2).</summary>
    public const int ROTATE_90 = 2;
    /// <summary><see cref="transpose"/> method: rotate 180 degrees (PIL's <c>Image.ROTATE_180</c>, 3).</summary>
    public const int ROTATE_180 = 3;
    /// <summary><see cref="transpose"/> method: rotate 90 degrees clockwise (PIL's <c>Image.ROTATE_270</c>, 4).</summary>
    public const int ROTATE_270 = 4;
    /// <summary><see cref="transpose"/> method: swap the x and y axes (PIL's <c>Image.TRANSPOSE</c>, 5).</summary>
    public const int TRANSPOSE = 5;
    /// <summary><see cref="transpose"/> method: transpose about the other diagonal (PIL's <c>Image.TRANSVERSE</c>, 6).</summary>
    public const int TRANSVERSE = 6;

    // Resampling filters, with PIL's values.
    /// <summary><see cref="resize"/> filter: nearest neighbour (PIL's <c>Image.NEAREST</c>, 0); Keras's <c>load_img</c> default.</summary>
    public const int NEAREST = 0;
    /// <summary><see cref="resize"/> filter: Lanczos, a windowed sinc over 3 pixels (PIL's <c>Image.LANCZOS</c>, 1).</summary>
    public const int LANCZOS = 1;
    /// <summary><see cref="resize"/> filter: linear interpolation (PIL's <c>Image.BILINEAR</c>, 2).</summary>
    public const int BILINEAR = 2;
    /// <summary><see cref="resize"/> filter: cubic interpolation (PIL's <c>Image.BICUBIC</c>, 3); <see cref="resize"/>'s default, as in Pillow.</summary>
    public const int BICUBIC = 3;
    /// <summary><see cref="resize"/> filter: each source pixel weighs equally (PIL's <c>Image.BOX</c>, 4).</summary>
    public const int BOX = 4;
    /// <summary><see cref="resize"/> filter: a Hamming-windowed filter, sharper than <see cref="BILINEAR"/> (PIL's <c>Image.HAMMING</c>, 5).</summary>
    public const int HAMMING = 5;

    private readonly byte[]? bytes;

    /// <summary>Pixels, <see cref="bands"/> bytes each, row-major without padding (not for mode "I").</summary>
    internal byte[] Pixels => bytes ?? throw NotForModeI("8-bit pixel access");

    /// <summary>Mode "I" pixels, one int each, row-major; null for the 8-bit modes.</summary>
    internal readonly int[]? IntPixels;

    internal Image(string mode, int width, int height, byte[]? pixels = null)
    {
        if (mode == "I")
        {
            if (pixels is not null)
                throw new ArgumentException("a mode \"I\" image holds int pixels, not bytes", nameof(pixels));
            CheckPixels(width, height);
            (this.mode, this.width, this.height, this.bands) = (mode, width, height, 1);
            IntPixels = new int[(long)width * height];
            return;
        }
        int bands = BandsOf(mode);
        CheckPixels(width, height);
        this.mode = mode;
        this.width = width;
        this.height = height;
        this.bands = bands;
        long length = (long)width * height * bands;
        if (pixels is not null && pixels.LongLength != length)
            throw new ArgumentException($"not enough or too much image data: a {mode} image of {width}x{height} takes {length} bytes. Received: {pixels.LongLength} bytes", "data");
        bytes = pixels ?? new byte[length];
    }

    /// <summary>PIL's <c>info["transparency"]</c> of a mode "I" image (a 16-bit PNG's tRNS grey level), or null.</summary>
    internal int? Transparency { get; private set; }

    /// <summary>A mode "I" image of the given int pixels (row-major, taken as they are).</summary>
    internal static Image FromInts(int width, int height, int[] values) => new Image("I", width, height).WithInts(values);

    /// <summary>The refusal of an operation that this port does only on 8-bit images.</summary>
    internal NotSupportedException NotForModeI(string operation) =>
        new($"{operation} is not supported for mode \"I\" (32-bit integer) images in this port; convert(\"L\") first. Image: {this}");

    internal void Require8Bit(string operation)
    {
        if (IntPixels is not null)
            throw NotForModeI(operation);
    }

    /// <summary>"L", "RGB", "RGBA", or "I" (32-bit integers, from a 16-bit greyscale PNG).</summary>
    public string mode { get; }

    /// <summary>(width, height), as PIL.</summary>
    public (int, int) size => (width, height);

    /// <summary>The width in pixels.</summary>
    public int width { get; }

    /// <summary>The height in pixels.</summary>
    public int height { get; }

    /// <summary>Bytes per pixel: 1, 3 or 4.</summary>
    internal int bands { get; }

    /// <summary>The file format the image was read from ("PNG", "JPEG", ...), null for a made image.</summary>
    public string? format { get; private set; }

    /// <summary>The band names, as PIL's <c>getbands()</c>.</summary>
    public string[] getbands() => mode switch
    {
        "L" => ["L"],
        "I" => ["I"],
        "RGB" => ["R", "G", "B"],
        _ => ["R", "G", "B", "A"],
    };

    /// <summary>One row of pixels.</summary>
    internal Span<byte> Row(int y) => Pixels.AsSpan(y * width * bands, width * bands);

    /// <summary>A pixel's channel values, as PIL's <c>getpixel((x, y))</c> (one value for "L").</summary>
    public int[] getpixel((int x, int y) xy)
    {
        var (x, y) = xy;
        if (x < 0 || x >= width || y < 0 || y >= height)
            throw new ArgumentOutOfRangeException(nameof(xy), $"image index out of range: ({x}, {y}) in a {width}x{height} image");
        if (IntPixels is not null)
            return [IntPixels[y * width + x]];
        var pixel = new int[bands];
        for (int c = 0; c < bands; c++)
            pixel[c] = Pixels[(y * width + x) * bands + c];
        return pixel;
    }

    /// <summary>An image from raw interleaved 8-bit pixels, row after row, as PIL's <c>Image.frombytes(mode, size, data)</c>.</summary>
    public static Image frombytes(string mode, (int, int) size, byte[] data)
    {
        CheckMode(mode, nameof(mode));
        ArgumentNullException.ThrowIfNull(data);
        return new Image(mode, size.Item1, size.Item2, (byte[])data.Clone());
    }

    /// <summary>The raw interleaved pixels, row after row, as PIL's <c>tobytes()</c>.</summary>
    public byte[] tobytes()
    {
        Require8Bit("tobytes");
        return (byte[])Pixels.Clone();
    }

    /// <summary>A copy of this image.</summary>
    public Image copy() => IntPixels is not null
        ? new Image("I", width, height) { format = format, Transparency = Transparency }.WithInts(IntPixels)
        : new Image(mode, width, height, (byte[])Pixels.Clone()) { format = format };

    private Image WithInts(int[] values)
    {
        if (values.Length != IntPixels!.Length)
            throw new ArgumentException($"a mode \"I\" image of {width}x{height} takes {IntPixels.Length} values. Received: {values.Length}", nameof(values));
        values.CopyTo(IntPixels, 0);
        return this;
    }

    /// <summary>
    /// A new image filled with <paramref name="color"/>: a PIL colour name, "#rrggbb", "#rrggbbaa",
    /// "rgb(r, g, b)", ... (see <see cref="ImageColor.getrgb"/>), as PIL's <c>Image.new</c>.
    /// </summary>
    public static Image @new(string mode, (int, int) size, string color)
    {
        CheckMode(mode, nameof(mode));
        int[] channels = ImageColor.getcolor(color, mode);
        return Filled(mode, size, channels);
    }

    /// <summary>
    /// A new image filled with the integer <paramref name="color"/>: the grey level for "L"; for
    /// "RGB"/"RGBA" the bytes of the int, red lowest (PIL's packed colour), so 0 is black (and
    /// transparent for RGBA).
    /// </summary>
    public static Image @new(string mode, (int, int) size, int color = 0)
    {
        CheckMode(mode, nameof(mode));
        int[] channels = mode == "L"
            ? [Math.Clamp(color, 0, 255)]
            : [color & 255, (color >> 8) & 255, (color >> 16) & 255, (color >>> 24) & 255];
        return Filled(mode, size, channels);
    }

    private static Image Filled(string mode, (int, int) size, int[] channels)
    {
        var (w, h) = size;
        var image = new Image(mode, w, h);
        int bands = image.bands;
        Span<byte> pixel = stackalloc byte[bands];
        for (int c = 0; c < bands; c++)
            pixel[c] = (byte)channels[c];
        if (bands == 1)
        {
            image.Pixels.AsSpan().Fill(pixel[0]);
            return image;
        }
        Span<byte> first = image.Pixels.AsSpan(0, Math.Min(image.Pixels.Length, w * bands));
        for (int x = 0; x < first.Length; x += bands)
            pixel.CopyTo(first[x..]);
        for (int y = 1; y < h; y++)
            first.CopyTo(image.Row(y));
        return image;
    }

    internal static int BandsOf(string mode) => mode switch
    {
        "L" => 1,
        "RGB" => 3,
        "RGBA" => 4,
        _ => throw new ArgumentException(
            $"Invalid value received for argument mode. Expected one of \"L\", \"RGB\", \"RGBA\". Received: mode={mode}", nameof(mode)),
    };

    // Refuses sizes whose pixels cannot be held in one array (PIL would fail to allocate them).
    internal static void CheckPixels(int width, int height)
    {
        if (width < 0 || height < 0 || (long)width * height * 4 > Array.MaxLength)
            throw new ArgumentException($"Invalid value received for argument size. Expected non-negative (width, height) with at most {Array.MaxLength / 4} pixels. Received: size=({width}, {height})", "size");
    }

    internal static void CheckMode(string mode, string argument)
    {
        if (mode is not ("L" or "RGB" or "RGBA"))
            throw new ArgumentException(
                $"Invalid value received for argument {argument}. Expected one of \"L\", \"RGB\", \"RGBA\". Received: {argument}={mode}", argument);
    }

    /// <inheritdoc/>
    public override string ToString() => $"<KerasPort.Imaging.Image mode={mode} size={width}x{height}>";
}
