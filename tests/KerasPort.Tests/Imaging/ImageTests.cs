using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json;
using KerasPort.Imaging;

namespace KerasPort.Tests.Imaging;

public class ImageTests : TempDirectoryTest
{
    // ---- PIL 9.4 conformance (tests/fixtures/pil): exact for transpose, crop, paste and convert; resize within one grey level.

    [TestCaseSource(typeof(PilCases), nameof(PilCases.Named), new object[] { new[] { "transpose" } })]
    public void Transpose_matches_PIL(string name) =>
        Assert.That(PilCases.MaxDifference(name, (args, img) => img.transpose(PilCases.Transpose(args.GetProperty("method").GetString()!))), Is.EqualTo(0));

    [TestCaseSource(typeof(PilCases), nameof(PilCases.Named), new object[] { new[] { "resize" } })]
    public void Resize_matches_PIL_within_one_grey_level(string name) =>
        Assert.That(PilCases.MaxDifference(name, (args, img) =>
        {
            var size = args.GetProperty("size");
            var resample = args.GetProperty("resample");
            var target = (size[0].GetInt32(), size[1].GetInt32());
            if (args.TryGetProperty("box", out var box))
                return img.resize(target, PilCases.Resample(resample.GetString()),
                                  (box[0].GetDouble(), box[1].GetDouble(), box[2].GetDouble(), box[3].GetDouble()));
            return resample.ValueKind == JsonValueKind.Null
                ? img.resize(target)
                : img.resize(target, PilCases.Resample(resample.GetString()));
        }), Is.LessThanOrEqualTo(1));

    [TestCaseSource(typeof(PilCases), nameof(PilCases.Named), new object[] { new[] { "crop" } })]
    public void Crop_matches_PIL(string name) =>
        Assert.That(PilCases.MaxDifference(name, (args, img) =>
        {
            var box = args.GetProperty("box");
            return img.crop((box[0].GetInt32(), box[1].GetInt32(), box[2].GetInt32(), box[3].GetInt32()));
        }), Is.EqualTo(0));

    [TestCaseSource(typeof(PilCases), nameof(PilCases.Named), new object[] { new[] { "pad_paste" } })]
    public void New_and_paste_match_PIL(string name) =>
        Assert.That(PilCases.MaxDifference(name, (args, img) =>
        {
            int pad = args.GetProperty("pad").GetInt32();
            var canvas = Image.@new(img.mode, (img.width + pad, img.height + pad), args.GetProperty("color").GetString()!);
            canvas.paste(img, (pad / 2, pad / 2));
            return canvas;
        }), Is.EqualTo(0));

    [TestCaseSource(typeof(PilCases), nameof(PilCases.Named), new object[] { new[] { "convert" } })]
    public void Convert_matches_PIL(string name) =>
        Assert.That(PilCases.MaxDifference(name, (args, img) => img.convert(args.GetProperty("mode").GetString()!)), Is.EqualTo(0));

    // ---- Geometry and modes

    [Test]
    public void Rotations_compose_as_PIL_defines_them()
    {
        var img = PilCases.Input("pil/0000_transpose");
        Assert.That(img.transpose(Image.ROTATE_90).transpose(Image.ROTATE_270).Pixels, Is.EqualTo(img.Pixels));
        Assert.That(img.transpose(Image.ROTATE_90).transpose(Image.ROTATE_90).Pixels, Is.EqualTo(img.transpose(Image.ROTATE_180).Pixels));
        Assert.That(img.transpose(Image.TRANSPOSE).size, Is.EqualTo((img.height, img.width)));
        // ROTATE_90 is counter-clockwise: the top-right pixel becomes the top-left one.
        Assert.That(img.transpose(Image.ROTATE_90).getpixel((0, 0)), Is.EqualTo(img.getpixel((img.width - 1, 0))));
    }

