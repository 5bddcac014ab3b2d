using KerasPort.Tests.Layers;
using KerasPort.Backend;

namespace KerasPort.Tests.Backend;

/// <summary>Keras's naming rules (tests/fixtures/files/naming.json, step 16) and counters.</summary>
[NonParallelizable]
public sealed class GlobalStateTests
{
    [TestCase("Dense", "dense")]
    [TestCase("Dropout", "dropout")]
    [TestCase("Conv2D", "conv2d")]
    [TestCase("MaxPooling2D", "max_pooling2d")]
    [TestCase("InputLayer", "input_layer")]
    [TestCase("BatchNormalization", "batch_normalization")]
    [TestCase("GlobalAveragePooling2D", "global_average_pooling2d")]
    [TestCase("LSTM", "lstm")]
    [TestCase("RMSprop", "rm_sprop")]
    [TestCase("SGD", "sgd")]
    public void Snake_case_is_Keras_snake_case(string name, string expected) =>
        Assert.That(GlobalState.to_snake_case(name), Is.EqualTo(expected));

    [Test]
    public void Counters_are_per_prefix_and_reset_by_clear_session()
    {
        keras.backend.clear_session();
        Assert.That(GlobalState.uniquify("thing"), Is.EqualTo("thing"));
        Assert.That(GlobalState.uniquify("thing"), Is.EqualTo("thing_1"));
        Assert.That(GlobalState.uniquify("other"), Is.EqualTo("other"));
        keras.backend.clear_session();
        Assert.That(GlobalState.uniquify("thing"), Is.EqualTo("thing"));
    }

    [Test]
    public void Seed_generators_with_the_same_seed_repeat()
    {
        var a = new SeedGenerator(5);
        var b = new SeedGenerator(5);
        Assert.That(keras.random.uniform([10], seed: a).equal(keras.random.uniform([10], seed: b)).all().item<bool>(), Is.True);
    }
}
