using KerasPort.Imaging;
using KerasPort.Tests.TestSupport;

namespace KerasPort.Tests.Imaging;

// PIL's mode "I" (32-bit integer pixels), which 16-bit greyscale PNGs open as: decoding, conversion,
// crop/resize, PNG saving, and a clear refusal from every operation done only on 8-bit images.
public class ImageModeITests : TempDirectoryTest
{
    internal static string Folder => Path.Combine(AppContext.BaseDirectory, "fixtures", "png16");

    private static Image Ints(int width, int height, params int[] values) => Image.FromInts(width, height, values);

    private static int[] Values(Image img) =>
        Enumerable.Range(0, img.height).SelectMany(y => Enumerable.Range(0, img.width).Select(x => img.getpixel((x, y))[0])).ToArray();

    [Test]
    public void Open_keeps_16_bit_grey_values_as_mode_I()
    {
        // tools/record_png16_cases.py wrote this file with PIL from these values.
        var img = Image.open(Path.Combine(Folder, "grey16_small.png"));
        Assert.That(img.mode, Is.EqualTo("I"));
        Assert.That(img.getbands(), Is.EqualTo(new[] { "I" }));
        Assert.That(img.format, Is.EqualTo("PNG"));
        Assert.That(img.size, Is.EqualTo((4, 3)));
        Assert.That(Values(img), Is.EqualTo(new[] { 0, 255, 256, 1000, 30000, 55007, 65535, 12345, 40000, 7, 300, 65000 }));
    }

    [Test]
    public void Eight_bit_grey_png_still_opens_as_L()
    {
        string path = Path.Combine(dir, "grey8.png");
        Image.frombytes("L", (2, 1), [3, 250]).save(path);
        var img = Image.open(path);
        Assert.That(img.mode, Is.EqualTo("L"));
        Assert.That(img.tobytes(), Is.EqualTo(new byte[] { 3, 250 }));
    }

    [Test]
    public void Convert_clips_to_0_255_as_PIL()
    {
        var img = Ints(6, 1, -5, 0, 128, 255, 256, 70000);
        Assert.That(img.convert("L").tobytes(), Is.EqualTo(new byte[] { 0, 0, 128, 255, 255, 255 }));
        Assert.That(img.convert("RGB").tobytes(), Is.EqualTo(new byte[] { 0, 0, 0, 0, 0, 0, 128, 128, 128, 255, 255, 255, 255, 255, 255, 255, 255, 255 }));
        Assert.That(img.convert("RGBA").getpixel((2, 0)), Is.EqualTo(new[] { 128, 128, 128, 255 }));
        Assert.That(img.convert("RGBA").getpixel((0, 0)), Is.EqualTo(new[] { 0, 0, 0, 255 }));
        var same = img.convert("I");
        Assert.That(same.mode, Is.EqualTo("I"));
        Assert.That(Values(same), Is.EqualTo(new[] { -5, 0, 128, 255, 256, 70000 }));
        Assert.That(same.IntPixels, Is.Not.SameAs(img.IntPixels));
    }

    [Test]
    public void Copy_and_crop_keep_int_values()
    {
        var img = Ints(3, 2, 1, 2, 3, 40000, 50000, 60000);
        Assert.That(Values(img.copy()), Is.EqualTo(Values(img)));
        var cropped = img.crop((1, 1, 4, 2));
        Assert.That(cropped.mode, Is.EqualTo("I"));
        Assert.That(Values(cropped), Is.EqualTo(new[] { 50000, 60000, 0 }));  // outside the image is zero
    }

    [Test]
    public void Resize_nearest_and_bilinear_in_the_32_bit_path()
    {
        var img = Ints(2, 1, 0, 65535);
        Assert.That(Values(img.resize((4, 1), Image.NEAREST)), Is.EqualTo(new[] { 0, 0, 65535, 65535 }));
        // Bilinear taps at 1/4 and 3/4: no clipping to 8 bits, rounded half away from zero.
        Assert.That(Values(img.resize((4, 1), Image.BILINEAR)), Is.EqualTo(new[] { 0, 16384, 49151, 65535 }));
    }

