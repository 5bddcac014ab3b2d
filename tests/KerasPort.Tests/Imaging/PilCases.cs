using System.Text.Json;
using KerasPort.Imaging;
using KerasPort.Utils;

namespace KerasPort.Tests.Imaging;

/// <summary>
/// The recorded PIL 9.4 cases: tests/fixtures/pil (the reference set) and tests/fixtures/pil-extra
/// (made by tools/make_pil_extra_cases.py for what the reference set leaves out). Names are
/// "set/case"; each case is loaded, run through the port and compared.
/// </summary>
internal static class PilCases
{
    private static string Root => KerasFixtures.path();

    /// <summary>Case names ("pil/0007_resize") whose op is one of <paramref name="ops"/>, for TestCaseSource.</summary>
    public static IEnumerable<string> Named(params string[] ops) =>
        new[] { "pil", "pil-extra" }
            .SelectMany(set => Directory.GetDirectories(Path.Combine(Root, set)).Select(d => set + "/" + Path.GetFileName(d)))
            .Where(name => ops.Contains(Read(name).GetProperty("op").GetString()))
            .Order(StringComparer.Ordinal);

    public static JsonElement Read(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, name, "case.json"))).RootElement;

    public static Image Input(string name) => Image.open(Path.Combine(Root, name, "input.png"));

    /// <summary>Runs the case's op through the port, checks the mode and shape, and returns max |port - PIL|.</summary>
    public static int MaxDifference(string name, Func<JsonElement, Image, Image> run)
    {
        JsonElement json = Read(name);
        Image input = Input(name);
        Assert.That(input.mode, Is.EqualTo(json.GetProperty("input_mode").GetString()));
        Image actual = run(json.GetProperty("args"), input);
        Assert.That(actual.mode, Is.EqualTo(json.GetProperty("expected_mode").GetString()));
        using var expected = Npy.load(Path.Combine(Root, name, "expected.npy"));
        long[] shape = actual.bands == 1 ? [actual.height, actual.width] : [actual.height, actual.width, actual.bands];
        Assert.That(expected.shape, Is.EqualTo(shape));
        byte[] want = expected.data<byte>().ToArray();
        int max = 0;
        for (int i = 0; i < want.Length; i++)
            max = Math.Max(max, Math.Abs(want[i] - actual.Pixels[i]));
        TestContext.Out.WriteLine($"{name} {json.GetProperty("op").GetString()} {json.GetProperty("args")}: max difference {max}");
        return max;
    }

    public static int Resample(string? name) => name switch
    {
        null => Image.BICUBIC,
        "NEAREST" => Image.NEAREST,
        "BILINEAR" => Image.BILINEAR,
        "BICUBIC" => Image.BICUBIC,
        "LANCZOS" => Image.LANCZOS,
        "BOX" => Image.BOX,
        "HAMMING" => Image.HAMMING,
        _ => throw new ArgumentException(name),
    };

    public static int Transpose(string name) => name switch
    {
        "FLIP_LEFT_RIGHT" => Image.FLIP_LEFT_RIGHT,
        "FLIP_TOP_BOTTOM" => Image.FLIP_TOP_BOTTOM,
        "ROTATE_90" => Image.ROTATE_90,
        "ROTATE_180" => Image.ROTATE_180,
        "ROTATE_270" => Image.ROTATE_270,
        "TRANSPOSE" => Image.TRANSPOSE,
        "TRANSVERSE" => Image.TRANSVERSE,
        _ => throw new ArgumentException(name),
    };
}
