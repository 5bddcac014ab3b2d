using KerasPort.Layers;
using KerasPort.Saving;
using KerasPort.Utils;

namespace KerasPort.Tests.Layers.Preprocessing;

/// <summary>
/// The recorded Keras 3.15.1 cases of tests/fixtures/augment_layers (torch backend): the 35 of keras-reference (v*)
/// and 11 more recorded by tools/record_augment_cases.py (w*: gaussian blur, colour degeneration, channels_first,
/// an unbatched image, RandomPerspective, AugMix, RandomElasticTransform). After
/// <c>keras.utils.set_random_seed(seed)</c> the layers are built from Keras's keyword arguments, then the batch goes
/// through twice with training and once without. Pixels agree within 1e-3 on the 0-255 scale (scaled with the
/// output when a Rescaling makes it 0-1), every value, the nearest-neighbour cases included: the coordinates are
/// computed in float32 in Keras's order, so no coordinate falls on the other side of a rounding edge here.
/// </summary>
public sealed class AugmentLayerCasesTests
{
    public static IEnumerable<TestCaseData> Cases() =>
        Directory.GetDirectories(KerasFixtures.path("augment_layers")).Select(Path.GetFileName).Order()
            .Select(name => new TestCaseData(name).SetName(name!));

    private static (IDictionary<string, object?> spec, List<Layer> layers) Build(string name)
    {
        var dir = KerasFixtures.path("augment_layers", name);
        var spec = (IDictionary<string, object?>)KerasJson.loads(File.ReadAllText(Path.Combine(dir, "case.json")))!;
        keras.utils.set_random_seed(Convert.ToInt64(spec["seed"]));
        var layers = ((IList<object?>)spec["layers"]!).Cast<IDictionary<string, object?>>().Select(l => layer_from(
            (string)l["class_name"]!, (IDictionary<string, object?>)l["kwargs"]!)).ToList();
        return (spec, layers);
    }

    // Keras's cls(**kwargs), by the project's deserializer.
    private static Layer layer_from(string class_name, IDictionary<string, object?> config) =>
        (Layer)Deserialization.deserialize_keras_object(new Dictionary<string, object?>
        {
            ["module"] = "keras.layers",
            ["class_name"] = class_name,
            ["config"] = config,
        })!;

    [TestCaseSource(nameof(Cases))]
    public void Config_matches_Keras_and_round_trips(string name)
    {
        var (spec, layers) = Build(name);
        var keras_configs = ((IList<object?>)spec["keras_configs"]!).Cast<IDictionary<string, object?>>().ToList();
        for (int i = 0; i < layers.Count; i++)
        {
            var config = layers[i].get_config();
            Assert.That(config.Keys.Order(), Is.EqualTo(keras_configs[i].Keys.Order()), layers[i].name);
            foreach (var key in config.Keys.Where(k => k is not ("name" or "dtype")))
                Assert.That(Same(config[key], keras_configs[i][key]), Is.True, $"{layers[i].name}.{key}: {KerasJson.dumps(config[key])} vs {KerasJson.dumps(keras_configs[i][key])}");
            var reloaded = (IDictionary<string, object?>)KerasJson.loads(KerasJson.dumps(config))!;
            if (layers[i] is RandomShear { x_factor.lower: < 0 })
            {
                // As in Keras 3.15: RandomShear writes (-f, f) and its constructor refuses negative numbers.
                Assert.That(() => layer_from(nameof(RandomShear), reloaded), Throws.ArgumentException.With.Message.Contains("input_number=-"));
                continue;
            }
            var again = layer_from(layers[i].GetType().Name, reloaded);
            Assert.That(KerasJson.dumps(again.get_config()), Is.EqualTo(KerasJson.dumps(config)));
        }
    }

    // Numbers compare by value (Keras writes 0 where the port writes 0.0); lists element by element.
    private static bool Same(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (System.Collections.IList x, System.Collections.IList y) => x.Count == y.Count && Enumerable.Range(0, x.Count).All(i => Same(x[i], y[i])),
        (string x, string y) => x == y,
        (bool x, bool y) => x == y,
        (IConvertible x, IConvertible y) when a is not string && b is not string && a is not bool && b is not bool =>
            Convert.ToDouble(x) == Convert.ToDouble(y),
        _ => false,
    };

    [TestCaseSource(nameof(Cases))]
    public void Layer_matches_Keras(string name)
    {
        var (_, layers) = Build(name);
        var data = Npy.load_npz(Path.Combine(KerasFixtures.path("augment_layers", name), "data.npz"));

        foreach (var (key, training) in new[] { ("train_0", true), ("train_1", true), ("inference", false) })
        {
            var y = data["x"];
            foreach (var layer in layers) y = layer.__call__(y, training: training);
            var expected = data[key];
            Assert.That(y.shape, Is.EqualTo(expected.shape), key);
            double scale = expected.abs().max().item<float>() <= 1.0 ? 1.0 / 255 : 1.0;
            var diff = (y - expected).abs();
            double tolerance = 1e-3 * scale;
            Assert.That(diff.max().item<float>(), Is.LessThanOrEqualTo(tolerance), $"{key}: largest difference");
        }
    }
}
