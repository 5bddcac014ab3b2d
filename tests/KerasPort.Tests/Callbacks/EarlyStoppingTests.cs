using System.Text.Json.Nodes;
using KerasPort.Callbacks;

namespace KerasPort.Tests.Callbacks;

[NonParallelizable] // captures Callback.warnings_writer
public class EarlyStoppingTests
{
    private static IEnumerable<TestCaseData> Cases() => KerasFixtures.Cases("early_stopping.json", "Keras_case_");

    private static double Number(JsonNode node) => KerasFixtures.Number(node);

    private static EarlyStopping Build(JsonObject p)
    {
        return new EarlyStopping(
            monitor: (string?)p["monitor"] ?? "val_loss",
            min_delta: p["min_delta"] is { } d ? Number(d) : 0,
            patience: (int?)p["patience"] ?? 0,
            verbose: (int?)p["verbose"] ?? 0,
            mode: (string?)p["mode"] ?? "auto",
            baseline: p["baseline"] is { } b ? Number(b) : null,
            restore_best_weights: (bool?)p["restore_best_weights"] ?? false,
            start_from_epoch: (int?)p["start_from_epoch"] ?? 0);
    }

    /// <summary>
    /// Drives the callback exactly as the recorded driver did (Keras 3's fit loop order) and
    /// compares every decision with Keras's, in float32 comparison (the torch backend's).
    /// </summary>
    [TestCaseSource(nameof(Cases))]
    public void Decides_as_Keras(string json)
    {
        var c = JsonNode.Parse(json)!.AsObject();
        var expected = c["expected_float32_compare"]!.AsObject();
        using var warnings = CapturedWarnings.of_callbacks();
        var messages = new StringWriter();
        var model = new TestModel(torch.tensor(-1.0));
        model.stop_training = false;
        var cb = Build(c["params"]!.AsObject());
        cb.stdout = messages;
        cb.set_model(model);
        cb.on_train_begin();

        int? external_stop_at = (int?)c["external_stop_at"];
        int epochs_run = 0;
        int? stop_epoch = null;
        Exception? error = null;
        int error_epoch = -1;
        Dictionary<string, double>? last_logs = null;
        var trace = new List<(int epoch, int wait, double? best, int best_epoch, bool stop, double? weights_epoch)>();
        var history = c["history"]!.AsArray();
        for (int epoch = 0; epoch < history.Count; epoch++)
        {
            var logs = history[epoch]!.AsObject().ToDictionary(kv => kv.Key, kv => Number(kv.Value!));
            last_logs = logs;
            model.variables[0] = torch.tensor((double)epoch);
            cb.on_epoch_begin(epoch);
            try { cb.on_epoch_end(epoch, logs); }
            catch (ArgumentException e) { error = e; error_epoch = epoch; break; }
            epochs_run++;
            if (epoch == external_stop_at) model.stop_training = true;
            trace.Add((epoch, cb.wait, cb.best, cb.best_epoch, model.stop_training, cb.best_weights?[0].item<double>()));
            if (model.stop_training) { stop_epoch = epoch; break; }
        }
        if (error is null) cb.on_train_end(last_logs);

        var e_error = expected["error"];
        if (e_error is null) Assert.That(error, Is.Null);
        else
        {
            Assert.That((string)e_error["type"]!, Is.EqualTo("ValueError"));
            Assert.That(error, Is.Not.Null);
            Assert.That(error!.Message, Does.StartWith((string)e_error["message"]!));
            Assert.That(error_epoch, Is.EqualTo((int)e_error["epoch"]!));
        }
        Assert.That(epochs_run, Is.EqualTo((int)expected["epochs_run"]!), "epochs_run");
        Assert.That(stop_epoch, Is.EqualTo((int?)expected["stop_epoch"]), "stop_epoch");
        Assert.That(cb.stopped_epoch, Is.EqualTo((int)expected["stopped_epoch"]!), "stopped_epoch");
        Assert.That(cb.best, Is.EqualTo(expected["best"] is { } eb ? Number(eb) : (double?)null), "best");
        Assert.That(cb.best_epoch, Is.EqualTo((int)expected["best_epoch"]!), "best_epoch");
        Assert.That(cb.wait, Is.EqualTo((int)expected["wait"]!), "wait");
        Assert.That(cb.min_delta, Is.EqualTo(Number(expected["min_delta_internal"]!)), "min_delta_internal");
        string? op = cb.monitor_op is null ? null : cb.monitor_op == MonitorCallback.less ? "less" : "greater";
        Assert.That(op, Is.EqualTo((string?)expected["monitor_op"]), "monitor_op");

        var restored = model.set_weights_calls.Select(w => (int)w[0].item<double>()).ToArray();
        Assert.That(restored, Is.EqualTo(expected["set_weights_calls"]!.AsArray().Select(n => (int)n!).ToArray()), "set_weights_calls");
        Assert.That(restored.Length > 0 ? restored[^1] : (int?)null, Is.EqualTo((int?)expected["restored_epoch"]), "restored_epoch");
        var taken = model.get_weights_calls.Select(w => (int?)(int)w[0].item<double>()).ToArray();
        Assert.That(taken, Is.EqualTo(expected["get_weights_calls"]!.AsArray().Select(n => (int?)n).ToArray()), "get_weights_calls");

        Assert.That(warnings.lines(), Is.EqualTo(expected["warnings"]!.AsArray().Select(n => (string)n!)), "warnings");
        Assert.That(Lines(messages), Is.EqualTo(expected["messages"]!.AsArray().Select(n => (string)n!)), "messages");

        var e_trace = expected["trace"]!.AsArray();
        Assert.That(trace, Has.Count.EqualTo(e_trace.Count), "trace length");
        for (int i = 0; i < trace.Count; i++)
        {
            var t = e_trace[i]!;
            Assert.That(trace[i].epoch, Is.EqualTo((int)t["epoch"]!));
            Assert.That(trace[i].wait, Is.EqualTo((int)t["wait"]!), $"wait at epoch {i}");
            Assert.That(trace[i].best, Is.EqualTo(t["best"] is { } tb ? Number(tb) : (double?)null), $"best at epoch {i}");
            Assert.That(trace[i].best_epoch, Is.EqualTo((int)t["best_epoch"]!), $"best_epoch at epoch {i}");
            Assert.That(trace[i].stop, Is.EqualTo((bool)t["stop_training"]!), $"stop_training at epoch {i}");
            Assert.That(trace[i].weights_epoch, Is.EqualTo(t["best_weights_epoch"] is { } bw ? (double)bw : (double?)null), $"best_weights_epoch at epoch {i}");
        }
    }

