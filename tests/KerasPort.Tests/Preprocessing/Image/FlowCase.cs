using System.Text.Json.Nodes;
using KerasPort.Preprocessing.Image;

namespace KerasPort.Tests.Preprocessing.Image;

/// <summary>A recorded flow or flow_from_directory case (an <see cref="ImageCase"/>), read as the iterator tests need it.</summary>
internal sealed class FlowCase
{
    private readonly ImageCase _case;

    public JsonObject json { get; }

    public string folder => ImageCase.Folder(_case.Name);

    private FlowCase(ImageCase c)
    {
        _case = c;
        json = JsonNode.Parse(c.Json.GetRawText())!.AsObject();
    }

    public static FlowCase load(string name) => new(ImageCase.Load(name));

    public JsonObject flow_args => json["flow_args"]!.AsObject();

    public Tensor? array(string key) => _case.Arrays.TryGetValue(key, out var t) ? t : null;

    public int num_batches => (int)json["num_batches"]!;

    public bool by_next => (string)json["access"]! == "next";

    /// <summary>The recorded error, if the Keras call raised: its message and the batch where it did (null: at construction).</summary>
    public (string message, int? batch)? error =>
        json["error"] is JsonObject e ? ((string)e["message"]!, (int?)e["batch"]) : null;

    /// <summary>The generator of the case: ImageDataGenerator(**generator_config), fitted if the case fits it.</summary>
    public ImageDataGenerator generator()
    {
        var g = GeneratorConfig.Create(_case.Json.GetProperty("generator_config"));
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
