using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Optimizers;

namespace KerasPort.Tests.Layers;

/// <summary>
/// The residual CNN that Keras 3.15 trained and saved (shared keras-reference/models/residual:
/// Rescaling, strided Conv2D, BatchNormalization with trained moving statistics, SeparableConv2D,
/// MaxPooling2D "same", a residual add, GlobalAveragePooling2D), written with the Functional API
/// as the Keras program wrote it: with Keras's weights file loaded, its predictions match Keras's
/// within 1e-5 and its summary is Keras's text (tests/fixtures/layers/keras_models).
/// </summary>
[NonParallelizable]
public sealed class KerasSavedResidualModelTests
{
    private static Model Build()
    {
        var inputs = keras.Input(shape: [20, 20, 3], name: "input_layer_1");
        var x = new Rescaling(1.0 / 255, name: "rescaling").__call__(inputs);
        x = new Conv2D(16, 3, strides: 2, padding: "same", name: "conv2d_2").__call__(x);
        x = new BatchNormalization(name: "batch_normalization").__call__(x);
        var block = new Activation("relu", name: "activation").__call__(x);
        x = new SeparableConv2D(24, 3, padding: "same", name: "separable_conv2d").__call__(block);
        x = new BatchNormalization(name: "batch_normalization_1").__call__(x);
        x = new Activation("relu", name: "activation_1").__call__(x);
        x = new MaxPooling2D(3, strides: 2, padding: "same", name: "max_pooling2d_1").__call__(x);
        var residual = new Conv2D(24, 1, strides: 2, padding: "same", name: "conv2d_3").__call__(block);
        x = keras.layers.add([x, residual], name: "add");
        x = new GlobalAveragePooling2D(name: "global_average_pooling2d").__call__(x);
        x = new Dropout(0.25, name: "dropout_1").__call__(x);
        var outputs = new Dense(1, name: "dense_1").__call__(x);
        return new Model(inputs, outputs, name: "small_xception");
    }

    [Test]
    public void Keras_weights_give_Keras_predictions_and_summary()
    {
        var model = Build();
        model.load_weights(KerasFixtures.path("layers", "keras_models", "residual.weights.h5"));
        var arrays = KerasPort.Utils.Npy.load_npz(KerasFixtures.path("layers", "keras_models", "residual.npz"));
        var predicted = model.predict(arrays["probe"]);
        Assert.That((predicted - arrays["predict"]).abs().max().item<float>(), Is.LessThanOrEqualTo(1e-5f));
        // The moving statistics Keras trained are the ones inference uses.
        var bn = (BatchNormalization)model.get_layer("batch_normalization");
        Assert.That(bn.moving_variance!.sub(1).abs().max().item<float>(), Is.GreaterThan(1e-3f), "trained moving variance loaded");

        model.compile(optimizer: new Adam(), loss: new KerasPort.Losses.BinaryCrossentropy(from_logits: true), metrics: ["accuracy"]);
        model.optimizer!.build(model.trainable_weights);
        var expected = File.ReadAllText(KerasFixtures.path("layers", "keras_models", "residual.summary.txt"));
        Assert.That(model.summary_text(line_length: 76), Is.EqualTo(expected.TrimEnd('\n') + "\n"));
    }

    /// <summary>Keras's legacy whole-model file (<c>model.save("residual.h5")</c>) gives the same weights through <c>load_weights</c>: BatchNormalization's gamma, beta, moving mean and variance and SeparableConv2D's depthwise, pointwise and bias in Keras's legacy order.</summary>
    [Test]
    public void Keras_legacy_h5_weights_give_Keras_predictions()
    {
        using var model = Build();
        model.load_weights(KerasFixtures.path("models", "residual.h5"));
        var arrays = KerasPort.Utils.Npy.load_npz(KerasFixtures.path("layers", "keras_models", "residual.npz"));
        using var predicted = model.predict(arrays["probe"]);
        Assert.That((predicted - arrays["predict"]).abs().max().item<float>(), Is.LessThanOrEqualTo(1e-5f));
    }
}
