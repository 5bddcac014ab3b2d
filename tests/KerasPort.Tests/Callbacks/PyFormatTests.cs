using System.Text.Json;
using System.Text.Json.Nodes;
using KerasPort.Callbacks;

namespace KerasPort.Tests.Callbacks;

/// <summary>Python's formatting, against the text Python itself produced (tools/pyformat_reference.py).</summary>
public class PyFormatTests
{
    private static JsonNode Fixture() => KerasFixtures.Load("pyformat.json");

    private static object Value(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.String => KerasFixtures.Number(node),
        _ => node.ToJsonString() is var raw && raw.IndexOfAny(['.', 'e', 'E']) >= 0 ? (double)node : (object)(long)node,
    };

    [Test]
    public void Formats_floats_as_Python_does()
    {
        var failures = new List<string>();
        var floats = Fixture()["floats"]!.AsArray();
        foreach (var c in floats)
        {
            double v = (double)c!["value"]!;
            string spec = (string)c["spec"]!, expected = (string)c["text"]!;
            string actual = PyFormat.format_value(v, spec);
            if (actual != expected) failures.Add($"format({v:R}, '{spec}') = '{actual}', Python: '{expected}'");
        }
        Assert.That(failures, Is.Empty, $"{failures.Count} of {floats.Count} differ");
    }

    [Test]
    public void Formats_ints_as_Python_does()
    {
        foreach (var c in Fixture()["ints"]!.AsArray())
            Assert.That(PyFormat.format_value((long)c!["value"]!, (string)c["spec"]!), Is.EqualTo((string)c["text"]!), (string)c["spec"]!);
    }

    [Test]
    public void Fills_templates_as_str_format_does()
    {
        foreach (var c in Fixture()["templates"]!.AsArray())
        {
            var values = c!["values"]!.AsObject().ToDictionary(kv => kv.Key, kv => Value(kv.Value!));
            Assert.That(PyFormat.format((string)c["template"]!, values), Is.EqualTo((string)c["text"]!));
        }
    }

    [Test]
    public void A_missing_field_is_a_KeyError_with_Pythons_text()
    {
        var c = Fixture()["missing_key"]!;
        var values = c["values"]!.AsObject().ToDictionary(kv => kv.Key, kv => Value(kv.Value!));
        var e = Assert.Throws<KeyNotFoundException>(() => PyFormat.format((string)c["template"]!, values));
        Assert.That(e!.Message, Is.EqualTo((string)c["key_error"]!));
    }

    [Test]
    public void Refuses_d_for_a_float_and_a_bad_spec()
    {
        Assert.Throws<FormatException>(() => PyFormat.format_value(0.5, "d"));
        Assert.Throws<FormatException>(() => PyFormat.format_value(0.5, ".2q"));
        Assert.Throws<FormatException>(() => PyFormat.format("{loss", new Dictionary<string, object> { ["loss"] = 1.0 }));
    }
}
