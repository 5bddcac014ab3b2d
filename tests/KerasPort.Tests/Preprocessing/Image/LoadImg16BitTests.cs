using System.Text.Json;
using KerasPort.Tests.TestSupport;
using KerasPort.Tests.Imaging;

namespace KerasPort.Tests.Preprocessing.Image;

// load_img + img_to_array on 16-bit greyscale PNGs against Keras 3.15.1 with Pillow 9.4:
// tests/fixtures/png16, recorded by tools/record_png16_cases.py. Exact: PIL's values are integers.
public class LoadImg16BitTests : TempDirectoryTest
{
    private static readonly Lazy<JsonElement[]> Cases = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(ImageModeITests.Folder, "cases.json")))
            .RootElement.GetProperty("cases").EnumerateArray().ToArray());

    public static IEnumerable<TestCaseData> Recorded() =>
        Cases.Value.Select((c, i) => new TestCaseData(i).SetName($"LoadImg16Bit_{i}_{c.GetProperty("file").GetString()}_{Describe(c)}"));

    private static string Describe(JsonElement c) =>
        string.Join("_", c.EnumerateObject().Where(p => p.Name is "color_mode" or "target_size" or "interpolation" or "keep_aspect_ratio")
            .Select(p => p.Value.ToString().Replace(",", "x").Replace("[", "").Replace("]", "")));

    [TestCaseSource(nameof(Recorded))]
    public void Load_img_and_img_to_array_match_keras(int index)
    {
        JsonElement c = Cases.Value[index];
        (int, int)? targetSize = c.TryGetProperty("target_size", out var t) ? (t[0].GetInt32(), t[1].GetInt32()) : null;
        var img = keras.preprocessing.image.load_img(
            Path.Combine(ImageModeITests.Folder, c.GetProperty("file").GetString()!),
            color_mode: c.GetProperty("color_mode").GetString()!,
            target_size: targetSize,
            interpolation: c.TryGetProperty("interpolation", out var i) ? i.GetString()! : "nearest",
            keep_aspect_ratio: c.TryGetProperty("keep_aspect_ratio", out var k) && k.GetBoolean());
        Assert.That(img.mode, Is.EqualTo(c.GetProperty("mode").GetString()));
        using var x = keras.preprocessing.image.img_to_array(img);
        Assert.That(x.dtype, Is.EqualTo(ScalarType.Float32));
        Assert.That(x.shape, Is.EqualTo(c.GetProperty("shape").EnumerateArray().Select(v => v.GetInt64()).ToArray()));
        Assert.That(x.data<float>().ToArray(), Is.EqualTo(c.GetProperty("values").EnumerateArray().Select(v => v.GetSingle()).ToArray()));
    }

    [Test]
    public void Img_to_array_of_mode_I_keeps_int_values_in_both_layouts()
    {
        var img = KerasPort.Imaging.Image.FromInts(2, 1, [55007, -3]);
        using var last = keras.preprocessing.image.img_to_array(img);
        Assert.That(last.shape, Is.EqualTo(new long[] { 1, 2, 1 }));
        Assert.That(last.data<float>().ToArray(), Is.EqualTo(new[] { 55007f, -3f }));
        using var first = keras.preprocessing.image.img_to_array(img, "channels_first", ScalarType.Int32);
        Assert.That(first.shape, Is.EqualTo(new long[] { 1, 1, 2 }));
        Assert.That(first.data<int>().ToArray(), Is.EqualTo(new[] { 55007, -3 }));
    }

    // Keras's array_to_img: one channel above 255 gives mode "I" (astype int32 truncates); PIL saves it as a
    // 16-bit PNG, clipping to 0..65535 (checked with Pillow 9.4: [-5, 7, 54321, 70000] reads back as
    // [0, 7, 54321, 65535]).
    [Test]
    public void Array_to_img_above_255_is_mode_I_and_save_img_writes_16_bit_png()
    {
        using var x = tensor(new[] { 300.7f, -2.5f, 70000f, 54321f }, [2, 2, 1]);
        var img = keras.preprocessing.image.array_to_img(x, scale: false);
        Assert.That(img.mode, Is.EqualTo("I"));
        Assert.That(new[] { img.getpixel((0, 0))[0], img.getpixel((1, 0))[0], img.getpixel((0, 1))[0] }, Is.EqualTo(new[] { 300, -2, 70000 }));
        string path = Path.Combine(dir, "x.png");
        keras.preprocessing.image.save_img(path, x, scale: false);
        using var back = keras.preprocessing.image.img_to_array(keras.preprocessing.image.load_img(path, color_mode: "grayscale"));
        Assert.That(back.data<float>().ToArray(), Is.EqualTo(new[] { 300f, 0f, 65535f, 54321f }));
        using var small = tensor(new[] { 255f, 3.9f }, [1, 2, 1]);
        Assert.That(keras.preprocessing.image.array_to_img(small, scale: false).mode, Is.EqualTo("L"));
    }
}
