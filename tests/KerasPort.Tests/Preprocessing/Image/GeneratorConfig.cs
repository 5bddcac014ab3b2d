using System.Text.Json;
using KerasPort.Preprocessing.Image;

namespace KerasPort.Tests.Preprocessing.Image;

/// <summary>Builds <c>ImageDataGenerator(**generator_config)</c> from a recorded case's JSON.</summary>
internal static class GeneratorConfig
{
    public static ImageDataGenerator Create(JsonElement config)
    {
        bool Flag(string key) => config.TryGetProperty(key, out var v) && v.GetBoolean();
        double Number(string key, double fallback) => config.TryGetProperty(key, out var v) ? v.GetDouble() : fallback;
        string? Text(string key, string? fallback) => config.TryGetProperty(key, out var v) ? v.GetString() : fallback;
        foreach (var p in config.EnumerateObject())
            if (!Known.Contains(p.Name))
                Assert.Fail($"generator_config key not mapped by the test: {p.Name}");
        return new ImageDataGenerator(
            featurewise_center: Flag("featurewise_center"),
            samplewise_center: Flag("samplewise_center"),
            featurewise_std_normalization: Flag("featurewise_std_normalization"),
            samplewise_std_normalization: Flag("samplewise_std_normalization"),
            zca_whitening: Flag("zca_whitening"),
            zca_epsilon: Number("zca_epsilon", 1e-6),
            rotation_range: Number("rotation_range", 0),
            width_shift_range: Shift(config, "width_shift_range"),
            height_shift_range: Shift(config, "height_shift_range"),
            brightness_range: config.TryGetProperty("brightness_range", out var b) ? b.EnumerateArray().Select(e => e.GetDouble()).ToArray() : null,
            shear_range: Number("shear_range", 0),
            zoom_range: config.TryGetProperty("zoom_range", out var z)
                ? (z.ValueKind == JsonValueKind.Array ? z.EnumerateArray().Select(e => e.GetDouble()).ToArray() : z.GetDouble())
                : 0.0,
            channel_shift_range: Number("channel_shift_range", 0),
            fill_mode: Text("fill_mode", "nearest")!,
            cval: Number("cval", 0),
            horizontal_flip: Flag("horizontal_flip"),
            vertical_flip: Flag("vertical_flip"),
            rescale: config.TryGetProperty("rescale", out var r) ? r.GetDouble() : null,
            data_format: Text("data_format", "channels_last"),
            validation_split: Number("validation_split", 0));
    }

    private static readonly HashSet<string> Known =
    [
        "featurewise_center", "samplewise_center", "featurewise_std_normalization", "samplewise_std_normalization",
        "zca_whitening", "zca_epsilon", "rotation_range", "width_shift_range", "height_shift_range", "brightness_range",
        "shear_range", "zoom_range", "channel_shift_range", "fill_mode", "cval", "horizontal_flip", "vertical_flip",
        "rescale", "data_format", "validation_split",
    ];

    // JSON keeps Python's int/float distinction in the text: 3 is an int, 1.0 a float.
    private static ShiftRange Shift(JsonElement config, string key)
    {
        if (!config.TryGetProperty(key, out var v))
            return 0.0;
        if (v.ValueKind == JsonValueKind.Array)
            return v.EnumerateArray().Select(e => e.GetDouble()).ToArray();
        string raw = v.GetRawText();
        // (Not a ?: expression: that would convert the int to double before ShiftRange sees it.)
        if (raw.Contains('.') || raw.Contains('e') || raw.Contains('E'))
            return v.GetDouble();
        return v.GetInt32();
    }

    /// <summary>Reads a recorded transform dict; keys it lacks keep apply_transform's defaults.</summary>
    public static TransformParameters Parameters(JsonElement p)
    {
        double? Nullable(string key) => p.TryGetProperty(key, out var v) && v.ValueKind != JsonValueKind.Null ? v.GetDouble() : null;
        bool Bool(string key) => p.TryGetProperty(key, out var v) && (v.ValueKind == JsonValueKind.True || (v.ValueKind == JsonValueKind.Number && v.GetDouble() != 0));
        return new TransformParameters
        {
            theta = Nullable("theta") ?? 0,
            tx = Nullable("tx") ?? 0,
            ty = Nullable("ty") ?? 0,
            shear = Nullable("shear") ?? 0,
            zx = Nullable("zx") ?? 1,
            zy = Nullable("zy") ?? 1,
            flip_horizontal = Bool("flip_horizontal"),
            flip_vertical = Bool("flip_vertical"),
            channel_shift_intensity = Nullable("channel_shift_intensity"),
            brightness = Nullable("brightness"),
        };
    }
}
