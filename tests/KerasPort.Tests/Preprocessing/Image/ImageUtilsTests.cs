using System.Text.Json;
using KerasPort.Utils;
using static KerasPort.keras.preprocessing.image;

namespace KerasPort.Tests.Preprocessing.Image;

public class ImageUtilsTests : TempDirectoryTest
{
    private static string Root => KerasFixtures.path("image");

    public static IEnumerable<string> LoadCases() =>
        Directory.GetDirectories(Root, "load_*").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    private static string Extra => KerasFixtures.path("image-extra");

    private static JsonElement ExtraCases(string file) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Extra, file))).RootElement.GetProperty("cases");

    // tests/fixtures/image-extra, recorded by tools/make_image_utils_extra_cases.py from keras-preprocessing's own code.
    public static IEnumerable<string> ExtraLoadCases() =>
        ExtraCases("load_cases.json").EnumerateArray().Select(c => c.GetProperty("name").GetString()!);

    // Read once: every extra load case takes its expected array from the same file.
    private static readonly Lazy<Dictionary<string, Tensor>> ExtraLoadExpected =
        new(() => Npy.load_npz(Path.Combine(Extra, "load_expected.npz")));

    public static IEnumerable<int> ArrayToImgCases() =>
        Enumerable.Range(0, ExtraCases("array_to_img_cases.json").GetArrayLength());

    // Keras's recorded img_to_array(load_img(...)): exact for nearest, within one grey level for the PIL filters.
    [TestCaseSource(nameof(LoadCases))]
    public void Load_img_matches_keras(string name)
    {
        string folder = Path.Combine(Root, name);
        JsonElement json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "case.json"))).RootElement;
        using var expected = Npy.load_npz(Path.Combine(folder, "data.npz"))["expected"];
        CheckLoad(Path.Combine(folder, json.GetProperty("path").GetString()!), json, expected, name);
    }

    // More sources (palette, grey+alpha, BMP), every interpolation, keep_aspect_ratio and data format.
    [TestCaseSource(nameof(ExtraLoadCases))]
    public void Load_img_matches_keras_preprocessing(string name)
    {
        JsonElement json = ExtraCases("load_cases.json").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        string path = Path.Combine(Extra, "load_sources", json.GetProperty("source").GetString()!);
        CheckLoad(path, json, ExtraLoadExpected.Value[name], name);
    }

    private static void CheckLoad(string path, JsonElement json, Tensor expected, string name)
    {
        JsonElement args = json.GetProperty("args");
        string colorMode = args.TryGetProperty("color_mode", out var c) ? c.GetString()! : "rgb";
        (int, int)? targetSize = args.TryGetProperty("target_size", out var t) ? (t[0].GetInt32(), t[1].GetInt32()) : null;
        string interpolation = args.TryGetProperty("interpolation", out var i) ? i.GetString()! : "nearest";
        bool keepAspect = args.TryGetProperty("keep_aspect_ratio", out var k) && k.GetBoolean();

        var img = load_img(path, colorMode, targetSize, interpolation, keepAspect);
        Assert.That(img.mode, Is.EqualTo(json.GetProperty("pil_mode").GetString()));
        var pilSize = json.GetProperty("pil_size");
        Assert.That(img.size, Is.EqualTo((pilSize[0].GetInt32(), pilSize[1].GetInt32())));

        using var x = img_to_array(img, json.GetProperty("data_format").GetString());
        Assert.That(x.shape, Is.EqualTo(expected.shape));
        Assert.That(x.dtype, Is.EqualTo(ScalarType.Float32));
        double max = (x - expected).abs().max().item<float>();
        TestContext.Out.WriteLine($"{name} {args}: max difference {max}");
        Assert.That(max, Is.LessThanOrEqualTo(interpolation == "nearest" ? 0 : 1));
    }

    // tests/fixtures/jpeg (tools/make_jpeg_cases.py): keras-preprocessing's load_img of the article's cat.jpg
    // with a target size, i.e. PIL's decode then PIL's resize.
    public static IEnumerable<string> CatLoadCases() =>
        Jpeg.GetProperty("load_img").EnumerateArray().Select(c => c.GetProperty("name").GetString()!);

    private static string JpegFolder => Path.Combine(AppContext.BaseDirectory, "fixtures", "jpeg");

    private static JsonElement Jpeg => JsonDocument.Parse(File.ReadAllText(Path.Combine(JpegFolder, "cases.json"))).RootElement;

    [TestCaseSource(nameof(CatLoadCases))]
    public void Load_img_of_cat_jpg_with_target_size_matches_keras_exactly(string name)
    {
        JsonElement json = Jpeg.GetProperty("load_img").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        var size = json.GetProperty("target_size");
        var img = load_img(Path.Combine(JpegFolder, "cat.jpg"), target_size: (size[0].GetInt32(), size[1].GetInt32()),
                           interpolation: json.GetProperty("interpolation").GetString()!);
        using var expected = Npy.load_npz(Path.Combine(JpegFolder, "expected.npz"))[name];
        using var x = img_to_array(img);
        Assert.That(x.shape, Is.EqualTo(expected.shape));
        double max = (x - expected.to_type(ScalarType.Float32)).abs().max().item<float>();
        TestContext.Out.WriteLine($"{name}: max difference {max}");
        Assert.That(max, Is.EqualTo(0));
    }

    [TestCaseSource(nameof(ArrayToImgCases))]
    public void Array_to_img_matches_keras_preprocessing(int index)
    {
        JsonElement json = ExtraCases("array_to_img_cases.json")[index];
        var arrays = Npy.load_npz(Path.Combine(Extra, "array_to_img.npz"));
        string input = json.GetProperty("input").GetString()!;
        var img = array_to_img(arrays[input], json.GetProperty("data_format").GetString(), json.GetProperty("scale").GetBoolean());
        Assert.That(img.mode, Is.EqualTo(json.GetProperty("pil_mode").GetString()));
        Tensor expected = arrays[input + "_expected"];
        Assert.That(img.Pixels, Is.EqualTo(expected.data<byte>().ToArray()));
    }

    [Test]
    public void Load_img_converts_modes_as_keras()
    {
        string path = Path.Combine(Root, "load_001", "img.png");  // an RGBA file
        var rgba = load_img(path, color_mode: "rgba");
        var rgb = load_img(path);
        var grey = load_img(path, color_mode: "grayscale");
        Assert.That((rgba.mode, rgb.mode, grey.mode), Is.EqualTo(("RGBA", "RGB", "L")));
        Assert.That(rgb.Pixels, Is.EqualTo(rgba.convert("RGB").Pixels), "alpha is dropped, not composited");
        Assert.That(grey.Pixels, Is.EqualTo(rgba.convert("L").Pixels));
    }

    [Test]
    public void Keep_aspect_ratio_resizes_the_centred_crop()
    {
        string path = Path.Combine(Root, "load_000", "img.png");  // 14 wide, 10 high
        var full = load_img(path);
        var img = load_img(path, target_size: (5, 5), interpolation: "bilinear", keep_aspect_ratio: true);
        // Keras: crop width min(14, 10 * 5 // 5) = 10, starting at (14 - 10) // 2 = 2; PIL resizes that box
        // of the full image (its filter reaches past the box), not a cropped copy.
        var expected = full.resize((5, 5), KerasPort.Imaging.Image.BILINEAR, (2, 0, 12, 10));
        Assert.That(img.Pixels, Is.EqualTo(expected.Pixels));
    }

    [Test]
    public void Img_to_array_gives_channels_last_or_first_and_the_dtype()
    {
        var img = load_img(Path.Combine(Root, "load_000", "img.png"));
        using var last = img_to_array(img);
        using var first = img_to_array(img, "channels_first", ScalarType.Float64);
        Assert.That(last.shape, Is.EqualTo(new long[] { 10, 14, 3 }));
        Assert.That(first.shape, Is.EqualTo(new long[] { 3, 10, 14 }));
        Assert.That(first.dtype, Is.EqualTo(ScalarType.Float64));
        Assert.That(first.permute(1, 2, 0).to_type(ScalarType.Float32).equal(last).all().item<bool>(), Is.True);
        Assert.That(last[2, 5, 1].item<float>(), Is.EqualTo(img.getpixel((5, 2))[1]));
        using var grey = img_to_array(img.convert("L"), "channels_first");
        Assert.That(grey.shape, Is.EqualTo(new long[] { 1, 10, 14 }));
    }

    [Test]
    public void Array_to_img_scales_by_min_and_max_then_truncates()
    {
        using var x = torch.tensor(new float[] { -1f, 0f, 0.5f, 3f }, [2, 2, 1]);
        var img = array_to_img(x);
        // (x - min) / max(x - min) * 255 in float32, truncated: 0, 63.75, 95.625, 255.
        byte[] expected = new[] { -1f, 0f, 0.5f, 3f }.Select(v => (byte)((v + 1f) / 4f * 255f)).ToArray();
        Assert.That((img.mode, img.size), Is.EqualTo(("L", (2, 2))));
        Assert.That(img.Pixels, Is.EqualTo(expected));
        using var raw = torch.tensor(new float[] { 1.9f, 2f, 250.7f, 3f, 4f, 5f }, [1, 2, 3]);
        Assert.That(array_to_img(raw, scale: false).Pixels, Is.EqualTo(new byte[] { 1, 2, 250, 3, 4, 5 }));
    }

    [Test]
    public void Array_to_img_reads_channels_first_and_picks_the_mode_by_channels()
    {
        using var x = torch.arange(24, dtype: ScalarType.Float32).reshape(4, 2, 3);
        var img = array_to_img(x, "channels_first", scale: false);
        Assert.That((img.mode, img.size), Is.EqualTo(("RGBA", (3, 2))));
        Assert.That(img.getpixel((1, 0)), Is.EqualTo(new[] { 1, 7, 13, 19 }));
    }

    [TestCase("png")]
    [TestCase("bmp")]
    public void Save_img_then_load_img_round_trips(string extension)
    {
        using var x = torch.randint(0, 256, [6, 5, 3], dtype: ScalarType.Float32);
        string path = Path.Combine(dir, "img." + extension);
        save_img(path, x, scale: false);
        using var back = img_to_array(load_img(path));
        Assert.That(back.equal(x).all().item<bool>(), Is.True);
    }

    [Test]
    public void Save_img_writes_rgba_as_rgb_jpeg()
    {
        using var x = torch.full([4, 4, 4], 128f);
        string path = Path.Combine(dir, "img.jpg");
        save_img(path, x, scale: false);
        var img = KerasPort.Imaging.Image.open(path);
        Assert.That((img.format, img.mode), Is.EqualTo(("JPEG", "RGB")));
    }

    [Test]
    public void Wrong_arguments_name_the_argument_and_allowed_values()
    {
        string path = Path.Combine(Root, "load_000", "img.png");
        Assert.That(() => load_img(path, color_mode: "cmyk"), Throws.ArgumentException.With.Message.Contains("color_mode=cmyk").And.Message.Contains("grayscale"));
        Assert.That(() => load_img(path, target_size: (3, 3), interpolation: "cubic"),
            Throws.ArgumentException.With.Message.StartsWith("Invalid interpolation method cubic specified. Supported methods are nearest, bilinear, bicubic, hamming, box, lanczos"));
        // As Keras, the method is checked only when the image is resized (issue 11, item 11).
        var (w, h) = load_img(path).size;
        Assert.That(load_img(path, interpolation: "cubic").size, Is.EqualTo((w, h)));
        Assert.That(load_img(path, target_size: (h, w), interpolation: "cubic").size, Is.EqualTo((w, h)));
        Assert.That(() => load_img(path, target_size: (0, 3)), Throws.ArgumentException.With.Message.Contains("target_size"));
        Assert.That(() => load_img(Path.Combine(dir, "nope.png")), Throws.TypeOf<FileNotFoundException>());
        using var x = torch.zeros(4, 4, 3);
        Assert.That(() => img_to_array(load_img(path), "channels_middle"), Throws.ArgumentException.With.Message.Contains("data_format=channels_middle"));
        Assert.That(() => array_to_img(x, "NHWC"), Throws.ArgumentException.With.Message.Contains("data_format"));
        using var flat = torch.zeros(4, 4);
        Assert.That(() => array_to_img(flat), Throws.ArgumentException.With.Message.Contains("rank 3"));
        using var two = torch.zeros(4, 4, 2);
        Assert.That(() => array_to_img(two), Throws.ArgumentException.With.Message.Contains("channel number: 2"));
        Assert.That(() => save_img(Path.Combine(dir, "x.unknown"), x), Throws.ArgumentException.With.Message.Contains("format"));
        Assert.That(Directory.GetFiles(dir), Is.Empty);
    }
}
