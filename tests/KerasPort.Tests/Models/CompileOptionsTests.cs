using System.Text.Json.Nodes;
using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Optimizers;
using static KerasPort.Tests.TestSupport.NestedLists;

namespace KerasPort.Tests.Models;

/// <summary>
/// compile's weighted_metrics, run_eagerly, jit_compile and steps_per_execution with Keras 3's
/// meaning on torch: a fit with sample weights recorded from Keras 3.15.1
/// (tests/fixtures/losses_metrics/loss_metric_cases.json, "weighted_fit") at 1e-6.
/// </summary>
public class CompileOptionsTests
{
    [Test]
    public void WeightedMetricsTakeSampleWeightsAndMetricsDoNot()
    {
        var c = KerasFixtures.Load("losses_metrics", "loss_metric_cases.json")["weighted_fit"]!;
        var model = new Sequential([new Dense(1, input_shape: [3], activation: "sigmoid")]);
        model.set_weights([f32(c["weights"]![0]!), f32(c["weights"]![1]!)]);
        model.compile(optimizer: new SGD(0.1), loss: "binary_crossentropy", metrics: ["accuracy", "mae"],
                      weighted_metrics: ["accuracy", "mse"], run_eagerly: true, jit_compile: false);
        var history = model.fit(f32(c["x"]!), f32(c["y"]!), sample_weight: f32(c["sample_weight"]!), batch_size: 4, epochs: 2,
                                shuffle: false, verbose: 0);
        var expected = c["history"]!.AsObject();
        Assert.That(history.history.Keys, Is.EquivalentTo(expected.Select(kv => kv.Key)));
        foreach (var (key, values) in expected)
            for (int e = 0; e < 2; e++)
                Assert.That(history.history[key][e], Is.EqualTo((double)values![e]!).Within(1e-6), $"{key} epoch {e}");
        var config = model.get_compile_config();
        Assert.That(config["weighted_metrics"], Is.EqualTo(new object[] { "accuracy", "mse" }));
        Assert.That((config["run_eagerly"], config["steps_per_execution"], config["jit_compile"]), Is.EqualTo((true, 1, false)));
    }

    [Test]
    public void A_regression_fit_with_msle_mape_and_rmse_logs_as_keras()
    {
        // loss "msle", metrics "mape", "MSLE" and RootMeanSquaredError(): each string names its log.
        var c = KerasFixtures.Load("losses_metrics", "loss_metric_cases.json")["regression_fit"]!;
        var model = new Sequential([new Dense(1, input_shape: [4])]);
        model.set_weights([f32(c["weights"]![0]!), f32(c["weights"]![1]!)]);
        model.compile(optimizer: new SGD(0.05), loss: "msle", metrics: ["mape", "MSLE", new KerasPort.Metrics.RootMeanSquaredError()],
                      run_eagerly: true, jit_compile: false);
        var x = f32(c["x"]!);
        var y = f32(c["y"]!);
        var history = model.fit(x, y, batch_size: 4, epochs: 3, shuffle: false, verbose: 0);
        var expected = c["history"]!.AsObject();
        Assert.That(history.history.Keys, Is.EquivalentTo(expected.Select(kv => kv.Key)));
        foreach (var (key, values) in expected)
            for (int e = 0; e < 3; e++)
                Assert.That(history.history[key][e], Is.EqualTo((double)values![e]!).Within(1e-5 * Math.Abs((double)values[e]!)), $"{key} epoch {e}");
        var evaluated = model.evaluate(x, y, batch_size: 4, verbose: 0);
        var expected_evaluate = c["evaluate"]!.AsObject();
        foreach (var (key, value) in expected_evaluate)
            Assert.That(evaluated[model.metrics_names.ToList().IndexOf(key)], Is.EqualTo((double)value!).Within(1e-5 * Math.Abs((double)value!)), $"evaluate {key}");
    }

    [Test]
    public void JitCompileIsAcceptedAndIgnored()
    {
        var model = new Sequential([new Dense(1, input_shape: [2])]);
        using var warnings = CapturedWarnings.of_callbacks();
        model.compile(optimizer: new Adam(1e-3), loss: "binary_crossentropy", metrics: ["accuracy"], jit_compile: true);
        Assert.That(model.jit_compile, Is.False);
        Assert.That(warnings.text, Does.Contain("jit_compile"));
        var history = model.fit(torch.ones(4, 2), torch.ones(4, 1), epochs: 1, verbose: 0);
        Assert.That(history.history.ContainsKey("accuracy"), Is.True);
    }

    [Test]
    public void StepsPerExecutionMustBeOneOnTorch()
    {
        var model = new Sequential([new Dense(1, input_shape: [2])]);
        var e = Assert.Throws<ArgumentException>(() => model.compile(loss: "mse", steps_per_execution: 4))!;
        Assert.That(e.Message, Does.StartWith("`steps_per_execution` must be 1 with the PyTorch backend. Received: steps_per_execution=4"));
        Assert.That(e.ParamName, Is.EqualTo("steps_per_execution"));
        Assert.That(model.compiled, Is.False, "nothing half-done");
    }

    [Test]
    public void AWeightedMetricNamedAsAMetricIsPrefixed()
    {
        var model = new Sequential([new Dense(1, input_shape: [2], activation: "sigmoid")]);
        model.compile(optimizer: new SGD(0.1), loss: "binary_crossentropy", metrics: ["mse"], weighted_metrics: ["mse", "mae"]);
        var results = model.evaluate(torch.ones(4, 2), torch.ones(4, 1), sample_weight: torch.tensor(new float[] { 1, 2, 3, 4 }), verbose: 0);
        Assert.That(model.metrics_names, Is.EqualTo(new[] { "loss", "mse", "weighted_mse", "mae" }));
        Assert.That(results, Has.Length.EqualTo(4));
    }
}
