using System.Text.Json.Nodes;
using KerasPort.Preprocessing.Image;

namespace KerasPort.Tests.Preprocessing.Image;

/// <summary>Builds <c>ImageDataGenerator(**generator_config)</c> from a recorded case's JSON.</summary>
public static class GeneratorConfig
{
    public static ImageDataGenerator make(JsonObject config)
    {
        foreach (var key in config.Select(p => p.Key))
            if (key is not ("validation_split" or "horizontal_flip" or "rescale"))
                Assert.Ignore($"generator_config key {key} needs the real ImageDataGenerator");
        return new ImageDataGenerator(
            validation_split: config["validation_split"] is JsonNode v ? (double)v : 0.0,
            horizontal_flip: config["horizontal_flip"] is JsonNode h && (bool)h,
            rescale: config["rescale"] is JsonNode r ? (double)r : 0.0);
    }
}
