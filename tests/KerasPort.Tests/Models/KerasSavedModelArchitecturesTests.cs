using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Optimizers;
using static TorchSharp.torch;

namespace KerasPort.Tests.Models;

/// <summary>
/// The Sequential CNN, the Sequential with a nested augmentation Sequential and the two-input
/// Functional model that Keras 3.15 trained and saved (shared keras-reference/models; the residual
/// one is in Layers/KerasSavedResidualModelTests), written as the Keras programs wrote them: with
/// Keras's <c>.weights.h5</c> loaded they predict what Keras predicted (1e-5), and their summaries
/// are Keras's text. Loading the whole-model files is the saving issue's.
/// </summary>
[NonParallelizable]
public sealed class KerasSavedModelArchitecturesTests
{
    private static Sequential Cnn() => new([
        keras.Input(shape: [16, 16, 1], name: "input_layer"),
        new Conv2D(8, 3, activation: "relu", name: "conv2d"),
        new MaxPooling2D(2, name: "max_pooling2d"),
        new Conv2D(12, 3, padding: "same", activation: "relu", name: "conv2d_1"),
        new Flatten(name: "flatten"),
        new Dropout(0.5, name: "dropout"),
        new Dense(10, activation: "softmax", name: "dense"),
    ], name: "mnist_convnet");

    private static Sequential Augmented()
    {
        var data_augmentation = new Sequential([
            keras.Input(shape: [18, 18, 3], name: "input_layer_3"),
            new RandomFlip("horizontal", name: "random_flip"),
            new RandomRotation(0.1, name: "random_rotation"),
            new RandomZoom(0.1, name: "random_zoom"),
        ], name: "data_augmentation");
        return new Sequential([
            keras.Input(shape: [18, 18, 3], name: "input_layer_2"),
            data_augmentation,
            new Rescaling(1.0 / 255, name: "rescaling_1"),
            new Conv2D(8, 3, padding: "same", activation: "relu", name: "conv2d_4"),
            new MaxPooling2D(2, name: "max_pooling2d_2"),
            new Dropout(0.2, name: "dropout_2"),
            new Flatten(name: "flatten_1"),
            new Dense(16, activation: "relu", name: "dense_2"),
            new Dense(4, name: "outputs"),
        ], name: "sequential");
    }

    private static Model TwoInputs()
    {
        var numbers = keras.Input(shape: [6], name: "numbers");
        var extra = keras.Input(shape: [4], name: "extra");
        var a = new Dense(8, activation: "relu", kernel_regularizer: keras.regularizers.l2(0.01), name: "dense_3").__call__(numbers);
        var b = new Dense(8, activation: "tanh", name: "dense_4").__call__(extra);
        var x = keras.layers.concatenate([a, b], name: "concatenate");
        x = new Dropout(0.3, name: "dropout_3").__call__(x);
        var score = new Dense(1, activation: "sigmoid", name: "score").__call__(x);
        return new Model([numbers, extra], score, name: "functional_20");
    }

    private static string Fixture(string file) => KerasFixtures.path("models", file);

    private static void AssertSummaryIsKeras(Model model, string name)
    {
        model.compile(optimizer: new Adam(), loss: "sparse_categorical_crossentropy");
        model.optimizer!.build(model.trainable_weights);
        var expected = File.ReadAllText(Fixture(name + ".summary.txt"));
        Assert.That(model.summary_text(line_length: 76), Is.EqualTo(expected.TrimEnd('\n') + "\n"));
    }

    [Test]
    public void Sequential_cnn_predicts_and_summarizes_as_keras()
    {
        var model = Cnn();
        model.load_weights(Fixture("cnn.weights.h5"));
        var arrays = KerasPort.Utils.Npy.load_npz(Fixture("cnn.npz"));
        using var predicted = model.predict(arrays["probe"]);
        Assert.That((predicted - arrays["predict"]).abs().max().item<float>(), Is.LessThanOrEqualTo(1e-5f));
        AssertSummaryIsKeras(model, "cnn");
    }

    [Test]
    public void Nested_augmentation_sequential_is_the_identity_in_predict_and_summarizes_as_keras()
    {
        var model = Augmented();
        model.load_weights(Fixture("augmented.weights.h5"));
        var arrays = KerasPort.Utils.Npy.load_npz(Fixture("augmented.npz"));
        using var predicted = model.predict(arrays["probe"]);
        Assert.That((predicted - arrays["predict"]).abs().max().item<float>(), Is.LessThanOrEqualTo(1e-5f));
        AssertSummaryIsKeras(model, "augmented");
    }

    [Test]
    public void Two_input_functional_model_predicts_as_keras()
    {
        var model = TwoInputs();
        model.load_weights(Fixture("two_inputs.weights.h5"));
        var arrays = KerasPort.Utils.Npy.load_npz(Fixture("two_inputs.npz"));
        using var predicted = model.predict(new Tensor[] { arrays["probe_0"], arrays["probe_1"] });
        Assert.That((predicted - arrays["predict"]).abs().max().item<float>(), Is.LessThanOrEqualTo(1e-5f));
    }

    /// <summary>The legacy whole-model files Keras wrote (<c>model.save("m.h5")</c>) give the same weights through <c>load_weights</c>, by order and by name.</summary>
    [TestCase("cnn", false)]
    [TestCase("cnn", true)]
    [TestCase("augmented", false)]
    [TestCase("two_inputs", false)]
    [TestCase("two_inputs", true)]
    public void Keras_legacy_h5_weights_load_into_the_rebuilt_architecture(string name, bool by_name)
    {
        using var model = name switch { "cnn" => Cnn(), "augmented" => Augmented(), _ => TwoInputs() };
        model.load_weights(Fixture(name + ".h5"), by_name: by_name);
        var arrays = KerasPort.Utils.Npy.load_npz(Fixture(name + ".npz"));
        using var predicted = name == "two_inputs" ? model.predict(new Tensor[] { arrays["probe_0"], arrays["probe_1"] }) : model.predict(arrays["probe"]);
        Assert.That((predicted - arrays["predict"]).abs().max().item<float>(), Is.LessThanOrEqualTo(1e-5f));
    }
}
