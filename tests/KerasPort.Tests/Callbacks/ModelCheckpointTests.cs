using System.Text.Json;
using System.Text.Json.Nodes;
using KerasPort.Callbacks;
using KerasPort.Saving;

namespace KerasPort.Tests.Callbacks;

/// <summary>Replays the cases recorded from Keras's own ModelCheckpoint (tools/callbacks_reference.py).</summary>
[NonParallelizable] // captures Callback.warnings_writer
public class ModelCheckpointTests : TempDirectoryTest
{
    private static IEnumerable<TestCaseData> Cases() => KerasFixtures.Cases("callbacks/callbacks.json", "Keras_", "ModelCheckpoint");

    private ModelCheckpoint Build(JsonObject p) => new(
        filepath: dir + "/" + (string)p["filepath"]!,
        monitor: (string?)p["monitor"] ?? "val_loss",
        verbose: (int?)p["verbose"] ?? 0,
        save_best_only: (bool?)p["save_best_only"] ?? false,
        save_weights_only: (bool?)p["save_weights_only"] ?? false,
        mode: (string?)p["mode"] ?? "auto",
        save_freq: p["save_freq"] is { } f ? (f.GetValueKind() == JsonValueKind.String ? (string)f! : (int)f) : null,
        initial_value_threshold: p["initial_value_threshold"] is { } t ? (double)t : null);

    [TestCaseSource(nameof(Cases))]
    public void Saves_as_Keras(string json)
    {
        var c = JsonNode.Parse(json)!;
        var expected = c["expected"]!;
        if (expected["constructor_error"] is { } error)
        {
            var e = Assert.Throws<ArgumentException>(() => Build(c["params"]!.AsObject()));
            Assert.That(e!.Message, Does.StartWith(((string)error["message"]!).Replace("DIR", dir)));
            return;
        }

        using var warnings = CapturedWarnings.of_callbacks();
        var output = new StringWriter();
        var model = new TestModel(torch.arange(6, dtype: ScalarType.Float32).reshape(2, 3));
        var cb = Build(c["params"]!.AsObject());
        cb.stdout = output;
        cb.set_model(model);
        cb.on_train_begin();
        Exception? failure = null;
        try
        {
            var epochs = c["epochs"]!.AsArray();
            for (int epoch = 0; epoch < epochs.Count; epoch++)
            {
                cb.on_epoch_begin(epoch);
                var batches = epochs[epoch]!["batches"]!.AsArray();
                for (int b = 0; b < batches.Count; b++) cb.on_train_batch_end(b, KerasFixtures.Logs(batches[b]!));
                cb.on_epoch_end(epoch, KerasFixtures.Logs(epochs[epoch]!["logs"]!));
            }
        }
        catch (KeyNotFoundException e) { failure = e; }

        if (expected["error"] is { } expectedError)
            Assert.That(failure?.Message, Is.EqualTo(((string)expectedError["message"]!).Replace("DIR", dir)));
        else
            Assert.That(failure, Is.Null);
        Assert.That(model.saved_paths.Select(p => Path.GetRelativePath(dir, p)), Is.EqualTo(KerasFixtures.Strings(expected["saved"]!)));
        Assert.That(cb.best, Is.EqualTo(KerasFixtures.NumberOrNull(expected["best"])));
        Assert.That(output.ToString().Replace(dir, "DIR"), Is.EqualTo(string.Concat(KerasFixtures.Strings(expected["messages"]!).Select(m => m + "\n"))));
        Assert.That(warnings.lines(), Is.EqualTo(KerasFixtures.Strings(expected["warnings"]!)));
        foreach (var path in model.saved_paths.Distinct())
            Assert.That(WeightsFile.read(path).Single().variables[0].eq(model.variables[0]).all().item<bool>(), Is.True, path);
    }

    [TestCase(0)]
    [TestCase(-5)]
    public void Refuses_a_save_freq_that_is_not_positive(int save_freq)
    {
        var e = Assert.Throws<ArgumentException>(() => new ModelCheckpoint(Path.Combine(dir, "w.weights.h5"), save_weights_only: true, save_freq: save_freq));
        Assert.That(e!.ParamName, Is.EqualTo("save_freq"));
    }

    [Test]
    public void Refuses_a_directory_as_the_file()
    {
        Directory.CreateDirectory(Path.Combine(dir, "x.weights.h5"));
        var cb = new ModelCheckpoint(Path.Combine(dir, "x.weights.h5"), save_weights_only: true);
        cb.set_model(new TestModel(torch.zeros(1)));
        cb.on_train_begin();
        Assert.Throws<IOException>(() => cb.on_epoch_end(0, new Dictionary<string, double> { ["val_loss"] = 1 }));
    }
}
