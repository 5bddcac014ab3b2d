using KerasPort.Layers;
using KerasPort.Saving;
using KerasPort.Utils;

namespace KerasPort.Tests.Layers.Preprocessing;

/// <summary>
/// The 35 recorded Keras 3.15.1 cases of tests/fixtures/augment_layers (torch backend): after
/// <c>keras.utils.set_random_seed(seed)</c> the layers are built from Keras's keyword arguments, then the batch goes
/// through twice with training and once without. Pixels agree within 1e-3 on the 0-255 scale (scaled with the
/// output when a Rescaling makes it 0-1). Nearest-neighbour resampling may pick the other neighbour where a
/// float32 coordinate sits on a rounding edge: those cases allow at most 0.5% of the values to differ.
/// </summary>
public sealed class AugmentLayerCasesTests
{
    public static IEnumerable<TestCaseData> Cases() =>
        Directory.GetDirectories(KerasFixtures.path("augment_layers")).Select(Path.GetFileName).Order()
            .Select(name => new TestCaseData(name).SetName(name!));

    [TestCaseSource(nameof(Cases))]
    public void Layer_matches_Keras(string name)
    {
        var dir = KerasFixtures.path("augment_layers", name);
        var spec = (IDictionary<string, object?>)KerasJson.loads(File.ReadAllText(Path.Combine(dir, "case.json")))!;
        var data = Npy.load_npz(Path.Combine(dir, "data.npz"));
        keras.utils.set_random_seed(Convert.ToInt64(spec["seed"]));
        var layers = ((IList<object?>)spec["layers"]!).Cast<IDictionary<string, object?>>().Select(l =>
            (Layer)Deserialization.deserialize_keras_object(new Dictionary<string, object?>
            {
                ["module"] = "keras.layers",
                ["class_name"] = l["class_name"],
                ["config"] = l["kwargs"],
            })!).ToList();
        bool nearest = layers.Any(l => l is BaseAffineAugmentationLayer { interpolation: "nearest" } || l is Resizing { interpolation: "nearest" });

        foreach (var (key, training) in new[] { ("train_0", true), ("train_1", true), ("inference", false) })
        {
            var y = data["x"];
            foreach (var layer in layers) y = layer.__call__(y, training: training);
            var expected = data[key];
            Assert.That(y.shape, Is.EqualTo(expected.shape), key);
            double scale = expected.abs().max().item<float>() <= 1.0 ? 1.0 / 255 : 1.0;
            var diff = (y - expected).abs();
            double tolerance = 1e-3 * scale;
            if (nearest)
            {
                double off = diff.gt(tolerance).to_type(torch.ScalarType.Float64).mean().item<double>();
                Assert.That(off, Is.LessThanOrEqualTo(0.005), $"{key}: fraction of values off");
            }
            else
            {
                Assert.That(diff.max().item<float>(), Is.LessThanOrEqualTo(tolerance), $"{key}: largest difference");
            }
        }
    }
}
