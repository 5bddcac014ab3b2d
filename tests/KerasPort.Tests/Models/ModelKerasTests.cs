using KerasPort.Layers;
using KerasPort.Losses;
using KerasPort.Metrics;
using KerasPort.Models;

namespace KerasPort.Tests.Models;

/// <summary>Keras's models/model_test.py, the multi-output compile cases that translate (list and dict losses and metrics, their errors).</summary>
[NonParallelizable]
public sealed class ModelKerasTests
{
    [SetUp]
    public void Reset() => keras.backend.clear_session();

    private static Model multi_outputs_list()
    {
        var x = keras.Input(shape: [3], name: "input_a");
        var output_a = new Dense(1, name: "output_a").__call__(x);
        var output_b = new Dense(1, name: "output_b", activation: "sigmoid").__call__(x);
        return new Model(x, [output_a, output_b]);
    }

    private static (Tensor x, Tensor y1, Tensor y2) data() =>
        (torch.rand(8, 3), torch.rand(8, 1), torch.randint(0, 2, [8, 1]).to_type(ScalarType.Float32));

    [Test]
    public void Functional_list_outputs_list_losses()
    {
        var model = multi_outputs_list();
        var (x, y1, y2) = data();
        model.compile(optimizer: "sgd", loss: new[] { "mean_squared_error", "binary_crossentropy" },
            metrics: ["mean_squared_error", new[] { "mean_squared_error", "accuracy" }], loss_weights: new[] { 0.1, 2 });
        var hist = model.fit(x, [y1, y2], batch_size: 2, epochs: 1, verbose: 0);
        Assert.That(hist.history.Keys.OrderBy(k => k, StringComparer.Ordinal), Is.EqualTo(new[]
        {
            "loss", "output_a_loss", "output_a_mean_squared_error", "output_b_accuracy", "output_b_loss", "output_b_mean_squared_error",
        }));
    }

    [Test]
    public void Functional_list_outputs_dict_losses_metrics()
    {
        var model = multi_outputs_list();
        var (x, y1, y2) = data();
        model.compile(optimizer: "sgd",
            loss: new Dictionary<string, LossSpec> { ["output_a"] = "mean_squared_error", ["output_b"] = "binary_crossentropy" },
            metrics: new Dictionary<string, MetricSpec> { ["output_a"] = new[] { "mean_squared_error" }, ["output_b"] = new[] { "mean_squared_error", "accuracy" } });
        var outputs = model.predict_outputs(x, verbose: 0);
        Assert.That(outputs.Select(o => o.shape), Is.EqualTo(new[] { new long[] { 8, 1 }, [8, 1] }));
        var hist = model.fit(x, [y1, y2], batch_size: 2, epochs: 1, verbose: 0);
        Assert.That(hist.history.Keys.OrderBy(k => k, StringComparer.Ordinal), Is.EqualTo(new[]
        {
            "loss", "output_a_loss", "output_a_mean_squared_error", "output_b_accuracy", "output_b_loss", "output_b_mean_squared_error",
        }));
    }

    [Test]
    public void Functional_list_outputs_dict_losses_partial_metrics()
    {
        var model = multi_outputs_list();
        var (x, y1, y2) = data();
        model.compile(optimizer: "sgd",
            loss: new Dictionary<string, LossSpec> { ["output_a"] = "mean_squared_error", ["output_b"] = "binary_crossentropy" },
            metrics: new Dictionary<string, MetricSpec> { ["output_b"] = new[] { "mean_squared_error", "accuracy" } });
        var hist = model.fit(x, [y1, y2], batch_size: 2, epochs: 1, verbose: 0);
        Assert.That(hist.history.Keys.OrderBy(k => k, StringComparer.Ordinal), Is.EqualTo(new[]
        {
            "loss", "output_a_loss", "output_b_accuracy", "output_b_loss", "output_b_mean_squared_error",
        }));
    }

    [Test]
    public void Functional_list_outputs_dict_losses_invalid_keys()
    {
        var model = multi_outputs_list();
        var e = Assert.Throws<ArgumentException>(() => model.compile(optimizer: "sgd",
            loss: new Dictionary<string, LossSpec> { ["output_a"] = "mean_squared_error", ["output_c"] = "binary_crossentropy" }))!;
        Assert.That(e.Message, Does.Contain("Expected keys"));
        Assert.That(Assert.Throws<ArgumentException>(() => model.compile(optimizer: "sgd",
            loss: new Dictionary<string, LossSpec> { ["output_a"] = "mean_squared_error" }))!.Message, Does.Contain("Expected keys"));
    }

    [Test]
    public void Functional_list_outputs_dict_metrics_invalid_keys()
    {
        var model = multi_outputs_list();
        var (x, y1, y2) = data();
        model.compile(optimizer: "sgd",
            loss: new Dictionary<string, LossSpec> { ["output_a"] = "mean_squared_error", ["output_b"] = "binary_crossentropy" },
            metrics: new Dictionary<string, MetricSpec> { ["output_c"] = new[] { "mean_squared_error", "accuracy" } });
        var e = Assert.Throws<ArgumentException>(() => model.fit(x, [y1, y2], batch_size: 2, epochs: 1, verbose: 0))!;
        Assert.That(e.Message, Does.Match("(?s)Invalid `metrics`.*output_c"));
    }

    [Test]
    public void Functional_single_output_in_a_list()
    {
        var x = keras.Input(shape: [3], name: "input_a");
        var output_a = new Dense(1, name: "output_a").__call__(x);
        var model = new Model(x, [output_a]);
        model.compile(optimizer: "sgd", loss: "mean_squared_error", metrics: ["mean_squared_error"]);
        var hist = model.fit(torch.rand(8, 3), torch.rand(8, 1), batch_size: 2, epochs: 1, verbose: 0);
        Assert.That(hist.history.Keys.OrderBy(k => k, StringComparer.Ordinal), Is.EqualTo(new[] { "loss", "mean_squared_error" }));
    }
}
