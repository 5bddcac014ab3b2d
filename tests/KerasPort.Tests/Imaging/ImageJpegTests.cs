using System.Security.Cryptography;
using System.Text.Json;
using KerasPort.Imaging;
using KerasPort.Utils;

namespace KerasPort.Tests.Imaging;

// JPEG decoding against PIL 9.4 (libjpeg-turbo): tests/fixtures/jpeg, recorded by tools/make_jpeg_cases.py.
public class ImageJpegTests
{
    internal static string Folder => Path.Combine(AppContext.BaseDirectory, "fixtures", "jpeg");

    internal static JsonElement Cases => JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "cases.json"))).RootElement;

    // Read once: the small cases take their expected pixels from the same file.
    internal static readonly Lazy<Dictionary<string, Tensor>> Expected = new(() => Npy.load_npz(Path.Combine(Folder, "expected.npz")));

    public static IEnumerable<string> DecodeCases() =>
        Cases.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()!);

    private string dir = "";

    [SetUp]
    public void CreateDirectory()
    {
        dir = Path.Combine(Path.GetTempPath(), "kp-jpeg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(dir, recursive: true);

    // Subsamplings 4:4:4/4:2:2/4:2:0, qualities 50 to 95, odd sizes, progressive, grey, CMYK (as its RGB
    // conversion), an EXIF orientation and an ICC profile PIL does not apply: every pixel as PIL decodes it.
    [TestCaseSource(nameof(DecodeCases))]
    public void Open_decodes_jpeg_exactly_as_PIL(string name)
    {
        JsonElement json = Cases.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        var img = Image.open(Path.Combine(Folder, name + ".jpg"));
        var size = json.GetProperty("size");
        Assert.That((img.format, img.mode, img.size), Is.EqualTo(("JPEG", json.GetProperty("mode").GetString(), (size[0].GetInt32(), size[1].GetInt32()))));
        if (Expected.Value.TryGetValue(name, out Tensor? expected))
        {
            byte[] want = expected.data<byte>().ToArray();
            int max = img.Pixels.Zip(want, (a, b) => Math.Abs(a - b)).Max();
            TestContext.Out.WriteLine($"{name}: max difference {max}");
            Assert.That(img.Pixels, Is.EqualTo(want));
        }
        Assert.That(Sha256(img.Pixels), Is.EqualTo(json.GetProperty("sha256_of_pixels").GetString()));
    }

    // The article's cat.jpg (451x300, 4:2:0): PIL's decode, recorded as its SHA-256 and channel sums.
    [Test]
    public void Open_decodes_cat_jpg_exactly_as_PIL()
    {
        JsonElement json = Cases.GetProperty("cat");
        var img = Image.open(Path.Combine(Folder, "cat.jpg"));
        Assert.That((img.mode, img.size), Is.EqualTo(("RGB", (451, 300))));
        long[] sums = new long[3];
        for (int i = 0; i < img.Pixels.Length; i++)
            sums[i % 3] += img.Pixels[i];
        Assert.That(sums, Is.EqualTo(json.GetProperty("channel_sums").EnumerateArray().Select(s => s.GetInt64()).ToArray()));
        Assert.That(Sha256(img.Pixels), Is.EqualTo(json.GetProperty("sha256_of_pixels").GetString()));
    }

    [Test]
    public void Open_refuses_a_huge_jpeg_header_before_decoding()
    {
        // The SOF0 marker (FF C0) holds the height and width at offsets 5 and 7, big-endian.
        byte[] bytes = File.ReadAllBytes(Path.Combine(Folder, "rgb_444_q75.jpg"));
        int sof = bytes.AsSpan().IndexOf([(byte)0xFF, (byte)0xC0]);
        Assert.That(sof, Is.GreaterThan(0));
        bytes[sof + 5] = bytes[sof + 7] = 0xEA;  // 60000 (libjpeg-turbo refuses more than 65500)
        bytes[sof + 6] = bytes[sof + 8] = 0x60;
        string path = Path.Combine(dir, "bomb.jpg");
        File.WriteAllBytes(path, bytes);
        Assert.That(() => Image.open(path), Throws.TypeOf<DecompressionBombException>().With.Message.Contains("60000x60000").And.Message.Contains(path));
    }

    [Test]
    public void Open_refuses_a_jpeg_cut_after_its_header()
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(Folder, "rgb_420_progressive.jpg"));
        int scan = bytes.AsSpan().IndexOf([(byte)0xFF, (byte)0xDA]);
        string path = Path.Combine(dir, "cut.jpg");
        File.WriteAllBytes(path, bytes[..(scan + 40)]);
        Assert.That(() => Image.open(path), Throws.TypeOf<InvalidDataException>().With.Message.Contains(path).And.Message.Contains("truncated"));
    }

    // A JPEG start then garbage, and FF D8 without the marker PIL requires after it.
    [TestCase(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0xFF, 0xD9 })]
    [TestCase(new byte[] { 0xFF, 0xD8, 0xFF })]
    [TestCase(new byte[] { 0xFF, 0xD8, 0x00, 0xE0, 0, 16, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0 })]
    public void Open_refuses_a_corrupt_jpeg(byte[] bytes)
    {
        string path = Path.Combine(dir, "corrupt.jpg");
        File.WriteAllBytes(path, bytes);
        Assert.That(() => Image.open(path), Throws.TypeOf<InvalidDataException>().With.Message.Contains(path));
    }

    [Test]
    public void Open_reads_a_jpeg_stream_as_the_file()
    {
        string path = Path.Combine(Folder, "rgb_420_q75.jpg");
        using var stream = File.OpenRead(path);
        var img = Image.open(stream);
        Assert.That((img.format, img.mode), Is.EqualTo(("JPEG", "RGB")));
        Assert.That(img.Pixels, Is.EqualTo(Image.open(path).Pixels));
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
}
