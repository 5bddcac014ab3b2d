using System.Text.Json.Nodes;
using KerasPort.Callbacks;
using KerasPort.Layers;
using KerasPort.Losses;
using KerasPort.Metrics;
using KerasPort.Models;
using KerasPort.Optimizers;
using KerasPort.Utils;

namespace KerasPort.Tests.Models;

/// <summary>
/// Fit runs of Functional and nested models against real Keras 3.15 (tests/fixtures/functional,
/// recorded by tools/record_functional_fits.py): the same layers, the recorded initial weights, no
/// shuffling; then history, evaluate, predict and the final weights within 1e-4 (float32 training
/// over a few epochs; the runs agree to about 1e-6), and the summary text exactly.
/// </summary>
[NonParallelizable]
public sealed class FunctionalFitConformanceTests
{
    private const double Tolerance = 1e-4;

    [SetUp]
    public void Reset() => keras.backend.clear_session();

    private static Dictionary<string, Tensor> Arrays(string name) => Npy.load_npz(KerasFixtures.path("functional", name + ".npz"));

    private static Tensor[] Series(Dictionary<string, Tensor> arrays, string prefix) =>
        arrays.Where(p => p.Key.StartsWith(prefix + "_", StringComparison.Ordinal))
            .OrderBy(p => int.Parse(p.Key[(prefix.Length + 1)..])).Select(p => p.Value).ToArray();

    /// <summary>Sets the recorded initial weights, fits as Keras did, and checks every recorded number.</summary>
    private static void Check(string name, Model model, Action<Model> compile, Func<Model, Tensor[], Tensor[], History> fit, int batch_size)
    {
        var arrays = Arrays(name);
        var record = KerasFixtures.Load("functional", name + ".json");
        var x = Series(arrays, "x");
        var y = Series(arrays, "y");
        model.set_weights(Series(arrays, "w"));
        compile(model);
        var history = fit(model, x, y);
        var expected = record["history"]!.AsObject();
        Assert.That(history.history.Keys.OrderBy(k => k, StringComparer.Ordinal), Is.EqualTo(expected.Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal)));
        foreach (var (key, values) in expected)
            Assert.That(history.history[key], Is.EqualTo(values!.AsArray().Select(v => (double)v!).ToArray()).Within(Tolerance), key);

