using System.Text.Json.Nodes;
using KerasPort.Preprocessing.Image;
using KerasPort.Utils;

namespace KerasPort.Tests.Preprocessing.Image;

/// <summary>One recorded Keras case of tests/fixtures/image: its case.json and data.npz.</summary>
public sealed class FlowCase
{
    public string name { get; }
    public string folder { get; }
    public JsonObject json { get; }
    public Dictionary<string, Tensor> arrays { get; }

    private FlowCase(string name)
    {
        this.name = name;
        folder = Path.Combine(Root, name);
        json = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "case.json")))!.AsObject();
        arrays = Npy.load_npz(Path.Combine(folder, "data.npz"));
    }

    public override string ToString() => name;

    public static string Root => Path.Combine(TestContext.CurrentContext.TestDirectory, "fixtures", "image");

    /// <summary>The names of the cases of one kind, from index.json (for TestCaseSource).</summary>
    public static IEnumerable<string> names(string kind)
    {
        var root = Path.Combine(AppContext.BaseDirectory, "fixtures", "image");
        var index = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "index.json")))!;
        return index["cases"]!.AsArray().Where(c => (string)c!["kind"]! == kind).Select(c => (string)c!["name"]!).ToList();
    }

    public static FlowCase load(string name) => new(name);

    public JsonObject flow_args => json["flow_args"]!.AsObject();

    public Tensor? array(string key) => arrays.TryGetValue(key, out var t) ? t : null;

    public int num_batches => (int)json["num_batches"]!;

    public bool by_next => (string)json["access"]! == "next";

    /// <summary>The recorded error, if the Keras call raised: its message and the batch where it did (null: at construction).</summary>
    public (string message, int? batch)? error =>
        json["error"] is JsonObject e ? ((string)e["message"]!, (int?)e["batch"]) : null;

    public bool has_brightness => json["generator_config"]!.AsObject().ContainsKey("brightness_range");

    /// <summary>The generator of the case: ImageDataGenerator(**generator_config), fitted if the case fits it.</summary>
    public ImageDataGenerator generator()
    {
        var g = GeneratorConfig.make(json["generator_config"]!.AsObject());
        if (array("fit_x") is { } fit_x)
        {
            var a = json["fit_args"] as JsonObject ?? [];
            g.fit(fit_x, augment: a["augment"] is { } au && (bool)au, rounds: a["rounds"] is { } r ? (int)r : 1,
                  seed: opt_long(a, "seed"));
        }
        return g;
    }

    public static long? opt_long(JsonObject o, string key) => o[key] is JsonNode n ? (long)n : null;
}
