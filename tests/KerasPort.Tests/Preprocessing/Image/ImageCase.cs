using System.Text.Json;
using KerasPort.Utils;

namespace KerasPort.Tests.Preprocessing.Image;

/// <summary>One recorded case of tests/fixtures/image (see its README): case.json and data.npz.</summary>
internal sealed class ImageCase
{
    public string Name { get; }
    public JsonElement Json { get; }
    public Dictionary<string, Tensor> Arrays { get; }

    private ImageCase(string name, JsonElement json, Dictionary<string, Tensor> arrays)
    {
        Name = name;
        Json = json;
        Arrays = arrays;
    }

    public static string Folder(string name) =>
        KerasFixtures.path("image", name);

    public static ImageCase Load(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder(name), "case.json")));
        string npz = Path.Combine(Folder(name), "data.npz");
        var arrays = File.Exists(npz) ? Npy.load_npz(npz) : new Dictionary<string, Tensor>();
        return new ImageCase(name, doc.RootElement.Clone(), arrays);
    }

    /// <summary>Names of the index's cases of one kind, as NUnit test cases named after them.</summary>
    public static IEnumerable<TestCaseData> OfKind(string kind)
    {
        string index = KerasFixtures.path("image", "index.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(index));
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
            if (c.GetProperty("kind").GetString() == kind)
                yield return new TestCaseData(c.GetProperty("name").GetString()).SetName(c.GetProperty("name").GetString());
    }

    /// <summary>Largest |a − b| over the elements, and where it is.</summary>
    public static (double diff, long index) MaxAbsDiff(Tensor actual, Tensor expected)
    {
        var a = actual.to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
        var e = expected.to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
        Assert.That(a.Length, Is.EqualTo(e.Length), "element count");
        double max = 0;
        long where = -1;
        for (int i = 0; i < a.Length; i++)
        {
            double d = Math.Abs(a[i] - e[i]);
            if (double.IsNaN(d) || d > max) { max = double.IsNaN(d) ? double.PositiveInfinity : d; where = i; }
        }
        return (max, where);
    }
}
