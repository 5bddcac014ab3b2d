using KerasPort.Callbacks;
using KerasPort.Models;

namespace KerasPort.Tests.Models;

/// <summary>
/// Every recorded Keras 3.15 fit case (tests/fixtures/fit/v01..v08) run through Sequential.fit.
/// Tolerances (FORMAT.md): losses, history, evaluate and model.losses within 1e-4 relative;
/// weights (per epoch and final) and predictions within 5e-5 absolute; accuracies, epoch counts
/// and EarlyStopping's state exact (accuracies to 1e-6).
/// </summary>
[NonParallelizable]
public sealed class FitConformanceTests
{
    private const double Rtol = 1e-4;
    private const double WeightAtol = 5e-5;

    /// <summary>Records what Keras recorded: the batch logs and the weights at each epoch end.</summary>
    private sealed class Recorder : Callback
    {
        public List<List<Dictionary<string, double>>> batch_logs { get; } = new();
        public List<Tensor[]> epoch_weights { get; } = new();
        public List<string> events { get; } = new();

        public override void on_epoch_begin(int epoch, IDictionary<string, double>? logs = null) => batch_logs.Add(new());
        public override void on_train_batch_end(int batch, IDictionary<string, double>? logs = null) => batch_logs[^1].Add(new(logs!));
        public override void on_epoch_end(int epoch, IDictionary<string, double>? logs = null)
        {
            epoch_weights.Add(model!.get_weights());
            events.Add(string.Join(",", logs!.Keys));
        }
    }

    private static void AssertRelative(double actual, double expected, string what) =>
        Assert.That(actual, Is.EqualTo(expected).Within(Rtol * Math.Max(Math.Abs(expected), 1e-6)), what);

    private static void AssertLogs(IReadOnlyDictionary<string, double> actual, IReadOnlyDictionary<string, double> expected, string what)
    {
        Assert.That(actual.Keys, Is.EqualTo(expected.Keys.OrderBy(k => k, StringComparer.Ordinal)), what + " keys");
        foreach (var (key, value) in expected)
        {
            if (key.Contains("accuracy")) Assert.That(actual[key], Is.EqualTo(value).Within(1e-6), $"{what} {key}");
            else AssertRelative(actual[key], value, $"{what} {key}");
        }
    }

