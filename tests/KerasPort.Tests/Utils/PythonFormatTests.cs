using System.Text.Json;
using System.Text.Json.Nodes;
using KerasPort.Utils;

namespace KerasPort.Tests.Utils;

/// <summary>Python's repr/str and its format specs; the specs against the text Python itself produced (tools/pyformat_reference.py).</summary>
public class PythonFormatTests
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
            string actual = PythonFormat.format_value(v, spec);
            if (actual != expected) failures.Add($"format({v:R}, '{spec}') = '{actual}', Python: '{expected}'");
        }
        Assert.That(failures, Is.Empty, $"{failures.Count} of {floats.Count} differ");
    }

    [Test]
    public void Formats_ints_as_Python_does()
    {
        foreach (var c in Fixture()["ints"]!.AsArray())
            Assert.That(PythonFormat.format_value((long)c!["value"]!, (string)c["spec"]!), Is.EqualTo((string)c["text"]!), (string)c["spec"]!);
    }

    [Test]
    public void Fills_templates_as_str_format_does()
    {
        foreach (var c in Fixture()["templates"]!.AsArray())
        {
            var values = c!["values"]!.AsObject().ToDictionary(kv => kv.Key, kv => Value(kv.Value!));
            Assert.That(PythonFormat.format((string)c["template"]!, values), Is.EqualTo((string)c["text"]!));
        }
    }

    [Test]
    public void A_missing_field_is_a_KeyError_with_Pythons_text()
    {
        var c = Fixture()["missing_key"]!;
        var values = c["values"]!.AsObject().ToDictionary(kv => kv.Key, kv => Value(kv.Value!));
        var e = Assert.Throws<KeyNotFoundException>(() => PythonFormat.format((string)c["template"]!, values));
        Assert.That(e!.Message, Is.EqualTo((string)c["key_error"]!));
    }

    [Test]
    public void Refuses_d_for_a_float_and_a_bad_spec()
    {
        Assert.Throws<FormatException>(() => PythonFormat.format_value(0.5, "d"));
        Assert.Throws<FormatException>(() => PythonFormat.format_value(0.5, ".2q"));
        Assert.Throws<FormatException>(() => PythonFormat.format("{loss", new Dictionary<string, object> { ["loss"] = 1.0 }));
    }

    [TestCase(-0.1, "-0.1")]
    [TestCase(1.0, "1.0")]
    [TestCase(0.0, "0.0")]
    [TestCase(1e-5, "1e-05")]
    [TestCase(0.0001, "0.0001")]
    [TestCase(1e16, "1e+16")]
    [TestCase(1234567890123456.0, "1234567890123456.0")]
    [TestCase(0.009999999776482582, "0.009999999776482582")]
    [TestCase(2.5e-300, "2.5e-300")]
    [TestCase(double.NaN, "nan")]
    [TestCase(double.PositiveInfinity, "inf")]
    [TestCase(double.NegativeInfinity, "-inf")]
    public void Floats_print_as_python_repr(double value, string expected) =>
        Assert.That(PythonFormat.repr(value), Is.EqualTo(expected));

    [Test]
    public void Other_values_print_as_python_str()
    {
        Assert.That(PythonFormat.str(null), Is.EqualTo("None"));
        Assert.That(PythonFormat.str(true), Is.EqualTo("True"));
        Assert.That(PythonFormat.str("rows"), Is.EqualTo("rows"));
        Assert.That(PythonFormat.str(new List<object> { 0.1, "a", 3 }), Is.EqualTo("[0.1, 'a', 3]"));
    }
}
