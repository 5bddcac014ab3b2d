using System.Text.Json.Nodes;
using KerasPort.Models;
using KerasPort.Saving;

namespace KerasPort.Tests.Saving;

/// <summary>
/// Every layer class KerasPort has, as Keras 3.15.1 saves it (fixtures/saving/layer_configs.json,
/// tools/record_layer_configs.py: a Functional model around one layer with non-default arguments):
/// the model's config.json deserializes (every key Keras writes is read) and serializes back to
/// the same JSON: the same keys in the same order, the same values. Documented differences: the
/// Python id() Keras writes as <c>shared_object_id</c> (KerasPort writes a constant of its own at
/// the same places), and numbers compare by value, since Keras keeps a Python int where the user
/// gave one (<c>value_range=(0, 1)</c> is written <c>[0, 1]</c>) and KerasPort holds such
/// arguments as doubles (<c>[0.0, 1.0]</c>).
/// </summary>
[NonParallelizable]
public sealed class LayerConfigRoundTripTests
{
    private static JsonNode Recorded() => KerasFixtures.Load("saving", "layer_configs.json");

    // Keras 3.15.1 writes RandomShear(x_factor=0.2) as [-0.2, 0.2] and refuses that on reload; so does KerasPort.
    private const string KerasRefusesToReload = "random_shear";

    public static IEnumerable<TestCaseData> Cases() =>
        Recorded()["cases"]!.AsArray().Where(c => (string)c!["name"]! != KerasRefusesToReload).Select(c => new TestCaseData((string)c!["name"]!).SetName("Keras config of " + (string)c["class_name"]! + " (" + (string)c["name"]! + ")"));

    /// <summary>The first place where <paramref name="ours"/> differs from <paramref name="theirs"/> (key order included), null if none.</summary>
    internal static string? Difference(object? ours, object? theirs, string path = "")
    {
        switch (ours, theirs)
        {
            case (IDictionary<string, object?> a, IDictionary<string, object?> b):
                if (!a.Keys.SequenceEqual(b.Keys)) return $"{path}: keys [{string.Join(", ", a.Keys)}] instead of [{string.Join(", ", b.Keys)}]";
                foreach (var key in a.Keys)
                {
                    if (key == "shared_object_id") continue;
                    if (Difference(a[key], b[key], $"{path}/{key}") is { } d) return d;
                }
                return null;
            case (IList<object?> a, IList<object?> b):
                if (a.Count != b.Count) return $"{path}: {KerasJson.dumps(a)} instead of {KerasJson.dumps(b)}";
                for (int i = 0; i < a.Count; i++)
                    if (Difference(a[i], b[i], $"{path}[{i}]") is { } d) return d;
                return null;
            case (long or double, long or double):
                return Convert.ToDouble(ours) == Convert.ToDouble(theirs) ? null : $"{path}: {ours} instead of {theirs}";
            default:
                return Equals(ours, theirs) ? null : $"{path}: {KerasJson.dumps(ours)} instead of {KerasJson.dumps(theirs)}";
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void Round_trips(string name)
    {
        var recorded = Recorded()["cases"]!.AsArray().Single(c => (string)c!["name"]! == name)!["config"]!;
        string keras_json = KerasJson.dumps(KerasJson.loads(recorded.ToJsonString()));
        keras.backend.clear_session();
        using var model = (Model)Deserialization.deserialize_keras_object(KerasJson.loads(keras_json))!;
        var again = Serialization.serialize_keras_object(model);
        Serialization.mark_shared_objects(again);
        Assert.That(Difference(KerasJson.loads(KerasJson.dumps(again)), KerasJson.loads(keras_json)), Is.Null);
    }

    [Test]
    public void What_Keras_cannot_reload_is_refused_with_its_error()
    {
        var recorded = Recorded()["cases"]!.AsArray().Single(c => (string)c!["name"]! == KerasRefusesToReload)!["config"]!;
        Assert.That(() => Deserialization.deserialize_keras_object(KerasJson.loads(recorded.ToJsonString())),
            Throws.ArgumentException.With.Message.Contains("in the range [0, 1.0]. Received: input_number=-0.2"));
    }

    [Test]
    public void Only_what_Keras_cannot_save_is_left_out()
    {
        var skipped = Recorded()["skipped"]!.AsArray().Select(s => (string)s!["name"]!).ToList();
        Assert.That(skipped, Is.EqualTo(new[] { "equalization" }), "Keras's Equalization returns its input symbolically, so no Functional model can end in it");
    }
}