    private static void AssertWeights(Tensor[] actual, Tensor[] expected, string what)
    {
        Assert.That(actual, Has.Length.EqualTo(expected.Length), what);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.That(actual[i].shape, Is.EqualTo(expected[i].shape), $"{what} [{i}] shape");
            double diff = (actual[i] - expected[i]).abs().max().item<float>();
            Assert.That(diff, Is.LessThanOrEqualTo(WeightAtol), $"{what} [{i}] max |diff|");
        }
    }

    private static void AssertLosses(Model model, double[] expected, string what)
    {
        var actual = model.losses.Select(t => (double)t.item<float>()).ToArray();
        Assert.That(actual, Has.Length.EqualTo(expected.Length), what);
        for (int i = 0; i < expected.Length; i++) AssertRelative(actual[i], expected[i], $"{what}[{i}]");
    }

    [TestCaseSource(typeof(FitCase), nameof(FitCase.All))]
    public void Layer_configs_are_Keras_configs(string name)
    {
        var c = FitCase.Load(name);
        var model = c.build();
        var recorded = c.spec.GetProperty("keras_layer_configs").EnumerateArray().ToList();
        Assert.That(model.layers, Has.Count.EqualTo(recorded.Count));
        for (int i = 0; i < recorded.Count; i++)
        {
            var ours = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(model.layers[i].get_config()));
            var theirs = System.Text.Json.Nodes.JsonNode.Parse(recorded[i].GetRawText());
            Assert.That(System.Text.Json.Nodes.JsonNode.DeepEquals(ours, theirs), Is.True, $"layer {i}:\n{ours?.ToJsonString()}\n{theirs?.ToJsonString()}");
        }
    }

    [TestCaseSource(typeof(FitCase), nameof(FitCase.All))]
    public void Fit_reproduces_Keras(string name)
    {
        keras.backend.clear_session();
        var c = FitCase.Load(name);
        var x = c.arrays["x"];
        var y = c.arrays["y"];
        var probe = c.arrays["x_probe"];
        var model = c.build();

        AssertLosses(model, c.recorded_list("losses_w0_before_any_call"), "losses at w0 before any call");
        Assert.That((model.predict(probe) - c.arrays["predict_w0"]).abs().max().item<float>(), Is.LessThanOrEqualTo(WeightAtol), "predict at w0");
        model.call(probe, training: false);
        AssertLosses(model, c.recorded_list("losses_w0_after_probe_call"), "losses at w0 after the probe call");

        c.compile(model);
        AssertLogs(model.evaluate(x, y, return_dict: true, batch_size: c.batch_size, verbose: 0), c.recorded_dict("evaluate_w0"), "evaluate at w0");

        var recorder = new Recorder();
        var callbacks = new List<Callback> { recorder };
        EarlyStopping? early = null;
        foreach (var cb in c.spec.GetProperty("callbacks").EnumerateArray())
        {
            var config = cb.GetProperty("config");
            early = new EarlyStopping(monitor: config.GetProperty("monitor").GetString()!, patience: config.GetProperty("patience").GetInt32(),
                restore_best_weights: config.GetProperty("restore_best_weights").GetBoolean());
            callbacks.Add(early);
        }
        var history = model.fit(x, y, batch_size: c.batch_size, epochs: c.epochs, validation_split: c.validation_split,
            shuffle: false, verbose: 0, callbacks: callbacks);

        int epochs_run = c.recorded.GetProperty("epochs_run").GetInt32();
        Assert.That(history.epoch, Is.EqualTo(Enumerable.Range(0, epochs_run).ToList()), "epochs run");
        var expected_keys = c.recorded.GetProperty("history_keys_in_keras_order").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.That(history.history.Keys, Is.EqualTo(expected_keys), "history keys in Keras's order");
        foreach (var key in expected_keys)
        {
            var expected = c.recorded.GetProperty("history").GetProperty(key).EnumerateArray().Select(e => e.GetDouble()).ToArray();
            for (int e = 0; e < expected.Length; e++)
            {
                if (key.Contains("accuracy")) Assert.That(history.history[key][e], Is.EqualTo(expected[e]).Within(1e-6), $"{key}[{e}]");
                else AssertRelative(history.history[key][e], expected[e], $"{key}[{e}]");
            }
        }

        var batch_logs = c.recorded.GetProperty("batch_logs_running_mean").EnumerateArray().ToList();
        Assert.That(recorder.batch_logs, Has.Count.EqualTo(batch_logs.Count));
        for (int e = 0; e < batch_logs.Count; e++)
        {
            var steps = batch_logs[e].EnumerateArray().ToList();
            Assert.That(recorder.batch_logs[e], Has.Count.EqualTo(steps.Count), $"steps of epoch {e}");
            for (int s = 0; s < steps.Count; s++)
                AssertLogs(recorder.batch_logs[e][s], steps[s].EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble()), $"batch log {e}/{s}");
        }

        for (int e = 0; e < epochs_run; e++) AssertWeights(recorder.epoch_weights[e], c.weights($"w_epoch{e}"), $"weights at the end of epoch {e}");
        AssertWeights(model.get_weights(), c.weights("w_final"), "final weights");
        Assert.That((model.predict(probe) - c.arrays["predict_final"]).abs().max().item<float>(), Is.LessThanOrEqualTo(WeightAtol), "predict after fit");
        AssertLogs(model.evaluate(x, y, return_dict: true, batch_size: c.batch_size, verbose: 0), c.recorded_dict("evaluate_final"), "evaluate after fit");
        model.call(probe, training: false);
        AssertLosses(model, c.recorded_list("losses_final_after_probe_call"), "losses after fit and the probe call");

        var recorded_early = c.recorded.GetProperty("early_stopping").EnumerateArray().ToList();
        Assert.That(early is null, Is.EqualTo(recorded_early.Count == 0));
        if (early is not null)
        {
            var r = recorded_early[0];
            Assert.That(early.stopped_epoch, Is.EqualTo(r.GetProperty("stopped_epoch").GetInt32()), "stopped_epoch");
            Assert.That(early.best_epoch, Is.EqualTo(r.GetProperty("best_epoch").GetInt32()), "best_epoch");
            Assert.That(early.wait, Is.EqualTo(r.GetProperty("wait").GetInt32()), "wait");
            AssertRelative(early.best!.Value, r.GetProperty("best").GetDouble(), "best");
            int restored = r.GetProperty("restored_weights_equal_epoch_end_weights_of_epoch").GetInt32();
            AssertWeights(model.get_weights(), recorder.epoch_weights[restored].ToArray(), $"restored weights = end of epoch {restored}");
        }

        if (c.recorded.GetProperty("dropout_twin").ValueKind != System.Text.Json.JsonValueKind.Null)
        {
            var twin_spec = c.recorded.GetProperty("dropout_twin");
            var twin = c.build(twin_spec.GetProperty("dropout_rate").GetDouble());
            c.compile(twin);
            Assert.That(twin.predict(probe).eq(c.build().predict(probe)).all().item<bool>(), Is.True, "twin predicts as the rate-0 model at w0");
            AssertLogs(twin.evaluate(x, y, return_dict: true, batch_size: c.batch_size, verbose: 0),
                twin_spec.GetProperty("evaluate_w0").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble()), "twin evaluate at w0");
            twin.set_weights(model.get_weights());
            Assert.That(twin.predict(probe).eq(model.predict(probe)).all().item<bool>(), Is.True, "twin predicts as the trained model");
            AssertLogs(twin.evaluate(x, y, return_dict: true, batch_size: c.batch_size, verbose: 0),
                twin_spec.GetProperty("evaluate_final").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble()), "twin evaluate after fit");
        }
    }
}