    [Test]
    public void Crop_outside_the_image_is_zero_and_transparent()
    {
        var img = Image.@new("RGBA", (4, 3), "#10203040");
        var cropped = img.crop((-2, -1, 3, 2));
        Assert.That(cropped.size, Is.EqualTo((5, 3)));
        Assert.That(cropped.getpixel((0, 0)), Is.EqualTo(new[] { 0, 0, 0, 0 }));
        Assert.That(cropped.getpixel((2, 1)), Is.EqualTo(new[] { 0x10, 0x20, 0x30, 0x40 }));
    }

    [Test]
    public void Paste_clips_at_the_border_and_converts_the_mode()
    {
        var canvas = Image.@new("RGB", (4, 4), "white");
        canvas.paste(Image.@new("L", (3, 3), 7), (2, -1));
        Assert.That(canvas.getpixel((3, 1)), Is.EqualTo(new[] { 7, 7, 7 }));
        Assert.That(canvas.getpixel((1, 1)), Is.EqualTo(new[] { 255, 255, 255 }));
        Assert.That(canvas.getpixel((3, 2)), Is.EqualTo(new[] { 255, 255, 255 }));
    }

    [Test]
    public void Paste_with_a_mask_blends_as_PIL()
    {
        var canvas = Image.@new("L", (1, 1), 200);
        canvas.paste(Image.@new("L", (1, 1), 100), (0, 0), Image.@new("L", (1, 1), 128));
        // (200 * 127 + 100 * 128) / 255, rounded with PIL's DIV255.
        Assert.That(canvas.getpixel((0, 0))[0], Is.EqualTo((int)Math.Round((200 * 127 + 100 * 128) / 255.0)));
    }

    [TestCase("RGB", "#ff8800", new[] { 255, 136, 0 })]
    [TestCase("RGBA", "#ff880080", new[] { 255, 136, 0, 128 })]
    [TestCase("RGBA", "red", new[] { 255, 0, 0, 255 })]
    [TestCase("RGB", "rgb(1, 2, 3)", new[] { 1, 2, 3 })]
    [TestCase("RGB", "#abc", new[] { 0xaa, 0xbb, 0xcc })]
    [TestCase("L", "white", new[] { 255 })]
    public void New_parses_PIL_colours(string mode, string color, int[] expected) =>
        Assert.That(Image.@new(mode, (2, 1), color).getpixel((1, 0)), Is.EqualTo(expected));

    [Test]
    public void Convert_to_rgba_adds_opaque_alpha_and_back_drops_it()
    {
        var rgb = PilCases.Input("pil/0035_convert");
        var rgba = rgb.convert("RGBA");
        Assert.That(rgba.getchannel("A").Pixels, Is.All.EqualTo(255));
        Assert.That(rgba.convert("RGB").Pixels, Is.EqualTo(rgb.Pixels));
        Assert.That(rgb.convert("L").convert("RGB").getchannel("G").Pixels, Is.EqualTo(rgb.convert("L").Pixels));
    }

    // ---- Files

    [TestCase("RGB", "png")]
    [TestCase("L", "png")]
    [TestCase("RGBA", "png")]
    [TestCase("RGB", "bmp")]
    [TestCase("RGBA", "bmp")]
    [TestCase("RGB", "tiff")]
    public void Save_then_open_gives_the_same_pixels(string mode, string extension)
    {
        var img = PilCases.Input("pil/0007_resize").convert(mode);
        string path = Path.Combine(dir, "a." + extension);
        img.save(path);
        var back = Image.open(path);
        Assert.That(back.size, Is.EqualTo(img.size));
        Assert.That(back.convert(mode).Pixels, Is.EqualTo(img.Pixels));
        Assert.That(Directory.GetFiles(dir), Is.EqualTo(new[] { path }), "no temporary file left behind");
    }

