using System.Text.Json.Nodes;
using KerasPort.Callbacks;
using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Optimizers;

namespace KerasPort.Tests.Layers;

/// <summary>
/// Two small CNNs trained 3 epochs with Adam, batch 8, no shuffling, recorded from Keras 3.15
/// (tools/record_layer_cases.py): fit_cnn, a Sequential of Conv2D, BatchNormalization,
/// SeparableConv2D, GlobalAveragePooling2D, Dense; fit_residual_cnn, a Functional model with a
/// residual add around a SeparableConv2D/BatchNormalization block and MaxPooling2D "same". The
/// history, the weights after each epoch (moving statistics included), the predictions and
/// evaluate match within 1e-4; Keras's summary() text before and after fit matches exactly.
/// </summary>
[NonParallelizable]
public sealed class CnnFitConformanceTests
{
    private const double Tolerance = 1e-4;

    private sealed class Recorder : Callback
    {
        public List<Tensor[]> epoch_weights { get; } = new();

        public override void on_epoch_end(int epoch, IDictionary<string, double>? logs = null) => epoch_weights.Add(model!.get_weights());
    }

    private static Model Build(string name, Dictionary<string, Tensor> a)
    {
        var model = name == "fit_cnn" ? Sequential_cnn() : Functional_residual_cnn();
        model.set_weights(Enumerable.Range(0, model.get_weights().Length).Select(i => a[$"w0_{i}"]).ToArray());
        return model;
    }

    private static Model Functional_residual_cnn()
    {
        var inputs = keras.Input(shape: [8, 8, 3], name: "image");
        // No bias before a BatchNormalization: its gradient would be rounding noise (see the recording script).
        var x = new Conv2D(6, 3, strides: 2, padding: "same", use_bias: false, name: "stem").__call__(inputs);
        x = new BatchNormalization(name: "bn").__call__(x);
        var block = new Activation("relu", name: "relu").__call__(x);
        x = new SeparableConv2D(6, 3, padding: "same", use_bias: false, name: "sep").__call__(block);
        x = new BatchNormalization(momentum: 0.9, name: "bn_1").__call__(x);
        x = keras.layers.add([x, block], name: "residual");
        x = new MaxPooling2D(3, strides: 2, padding: "same", name: "pool").__call__(x);
        x = new GlobalAveragePooling2D(name: "gap").__call__(x);
        var outputs = new Dense(3, activation: "softmax", name: "dense").__call__(x);
        return new Model(inputs, outputs, name: "residual_cnn");
    }

    private static Sequential Sequential_cnn()
    {
        return new Sequential([
            keras.Input([8, 8, 3]),
            new Conv2D(4, 3, padding: "same", use_bias: false, name: "conv"),
            new BatchNormalization(name: "bn"),
            new SeparableConv2D(6, 3, activation: "relu", name: "sep"),
            new GlobalAveragePooling2D(name: "gap"),
            new Dense(3, activation: "softmax", name: "dense"),
        ], name: "cnn");
    }

    private static void AssertClose(Tensor actual, Tensor expected, string what)
    {
        Assert.That(actual.shape, Is.EqualTo(expected.shape), what + " shape");
        double diff = (actual - expected).abs().max().item<float>();
        Assert.That(diff, Is.LessThanOrEqualTo(Tolerance), what);
    }

    [TestCase("fit_cnn")]
    [TestCase("fit_residual_cnn")]
    public void Fit_reproduces_Keras(string name)
    {
        keras.backend.clear_session();
        var a = KerasPort.Utils.Npy.load_npz(KerasFixtures.path("layers", name, "data.npz"));
        var recorded = KerasFixtures.Load("layers", name, "history.json");
        var model = Build(name, a);
        string printed = "";
        model.summary(line_length: 80, print_fn: s => printed = s);
        Assert.That(printed, Is.EqualTo((string)recorded["summary_before_fit"]!), "summary before fit");

        model.compile(optimizer: new Adam(learning_rate: 0.01), loss: "categorical_crossentropy", metrics: ["accuracy"]);
        var recorder = new Recorder();
        var history = model.fit(a["x"], a["y"], batch_size: 8, epochs: 3, shuffle: false, verbose: 0, callbacks: [recorder]);

        foreach (var (key, values) in recorded["history"]!.AsObject())
        {
            var expected = values!.AsArray().Select(v => (double)v!).ToArray();
            for (int e = 0; e < expected.Length; e++)
                Assert.That(history.history[key][e], Is.EqualTo(expected[e]).Within(Tolerance * Math.Max(1, Math.Abs(expected[e]))), $"{key}[{e}]");
        }
        int count = recorded["weights"]!.AsArray().Count;
        for (int e = 0; e < 3; e++)
            for (int i = 0; i < count; i++)
                AssertClose(recorder.epoch_weights[e][i], a[$"w_epoch{e}_{i}"], $"weight {i} ({(string)recorded["weights"]![i]!["path"]!}) after epoch {e}");
        AssertClose(model.predict(a["x"]), a["predict"], "predict after fit");
        var evaluated = model.evaluate(a["x"], a["y"], return_dict: true, batch_size: 8, verbose: 0);
        foreach (var (key, value) in recorded["evaluate"]!.AsObject())
            Assert.That(evaluated[key], Is.EqualTo((double)value!).Within(Tolerance), $"evaluate {key}");
        model.summary(line_length: 80, print_fn: s => printed = s);
        Assert.That(printed, Is.EqualTo((string)recorded["summary_after_fit"]!), "summary after fit");
    }

    [Test]
    public void Moving_statistics_stay_the_same_tensors_and_are_not_trained()
    {
        var a = KerasPort.Utils.Npy.load_npz(KerasFixtures.path("layers", "fit_cnn", "data.npz"));
        var model = Build("fit_cnn", a);
        var bn = (BatchNormalization)model.get_layer("bn");
        var mean = bn.moving_mean!;
        var variance = bn.moving_variance!;
        Assert.That(model.trainable_weights, Does.Not.Contain(mean).And.Not.Contain(variance));
        Assert.That(model.non_trainable_weights, Is.EqualTo(new[] { mean, variance }));
        Assert.That(mean.requires_grad, Is.False);
        model.compile(optimizer: new Adam(learning_rate: 0.01), loss: "categorical_crossentropy");
        var before = mean.detach().clone();
        model.fit(a["x"], a["y"], batch_size: 8, epochs: 1, shuffle: false, verbose: 0);
        Assert.That(bn.moving_mean, Is.SameAs(mean), "the moving mean is updated in place");
        Assert.That(mean.IsInvalid, Is.False, "the moving mean survives the steps' dispose scopes");
        Assert.That(mean.same_as(before), Is.False, "training moved the moving mean");
        Assert.That(model.optimizer!.variables.Count, Is.EqualTo(2 + 2 * model.trainable_weights.Count), "Adam tracks only the trainable weights");
    }
}