    [Test]
    public void Save_png_writes_16_bit_grey_clipped_to_0_65535()
    {
        string path = Path.Combine(dir, "i.png");
        Ints(4, 1, -5, 7, 54321, 70000).save(path);
        var back = Image.open(path);
        Assert.That(back.mode, Is.EqualTo("I"));
        Assert.That(Values(back), Is.EqualTo(new[] { 0, 7, 54321, 65535 }));
    }

    [Test]
    public void Eight_bit_only_operations_refuse_mode_I_by_name()
    {
        var img = Ints(2, 2, 1, 2, 3, 4);
        var rgb = Image.@new("RGB", (2, 2), 0);
        void Refuses(TestDelegate action, string operation) =>
            Assert.That(Assert.Throws<NotSupportedException>(action)!.Message,
                Does.Contain(operation).And.Contain("mode \"I\""));
        Refuses(() => img.transpose(Image.ROTATE_90), "transpose");
        Refuses(() => img.tobytes(), "tobytes");
        Refuses(() => img.getchannel("I"), "getchannel");
        Refuses(() => rgb.paste(img, (0, 0)), "paste");
        Refuses(() => img.paste(rgb, (0, 0)), "paste");
        Refuses(() => Image.blend(img, img, 0.5), "blend");
        Refuses(() => ImageEnhance.Brightness(img), "ImageEnhance");
        Refuses(() => ImageEnhance.Contrast(img), "ImageEnhance");
        Refuses(() => img.save(Path.Combine(dir, "i.jpg")), "JPEG");
        Refuses(() => img.save(Path.Combine(dir, "i.bmp")), "BMP");
        Assert.That(Directory.GetFiles(dir), Is.Empty);
    }

    [Test]
    public void Transparent_grey_is_kept_through_crop_and_resize_and_used_by_convert_rgba()
    {
        // tRNS 300: PIL 9.4 makes alpha 0 where the clipped grey equals 300's low byte, 44.
        var img = Image.open(Path.Combine(Folder, "grey16_trns.png"));
        Assert.That(img.mode, Is.EqualTo("I"));
        Assert.That(img.Transparency, Is.EqualTo(300));
        Assert.That(img.crop((0, 0, 2, 1)).Transparency, Is.EqualTo(300));
        Assert.That(img.copy().Transparency, Is.EqualTo(300));
        var resized = img.resize((2, 2), Image.NEAREST);
        Assert.That(resized.Transparency, Is.EqualTo(300));
        // Nearest samples columns 1 and 3 of row 0: greys 44 (transparent) and 100.
        Assert.That(resized.convert("RGBA").getpixel((0, 0)), Is.EqualTo(new[] { 44, 44, 44, 0 }));
        Assert.That(resized.convert("RGBA").getpixel((1, 0)), Is.EqualTo(new[] { 100, 100, 100, 255 }));
        Assert.That(img.convert("RGBA").getpixel((1, 0)), Is.EqualTo(new[] { 44, 44, 44, 0 }));
        Assert.That(img.convert("RGBA").getpixel((2, 0)), Is.EqualTo(new[] { 255, 255, 255, 255 }));
        Assert.That(img.convert("RGB").getpixel((1, 0)), Is.EqualTo(new[] { 44, 44, 44 }));
        Assert.That(Assert.Throws<NotSupportedException>(() => img.save(Path.Combine(dir, "t.png")))!.Message, Does.Contain("tRNS"));
    }

    [Test]
    public void Mode_I_cannot_be_made_from_bytes()
    {
        Assert.Throws<ArgumentException>(() => Image.frombytes("I", (1, 1), [0]));
        Assert.Throws<ArgumentException>(() => Image.@new("I", (1, 1), 0));
    }
}
