using System.Text.Json;
using KerasPort;
using KerasPort.Regularizers;

namespace KerasPort.Tests.Regularizers;

/// <summary>Every case of fixtures/regularizers.json (recorded from Keras 3's regularizer source).</summary>
public class RegularizerFixtureTests
{
    private static readonly JsonElement[] cases = LoadCases();

    private static JsonElement[] LoadCases()
    {
        string path = KerasFixtures.path("regularizers.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.Clone()).ToArray();
    }

    public static IEnumerable<TestCaseData> RegularizerCases() =>
        cases.Where(c => c.TryGetProperty("weights", out _)).Select(c => new TestCaseData(c).SetName(c.GetProperty("name").GetString()));

    public static IEnumerable<TestCaseData> ConstructorCases() =>
        cases.Where(c => c.GetProperty("name").GetString()!.StartsWith("ctor_")).Select(c => new TestCaseData(c).SetName(c.GetProperty("name").GetString()));

    public static IEnumerable<TestCaseData> GetCases() =>
        cases.Where(c => c.GetProperty("name").GetString()!.StartsWith("get_")).Select(c => new TestCaseData(c).SetName(c.GetProperty("name").GetString()));

    [Test]
    public void The_fixture_has_every_kind_of_case()
    {
        Assert.That(RegularizerCases().Count(), Is.EqualTo(18));
        Assert.That(ConstructorCases().Count(), Is.EqualTo(4));
        Assert.That(GetCases().Count(), Is.EqualTo(6));
        // No case is left out: the three sources above and all_objects_dict_keys.
        Assert.That(cases, Has.Length.EqualTo(RegularizerCases().Count() + ConstructorCases().Count() + GetCases().Count() + 1));
    }

    [Test]
    public void All_objects_dict_keys_are_exactly_the_accepted_identifiers()
    {
        var expected = cases.Single(c => c.GetProperty("name").GetString() == "all_objects_dict_keys")
            .GetProperty("expected").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.That(keras.regularizers.all_object_names.Order(StringComparer.Ordinal), Is.EqualTo(expected));
        foreach (var id in expected)
            Assert.That(keras.regularizers.get(id), Is.Not.Null, id);
    }

    // A kwarg as Python saw it: "NaN"/"Infinity" strings are floats, per the file's float_encoding.
    private static object? Kwarg(string name, JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String when name != "mode" => v.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var s => s,
        },
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Number => v.GetRawText().Contains('.') || v.GetRawText().Contains('e') ? v.GetDouble() : v.GetInt64(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => v.Clone(), // a list: only from_config can carry it
    };

    private static Dictionary<string, object> Kwargs(JsonElement c) =>
        c.GetProperty("kwargs").EnumerateObject().ToDictionary(p => p.Name, p => Kwarg(p.Name, p.Value)!);

    /// <summary>Through the C# constructor where the kwargs fit its parameters, else through <c>from_config</c>.</summary>
    private static Regularizer Construct(string cls, Dictionary<string, object> kwargs)
    {
        bool fits = kwargs.Values.All(v => v is null or double or long or string);
        if (!fits) return FromConfig(cls, kwargs);
        double? num(string key, double? fallback) => kwargs.TryGetValue(key, out var v) ? v is null ? null : Convert.ToDouble(v) : fallback;
        return cls switch
        {
            "L1" => new L1(num("l1", 0.01)),
            "L2" => new L2(num("l2", 0.01)),
            "L1L2" => new L1L2(num("l1", 0.0), num("l2", 0.0)),
            "OrthogonalRegularizer" => new OrthogonalRegularizer(num("factor", 0.01), kwargs.TryGetValue("mode", out var m) ? (string?)m : "rows"),
            _ => throw new AssertionException("unknown class " + cls),
        };
    }

    private static Regularizer FromConfig(string cls, IDictionary<string, object> config) => cls switch
    {
        "L1" => L1.from_config(config),
        "L2" => L2.from_config(config),
        "L1L2" => L1L2.from_config(config),
        "OrthogonalRegularizer" => OrthogonalRegularizer.from_config(config),
        _ => throw new AssertionException("unknown class " + cls),
    };

    private static void AssertConfig(IDictionary<string, object> actual, JsonElement expected, JsonElement? types = null)
    {
        var keys = expected.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.That(actual.Keys, Is.EquivalentTo(keys));
        foreach (var p in expected.EnumerateObject())
        {
            if (p.Value.ValueKind == JsonValueKind.String)
                Assert.That(actual[p.Name], Is.EqualTo(p.Value.GetString()), p.Name);
            else
            {
                Assert.That(actual[p.Name], Is.TypeOf<double>(), p.Name);
                Assert.That((double)actual[p.Name], Is.EqualTo(p.Value.GetDouble()), p.Name); // exact, as Keras stores it
            }
            if (types?.GetProperty(p.Name).GetString() is string type)
                Assert.That(actual[p.Name], Is.TypeOf(type == "float" ? typeof(double) : typeof(string)));
        }
    }

    private static float[] Flatten(JsonElement e) =>
        e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().SelectMany(Flatten).ToArray() : [e.GetSingle()];

    [TestCaseSource(nameof(RegularizerCases))]
    public void Penalty_config_and_roundtrip_match_keras(JsonElement c)
    {
        string cls = c.GetProperty("class").GetString()!;
        var shape = c.GetProperty("weights_shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
        var values = Flatten(c.GetProperty("weights"));
        var reg = Construct(cls, Kwargs(c));
        Assert.That(reg.GetType().Name, Is.EqualTo(cls));

        // The recording's float64 path goes through float32 in places (its values sit up to ~6e-7
        // relative from an all-double computation; REGULARIZERS.md gives ~1e-6 for Orthogonal), and
        // float32 sums differ by summation order (numpy pairwise vs torch): 1e-6 relative covers both.
        foreach (var (key, dtype, rtol) in new[] { ("expected_float32", ScalarType.Float32, 2e-6), ("expected_float64", ScalarType.Float64, 1e-6) })
        {
            if (!c.TryGetProperty(key, out var expected)) continue;
            using var w = torch.tensor(values).reshape(shape).to_type(dtype);
            AssertConfig(reg.get_config(), expected.GetProperty("get_config"), expected.GetProperty("get_config_types"));
            AssertConfig(FromConfig(cls, reg.get_config()).get_config(), expected.GetProperty("roundtrip_config"));
            if (expected.TryGetProperty("call_error", out var error))
            {
                var ex = Assert.Throws<ArgumentException>(() => reg.call(w))!;
                Assert.That(ex.Message, Does.StartWith(error.GetProperty("message").GetString()!));
                continue;
            }
            using var penalty = reg.call(w);
            Assert.That(penalty.shape, Is.Empty);
            Assert.That(penalty.dtype, Is.EqualTo(dtype));
            double want = expected.GetProperty("value").GetDouble();
            Assert.That(penalty.to_type(ScalarType.Float64).item<double>(), Is.EqualTo(want).Within(rtol * Math.Abs(want) + 1e-30), key);
        }
    }

    [TestCaseSource(nameof(ConstructorCases))]
    public void Constructor_checks_match_keras(JsonElement c)
    {
        string cls = c.GetProperty("class").GetString()!;
        var kwargs = Kwargs(c);
        var expected = c.GetProperty("expected_float32");
        if (expected.TryGetProperty("constructor_error", out var error))
        {
            string message = error.GetProperty("message").GetString()!;
            var ex = Assert.Throws<ArgumentException>(() => Construct(cls, kwargs))!;
            Assert.That(ex.Message, Does.StartWith(message));
            // The same refusal through from_config, as cls(**config).
            ex = Assert.Throws<ArgumentException>(() => FromConfig(cls, kwargs))!;
            Assert.That(ex.Message, Does.StartWith(message));
        }
        else
            AssertConfig(Construct(cls, kwargs).get_config(), expected.GetProperty("get_config"));
    }

    [TestCaseSource(nameof(GetCases))]
    public void Get_matches_keras(JsonElement c)
    {
        string identifier = c.GetProperty("identifier").GetString()!;
        var expected = c.GetProperty("expected");
        if (expected.TryGetProperty("error", out var error))
        {
            var ex = Assert.Throws<ArgumentException>(() => keras.regularizers.get(identifier))!;
            Assert.That(ex.Message, Does.StartWith(error.GetProperty("message").GetString()!));
            return;
        }
        var reg = keras.regularizers.get(identifier)!;
        Assert.That(reg.GetType().Name, Is.EqualTo(expected.GetProperty("class").GetString()));
        if (expected.TryGetProperty("get_config_error", out _))
            Assert.Throws<NotImplementedException>(() => reg.get_config());
        else
            AssertConfig(reg.get_config(), expected.GetProperty("get_config"));
    }
}