    [Test]
    public void Save_as_jpeg_takes_the_format_argument_and_reopens_close()
    {
        var img = Image.@new("RGB", (16, 8), "#406080");
        string path = Path.Combine(dir, "picture.data");
        img.save(path, "JPEG");
        var back = Image.open(path);
        Assert.That((back.format, back.mode, back.size), Is.EqualTo(("JPEG", "RGB", (16, 8))));
        Assert.That(back.Pixels.Zip(img.Pixels, (a, b) => Math.Abs(a - b)).Max(), Is.LessThanOrEqualTo(3));
    }

    // JPEG files decode as libjpeg-turbo does (Skia's decoder, as PIL's): exact with and without chroma
    // subsampling, on a deliberately noisy image where ImageSharp's decoder was up to 68 grey levels off.
    [TestCase("rgb_q75")]
    [TestCase("rgb_q95")]
    [TestCase("grey_q75")]
    [TestCase("grey_q95")]
    public void Open_decodes_jpeg_as_libjpeg(string name)
    {
        string folder = KerasFixtures.path("image-extra", "jpeg");
        var img = Image.open(Path.Combine(folder, name + ".jpg"));
        using var expected = KerasPort.Utils.Npy.load(Path.Combine(folder, name + ".npy"));
        Assert.That(img.mode, Is.EqualTo(name.StartsWith("grey") ? "L" : "RGB"));
        Assert.That(img.Pixels, Is.EqualTo(expected.data<byte>().ToArray()));
    }

    [Test]
    public void Frombytes_and_tobytes_round_trip_and_check_the_length()
    {
        var img = PilCases.Input("pil/0007_resize");
        Assert.That(Image.frombytes(img.mode, img.size, img.tobytes()).Pixels, Is.EqualTo(img.Pixels));
        Assert.That(() => Image.frombytes("RGB", (2, 2), new byte[11]), Throws.ArgumentException.With.Message.Contains("12"));
    }

    // The image files of the flow_from_directory reference trees open in the mode and size PIL recorded.
    [Test]
    public void Open_reads_the_directory_trees_in_PILs_modes()
    {
        int opened = 0;
        foreach (string caseFile in Directory.GetFiles(KerasFixtures.path("image"), "case.json", SearchOption.AllDirectories))
        {
            JsonElement json = JsonDocument.Parse(File.ReadAllText(caseFile)).RootElement;
            if (!json.TryGetProperty("tree_files", out var files))
                continue;
            foreach (var file in files.EnumerateArray().Where(f => f.GetProperty("kind").GetString() != "text"))
            {
                var img = Image.open(Path.Combine(Path.GetDirectoryName(caseFile)!, "tree", file.GetProperty("path").GetString()!));
                Assert.That((img.mode, img.width, img.height), Is.EqualTo((file.GetProperty("mode").GetString(), file.GetProperty("width").GetInt32(), file.GetProperty("height").GetInt32())),
                    file.GetProperty("path").GetString());
                opened++;
            }
        }
        Assert.That(opened, Is.GreaterThan(0));
    }

    [Test]
    public void Save_refuses_unknown_formats_and_rgba_jpeg_without_writing()
    {
        var img = Image.@new("RGBA", (2, 2), 0);
        Assert.That(() => img.save(Path.Combine(dir, "a.xyz")), Throws.ArgumentException.With.Message.Contains(".xyz"));
        Assert.That(() => img.save(Path.Combine(dir, "a.png"), "PCX"), Throws.ArgumentException.With.Message.Contains("format"));
        Assert.That(() => img.save(Path.Combine(dir, "a.jpg")), Throws.ArgumentException.With.Message.Contains("RGBA"));
        Assert.That(Directory.GetFiles(dir), Is.Empty);
    }

    [Test]
    public void Open_names_a_missing_file()
    {
        string path = Path.Combine(dir, "missing.png");
        Assert.That(() => Image.open(path), Throws.TypeOf<FileNotFoundException>().With.Message.Contains(path));
    }

