using System.Text.Json.Nodes;
using KerasPort.Callbacks;

namespace KerasPort.Tests.Callbacks;

/// <summary>Replays the cases recorded from Keras's own ReduceLROnPlateau (tools/callbacks_reference.py).</summary>
[NonParallelizable] // captures Callback.warnings_writer
public class ReduceLROnPlateauTests
{
    private static IEnumerable<TestCaseData> Cases() => KerasFixtures.Cases("callbacks/callbacks.json", "Keras_", "ReduceLROnPlateau");

    private static ReduceLROnPlateau Build(JsonObject p) => new(
        monitor: (string?)p["monitor"] ?? "val_loss",
        factor: p["factor"] is { } f ? (double)f : 0.1,
        patience: (int?)p["patience"] ?? 10,
        verbose: (int?)p["verbose"] ?? 0,
        mode: (string?)p["mode"] ?? "auto",
        min_delta: p["min_delta"] is { } d ? (double)d : 1e-4,
        cooldown: (int?)p["cooldown"] ?? 0,
        min_lr: p["min_lr"] is { } m ? (double)m : 0.0);

    [TestCaseSource(nameof(Cases))]
    public void Reduces_as_Keras(string json)
    {
        var c = JsonNode.Parse(json)!;
        var expected = c["expected"]!;
        if (expected["constructor_error"] is { } error)
        {
            var e = Assert.Throws<ArgumentException>(() => Build(c["params"]!.AsObject()));
            Assert.That(e!.Message, Does.StartWith((string)error["message"]!));
            return;
        }

        using var warnings = CapturedWarnings.of_callbacks();
        var output = new StringWriter();
        var model = new TestModel(torch.zeros(1));
        model.set_optimizer(new TestOptimizer((double)c["learning_rate"]!));
        var cb = Build(c["params"]!.AsObject());
        cb.stdout = output;
        cb.set_model(model);
        cb.on_train_begin();
        var history = c["history"]!.AsArray();
        var trace = expected["trace"]!.AsArray();
        for (int epoch = 0; epoch < history.Count; epoch++)
        {
            var logs = KerasFixtures.Logs(history[epoch]!);
            cb.on_epoch_begin(epoch);
            cb.on_epoch_end(epoch, logs);
            var t = trace[epoch]!;
            Assert.That(model.optimizer!.learning_rate, Is.EqualTo((double)t["learning_rate"]!), $"learning_rate after epoch {epoch}");
            Assert.That(cb.wait, Is.EqualTo((int)t["wait"]!), $"wait after epoch {epoch}");
            Assert.That(cb.cooldown_counter, Is.EqualTo((int)t["cooldown_counter"]!), $"cooldown_counter after epoch {epoch}");
            Assert.That(cb.best, Is.EqualTo(KerasFixtures.NumberOrNull(t["best"])), $"best after epoch {epoch}");
            Assert.That(logs.ToArray(), Is.EqualTo(KerasFixtures.Logs(t["logs_after"]!).ToArray()), $"logs after epoch {epoch}");
        }
        Assert.That(output.ToString(), Is.EqualTo(string.Concat(KerasFixtures.Strings(expected["messages"]!).Select(m => m + "\n"))));
        Assert.That(warnings.lines(), Is.EqualTo(KerasFixtures.Strings(expected["warnings"]!)));
    }

    [Test]
    public void Needs_a_compiled_model()
    {
        var cb = new ReduceLROnPlateau(monitor: "loss");
        cb.set_model(new TestModel(torch.zeros(1)));
        cb.on_train_begin();
        Assert.Throws<InvalidOperationException>(() => cb.on_epoch_end(0, new Dictionary<string, double> { ["loss"] = 1 }));
    }

    [TestCase(-1, 0)]
    [TestCase(0, -2)]
    public void Refuses_negative_patience_or_cooldown(int patience, int cooldown)
    {
        var e = Assert.Throws<ArgumentException>(() => new ReduceLROnPlateau(patience: patience, cooldown: cooldown));
        Assert.That(e!.ParamName, Is.EqualTo(patience < 0 ? "patience" : "cooldown"));
    }
}
