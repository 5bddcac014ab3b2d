using System.Text.Json;
using System.Text.Json.Nodes;
using KerasPort.Preprocessing.Image;

namespace KerasPort.Tests.Preprocessing.Image;

/// <summary>Builds <c>ImageDataGenerator(**generator_config)</c> from a recorded case's JSON.</summary>
public static class GeneratorConfig
{
    public static ImageDataGenerator make(JsonObject config)
    {
        var known = new HashSet<string>
        {
            "featurewise_center", "samplewise_center", "featurewise_std_normalization", "samplewise_std_normalization",
            "zca_whitening", "zca_epsilon", "rotation_range", "width_shift_range", "height_shift_range",
            "brightness_range", "shear_range", "zoom_range", "channel_shift_range", "fill_mode", "cval",
            "horizontal_flip", "vertical_flip", "rescale", "data_format", "validation_split", "interpolation_order", "dtype",
        };
        foreach (var key in config.Select(p => p.Key))
            Assert.That(known, Does.Contain(key), "generator_config key");
        bool flag(string k) => config[k] is JsonNode n && (bool)n;
        double number(string k, double fallback) => config[k] is JsonNode n ? (double)n : fallback;
        return new ImageDataGenerator(
            featurewise_center: flag("featurewise_center"),
            samplewise_center: flag("samplewise_center"),
            featurewise_std_normalization: flag("featurewise_std_normalization"),
            samplewise_std_normalization: flag("samplewise_std_normalization"),
            zca_whitening: flag("zca_whitening"),
            zca_epsilon: number("zca_epsilon", 1e-6),
            rotation_range: number("rotation_range", 0),
            width_shift_range: shift(config["width_shift_range"]),
            height_shift_range: shift(config["height_shift_range"]),
            brightness_range: config["brightness_range"]?.AsArray().Select(v => (double)v!).ToArray(),
            shear_range: number("shear_range", 0),
            zoom_range: config["zoom_range"] switch
            {
                null => 0.0,
                JsonArray a => a.Select(v => (double)v!).ToArray(),
                var v => (double)v,
            },
            channel_shift_range: number("channel_shift_range", 0),
            fill_mode: (string?)config["fill_mode"] ?? "nearest",
            cval: number("cval", 0),
            horizontal_flip: flag("horizontal_flip"),
            vertical_flip: flag("vertical_flip"),
            rescale: config["rescale"] is JsonNode r ? (double?)r : null,
            data_format: (string?)config["data_format"] ?? "channels_last",
            validation_split: number("validation_split", 0),
            interpolation_order: config["interpolation_order"] is JsonNode o ? (int)o : 1,
            dtype: (string?)config["dtype"] ?? "float32");
    }

    // Keras's three meanings: a float (fraction or pixels), an int (pixel choices), a list.
    private static ShiftRange shift(JsonNode? node) => node switch
    {
        null => 0.0,
        JsonArray a when a.All(is_int) => a.Select(v => (int)v!).ToArray(),
        JsonArray a => a.Select(v => (double)v!).ToArray(),
        var v when is_int(v) => (int)v,
        var v => (double)v,
    };

    // A JSON number written without a fraction or exponent: a Python int.
    private static bool is_int(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && !v.ToJsonString().Any(ch => ch is '.' or 'e' or 'E');
}
