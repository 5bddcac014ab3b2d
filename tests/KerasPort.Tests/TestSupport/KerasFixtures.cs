using System.Text.Json;
using System.Text.Json.Nodes;

namespace KerasPort.Tests.TestSupport;

/// <summary>Finds the recorded reference files of tests/fixtures in the test output and reads their JSON cases (NaN and infinities as strings).</summary>
internal static class KerasFixtures
{
    /// <summary>The path of <paramref name="parts"/> under the fixtures folder (the folder itself with none).</summary>
    public static string path(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "fixtures", .. parts]);

    public static JsonNode Load(params string[] relative) =>
        JsonNode.Parse(File.ReadAllText(path(relative)))!;

    /// <summary>One TestCaseData per case (optionally of one "kind"), named prefix + case name, carrying the case's JSON.</summary>
    public static IEnumerable<TestCaseData> Cases(string file, string prefix, string? kind = null)
    {
        foreach (var c in Load(file.Split('/'))["cases"]!.AsArray())
            if (kind is null || (string?)c!["kind"] == kind)
                yield return new TestCaseData(c!.ToJsonString()).SetName(prefix + (string)c!["name"]!);
    }

    public static double Number(JsonNode node) => node.GetValueKind() == JsonValueKind.String
        ? (string)node! switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var s => throw new FormatException($"Not a number: {s}"),
        }
        : (double)node;

    public static double? NumberOrNull(JsonNode? node) => node is null ? null : Number(node);

    public static Dictionary<string, double> Logs(JsonNode node) =>
        node.AsObject().ToDictionary(kv => kv.Key, kv => Number(kv.Value!));

    public static string[] Strings(JsonNode node) => node.AsArray().Select(n => (string)n!).ToArray();
}