    [Test]
    public void Open_refuses_a_truncated_png()
    {
        byte[] bytes = File.ReadAllBytes(KerasFixtures.path("pil", "0043_resize", "input.png"));
        string path = Path.Combine(dir, "truncated.png");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        Assert.That(() => Image.open(path), Throws.TypeOf<InvalidDataException>().With.Message.Contains(path).And.Message.Contains("truncated"));
    }

    [TestCase("jpg")]
    [TestCase("bmp")]
    [TestCase("gif")]
    [TestCase("tiff")]
    [TestCase("webp")]
    public void Open_refuses_other_truncated_files(string extension)
    {
        string path = Path.Combine(dir, "full." + extension);
        PilCases.Input("pil/0043_resize").save(path);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length * 3 / 5)]);
        Assert.That(() => Image.open(path), Throws.TypeOf<InvalidDataException>().With.Message.Contains(path));
    }

    [TestCase(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4, 5, 6, 7, 8, 9 })]
    [TestCase(new byte[] { (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o' })]
    [TestCase(new byte[0])]
    public void Open_refuses_a_corrupt_file(byte[] bytes)
    {
        string path = Path.Combine(dir, "corrupt.png");
        File.WriteAllBytes(path, bytes);
        Assert.That(() => Image.open(path), Throws.TypeOf<InvalidDataException>().With.Message.Contains(path));
    }

    [Test]
    public void Open_refuses_a_huge_header_before_decoding()
    {
        string path = Path.Combine(dir, "bomb.png");
        File.WriteAllBytes(path, Png(100000, 100000, new byte[] { 0, 1, 2, 3 }));
        Assert.That(() => Image.open(path), Throws.TypeOf<DecompressionBombException>()
            .With.Message.Contains(path).And.Message.Contains("100000x100000"));
    }

    [Test]
    public void Open_reads_a_hand_made_png_within_the_limit()
    {
        string path = Path.Combine(dir, "tiny.png");
        File.WriteAllBytes(path, Png(2, 1, new byte[] { 0, 10, 20, 30, 40, 50, 60 }));
        var img = Image.open(path);
        Assert.That((img.mode, img.size, img.format), Is.EqualTo(("RGB", (2, 1), "PNG")));
        Assert.That(img.Pixels, Is.EqualTo(new byte[] { 10, 20, 30, 40, 50, 60 }));
    }

    // ---- Wrong arguments

    [Test]
    public void Unknown_modes_colours_and_methods_are_refused()
    {
        Assert.That(() => Image.@new("CMYK", (2, 2), "red"), Throws.ArgumentException.With.Message.Contains("mode=CMYK"));
        Assert.That(() => Image.@new("RGB", (2, 2), "notacolour"), Throws.ArgumentException.With.Message.Contains("notacolour"));
        var img = Image.@new("RGB", (2, 2), "red");
        Assert.That(() => img.convert("P"), Throws.ArgumentException.With.Message.Contains("mode=P"));
        Assert.That(() => img.transpose(7), Throws.ArgumentException.With.Message.Contains("method=7"));
        Assert.That(() => img.resize((2, 3), 9), Throws.ArgumentException.With.Message.Contains("resample=9"));
        Assert.That(() => img.resize((0, 3)), Throws.ArgumentException.With.Message.Contains("size"));
        Assert.That(() => img.resize((1, 1), Image.BILINEAR, (0, 0, 3, 2)), Throws.ArgumentException.With.Message.Contains("box"));
        Assert.That(() => img.crop((2, 0, 1, 1)), Throws.ArgumentException.With.Message.Contains("right"));
    }

    // A PNG of 8-bit RGB with the given raw (filtered) scanline bytes and an arbitrary header size.
    private static byte[] Png(int width, int height, byte[] scanlines)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;  // bit depth
        header[9] = 2;  // colour type RGB
        Chunk(png, "IHDR", header);
        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            z.Write(scanlines);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);
        byte[] typed = [.. System.Text.Encoding.ASCII.GetBytes(type), .. data];
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(typed));
        png.Write(word);
    }

    private static uint Crc32(byte[] data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
        }
        return ~crc;
    }
}