    private static IEnumerable<TestCaseData> FitCases()
    {
        string root = KerasFixtures.path("fit");
        foreach (var dir in Directory.GetDirectories(root).OrderBy(d => d, StringComparer.Ordinal))
        {
            var c = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "case.json")))!;
            if (c["callbacks"] is JsonArray callbacks && callbacks.Any(cb => (string?)cb!["class_name"] == "EarlyStopping"))
                yield return new TestCaseData(Path.GetFileName(dir)).SetName("Keras_fit_" + Path.GetFileName(dir));
        }
    }

    /// <summary>
    /// The EarlyStopping of a real Keras fit (fixtures/fit, e.g. v08): driven with that fit's epoch
    /// logs and its end-of-epoch weights, it stops, keeps and restores exactly as Keras did.
    /// </summary>
    [TestCaseSource(nameof(FitCases))]
    public void Decides_as_in_a_recorded_Keras_fit(string caseName)
    {
        string dir = KerasFixtures.path("fit", caseName);
        var c = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "case.json")))!;
        var h = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "history.json")))!;
        var arrays = KerasPort.Utils.Npy.load_npz(Path.Combine(dir, "data.npz"));
        var config = c["callbacks"]!.AsArray().First(cb => (string?)cb!["class_name"] == "EarlyStopping")!["config"]!.AsObject();
        var expected = h["early_stopping"]![0]!;
        int nWeights = c["weights_order"]!.AsArray().Count;
        Tensor[] WeightsOf(string prefix) => Enumerable.Range(0, nWeights).Select(i => arrays[$"{prefix}_{i}"]).ToArray();

        var model = new TestModel(WeightsOf("w0"));
        var cb = Build(config);
        cb.set_model(model);
        cb.on_train_begin();
        var history = h["history"]!.AsObject();
        int epochs = (int)c["fit"]!["epochs"]!, run = 0;
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            var logs = history.ToDictionary(kv => kv.Key, kv => (double)kv.Value!.AsArray()[epoch]!);
            var end_of_epoch = WeightsOf($"w_epoch{epoch}");
            for (int i = 0; i < nWeights; i++) model.variables[i] = end_of_epoch[i];
            cb.on_epoch_begin(epoch);
            cb.on_epoch_end(epoch, logs);
            run++;
            if (model.stop_training) break;
        }
        cb.on_train_end();

        Assert.That(run, Is.EqualTo((int)expected["epochs_run"]!));
        Assert.That(cb.stopped_epoch, Is.EqualTo((int)expected["stopped_epoch"]!));
        Assert.That(cb.best_epoch, Is.EqualTo((int)expected["best_epoch"]!));
        Assert.That(cb.best, Is.EqualTo((double)expected["best"]!));
        Assert.That(cb.wait, Is.EqualTo((int)expected["wait"]!));
        var final = WeightsOf("w_final");
        for (int i = 0; i < nWeights; i++)
            Assert.That(model.variables[i].eq(final[i]).all().item<bool>(), Is.True, $"weight {i} equals Keras's w_final after the restore");
    }

    private static string[] Lines(StringWriter w) => w.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Test]
    public void Every_recorded_case_is_a_test()
    {
        var root = KerasFixtures.Load("early_stopping.json");
        Assert.That(Cases().Count(), Is.EqualTo(root["cases"]!.AsArray().Count).And.GreaterThan(0));
    }

    [Test]
    public void Float32_comparison_differs_from_float64_where_Keras_says_it_does()
    {
        // 0.12 + 0.02 < 0.14 in float64, equal in float32: the tie is no improvement.
        var cb = new EarlyStopping(monitor: "loss", min_delta: 0.02, mode: "min", patience: 5);
        cb.set_model(new TestModel(torch.tensor(0.0)));
        cb.on_train_begin();
        cb.on_epoch_end(0, new Dictionary<string, double> { ["loss"] = 0.14 });
        cb.on_epoch_end(1, new Dictionary<string, double> { ["loss"] = 0.12 });
        Assert.That(cb.best, Is.EqualTo(0.14));
        Assert.That(cb.wait, Is.EqualTo(1));
    }

    [Test]
    public void Refuses_a_negative_patience()
    {
        var e = Assert.Throws<ArgumentException>(() => new EarlyStopping(patience: -1));
        Assert.That(e!.Message, Does.Contain("patience=-1"));
        Assert.That(e.ParamName, Is.EqualTo("patience"));
    }

    [Test]
    public void Refuses_a_negative_start_from_epoch()
    {
        var e = Assert.Throws<ArgumentException>(() => new EarlyStopping(start_from_epoch: -2));
        Assert.That(e!.Message, Does.Contain("start_from_epoch=-2"));
    }

    [Test]
    public void Needs_a_model_before_it_can_act()
    {
        var cb = new EarlyStopping(monitor: "loss");
        cb.on_train_begin();
        Assert.Throws<InvalidOperationException>(() => cb.on_epoch_end(0, new Dictionary<string, double> { ["loss"] = 1 }));
    }

    [Test]
    public void Can_be_reused_across_fit_calls()
    {
        var model = new TestModel(torch.tensor(0.0));
        var cb = new EarlyStopping(monitor: "loss", patience: 0);
        cb.set_model(model);
        cb.on_train_begin();
        cb.on_epoch_end(0, new Dictionary<string, double> { ["loss"] = 1.0 });
        cb.on_epoch_end(1, new Dictionary<string, double> { ["loss"] = 2.0 });
        Assert.That(cb.stopped_epoch, Is.EqualTo(1));
        cb.on_train_begin();
        Assert.That((cb.best, cb.wait, cb.stopped_epoch, cb.best_epoch), Is.EqualTo(((double?)null, 0, 0, 0)));
    }
}