        var evaluation = model.evaluate(x, y, batch_size: batch_size);
        Assert.That(evaluation, Is.EqualTo(record["evaluate"]!.AsArray().Select(v => (double)v!).ToArray()).Within(Tolerance), "evaluate");
        var predictions = model.predict_outputs(x, batch_size: batch_size);
        var expected_predictions = Series(arrays, "p");
        Assert.That(predictions, Has.Length.EqualTo(expected_predictions.Length));
        for (int i = 0; i < predictions.Length; i++)
            Assert.That(predictions[i].allclose(expected_predictions[i], rtol: 0, atol: Tolerance), Is.True, $"prediction {i}");
        var final_weights = Series(arrays, "f");
        var weights = model.get_weights();
        Assert.That(weights, Has.Length.EqualTo(final_weights.Length));
        for (int i = 0; i < weights.Length; i++)
            Assert.That(weights[i].allclose(final_weights[i], rtol: 0, atol: Tolerance), Is.True, $"final weight {i}");
        Assert.That(model.summary_text(line_length: 76), Is.EqualTo((string)record["summary_76"]!));
    }

    [Test]
    public void Residual_add()
    {
        var inputs = keras.Input(shape: [6], name: "features");
        var h = new Dense(8, activation: "relu", name: "hidden").__call__(inputs);
        h = new Dense(6, name: "project").__call__(h);
        var x = keras.layers.add([h, inputs], name: "residual");
        var outputs = new Dense(1, name: "head").__call__(x);
        var model = new Model(inputs, outputs, name: "residual_model");
        Check("residual", model, m => m.compile(optimizer: new Adam(0.01), loss: "mse", metrics: ["mae"]),
            (m, xs, ys) => m.fit(xs, ys, epochs: 4, batch_size: 16, shuffle: false, verbose: 0), 16);
    }

    [Test]
    public void Two_inputs_with_a_concatenate()
    {
        var a = keras.Input(shape: [5], name: "left");
        var b = keras.Input(shape: [3], name: "right");
        var ha = new Dense(4, activation: "tanh", name: "left_dense").__call__(a);
        var hb = new Dense(4, activation: "relu", name: "right_dense").__call__(b);
        var merged = new Concatenate(name: "joined").__call__([ha, hb]);
        var score = new Dense(1, activation: "sigmoid", name: "score").__call__(merged);
        var model = new Model([a, b], score, name: "two_inputs_model");
        Check("two_inputs", model, m => m.compile(optimizer: new SGD(0.1), loss: "binary_crossentropy", metrics: ["accuracy"]),
            (m, xs, ys) => m.fit(xs, ys, epochs: 3, batch_size: 10, shuffle: false, verbose: 0), 10);
    }

    [Test]
    public void Sequential_as_a_layer_of_a_functional_model()
    {
        var block = new Sequential([new Dense(8, activation: "relu", name: "block_dense_1"), new Dense(4, name: "block_dense_2")], name: "block");
        var inputs = keras.Input(shape: [5], name: "seq_input");
        var x = block.__call__(inputs);
        var outputs = new Dense(1, name: "seq_head").__call__(x);
        var model = new Model(inputs, outputs, name: "nested_sequential_model");
        Check("nested_sequential", model, m => m.compile(optimizer: new RMSprop(0.01), loss: "mse"),
            (m, xs, ys) => m.fit(xs, ys, epochs: 3, batch_size: 8, shuffle: false, verbose: 0), 8);
    }

    [Test]
    public void Functional_model_as_a_layer_of_a_sequential()
    {
        var inner_in = keras.Input(shape: [4], name: "inner_input");
        var inner_out = new Dense(6, activation: "tanh", name: "inner_dense").__call__(inner_in);
        var inner = new Model(inner_in, inner_out, name: "inner");
        var model = new Sequential([keras.Input(shape: [4], name: "outer_input"), inner, new Dense(3, activation: "softmax", name: "classes")], name: "model_as_layer");
        Check("model_as_layer", model, m => m.compile(optimizer: new Adam(0.02), loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]),
            (m, xs, ys) => m.fit(xs, ys, epochs: 3, batch_size: 12, shuffle: false, verbose: 0), 12);
    }

    [Test]
    public void Two_outputs_with_losses_weights_and_metrics_by_name()
    {
        var inputs = keras.Input(shape: [4], name: "shared_input");
        var trunk = new Dense(8, activation: "relu", name: "trunk").__call__(inputs);
        var out_a = new Dense(1, name: "a").__call__(trunk);
        var out_b = new Dense(3, activation: "softmax", name: "b").__call__(trunk);
        var model = new Model(inputs, [out_a, out_b], name: "two_outputs_model");
        Check("two_outputs", model,
            m => m.compile(optimizer: new Adam(0.01),
                loss: new Dictionary<string, LossSpec> { ["a"] = "mse", ["b"] = "sparse_categorical_crossentropy" },
                loss_weights: new Dictionary<string, double> { ["a"] = 0.5, ["b"] = 1.0 },
                metrics: new Dictionary<string, MetricSpec> { ["b"] = new[] { "accuracy" } }),
            (m, xs, ys) => m.fit(xs, ys, epochs: 3, batch_size: 8, shuffle: false, verbose: 0), 8);
    }

    [Test]
    public void Sequential_without_input_shape_builds_in_fit_and_fits_twice()
    {
        var arrays = Arrays("lazy");
        var record = KerasFixtures.Load("functional", "lazy.json");
        var model = new Sequential([
            new Dense(4, activation: "relu", kernel_initializer: "ones", name: "lazy_1"),
            new Dense(1, kernel_initializer: new KerasPort.Initializers.Constant(0.1), name: "lazy_2")], name: "lazy");
        model.compile(optimizer: new SGD(0.05), loss: "mse");
        var first = model.fit(arrays["x_0"], arrays["y_0"], epochs: 2, batch_size: 8, shuffle: false, verbose: 0);
        var second = model.fit(arrays["x_0"], arrays["y_0"], epochs: 2, batch_size: 8, shuffle: false, verbose: 0);
        Assert.That(first.history["loss"], Is.EqualTo(record["history"]!["loss"]!.AsArray().Select(v => (double)v!).ToArray()).Within(Tolerance));
        Assert.That(second.history["loss"], Is.EqualTo(record["history_second_fit"]!["loss"]!.AsArray().Select(v => (double)v!).ToArray()).Within(Tolerance));
        var weights = model.get_weights();
        var expected = Series(arrays, "f");
        for (int i = 0; i < weights.Length; i++)
            Assert.That(weights[i].allclose(expected[i], rtol: 0, atol: Tolerance), Is.True, $"final weight {i}");
        Assert.That(model.summary_text(line_length: 76), Is.EqualTo((string)record["summary_76"]!));
    }

    [Test]
    public void Two_inputs_summary_matches_the_keras_saved_model()
    {
        // ../shared/keras-reference/models/two_inputs: Keras's own summary of a model saved by another
        // program (names as that session's counters gave them).
        var numbers = keras.Input(shape: [6], name: "numbers");
        var extra = keras.Input(shape: [4], name: "extra");
        var a = new Dense(8, activation: "relu", kernel_regularizer: keras.regularizers.l2(0.01), name: "dense_3").__call__(numbers);
        var b = new Dense(8, activation: "relu", name: "dense_4").__call__(extra);
        var merged = keras.layers.concatenate([a, b], name: "concatenate");
        var dropped = new Dropout(0.2, name: "dropout_3").__call__(merged);
        var score = new Dense(1, activation: "sigmoid", name: "score").__call__(dropped);
        var model = new Model([numbers, extra], score, name: "functional_20");
        model.compile(optimizer: new Adam(), loss: "binary_crossentropy");
        model.optimizer!.build(model.trainable_weights);
        var expected = File.ReadAllText(KerasFixtures.path("functional", "keras_models", "two_inputs.summary.txt"));
        Assert.That(model.summary_text(line_length: 76), Is.EqualTo(expected.TrimEnd('\n') + "\n"));
    }
}
