using System.Text.Json.Nodes;
using NUnit.Framework;
using TorchSharp;

namespace KerasPort.Tests.TestSupport;

/// <summary>Compares tensors with the <c>{"shape", "values"}</c> records of tests/fixtures/seeded (values flattened in C order).</summary>
internal static class RecordedTensor
{
    public static JsonNode KerasRandom(params string[] path)
    {
        JsonNode node = KerasFixtures.Load("seeded", "keras_random.json");
        foreach (var p in path) node = int.TryParse(p, out int i) ? node[i]! : node[p]!;
        return node;
    }

    public static double[] Values(JsonNode record) => record["values"]!.AsArray().Select(v => KerasFixtures.Number(v!)).ToArray();

    public static long[] Shape(JsonNode record) => record["shape"]!.AsArray().Select(v => (long)v!).ToArray();

    /// <summary>Asserts the shape, then every value within <paramref name="tolerance"/> (absolute; 0 is exact).</summary>
    public static void AssertMatches(torch.Tensor actual, JsonNode record, double tolerance = 0.0, string what = "")
    {
        Assert.That(actual.shape, Is.EqualTo(Shape(record)), $"{what} shape");
        var got = actual.to_type(torch.ScalarType.Float64).contiguous().data<double>().ToArray();
        var want = Values(record);
        for (int i = 0; i < want.Length; i++)
            Assert.That(got[i], Is.EqualTo(want[i]).Within(tolerance), $"{what} element {i}");
    }
}
