using System.Text.Json;
using System.Text.Json.Nodes;
using KerasPort.Callbacks;

namespace KerasPort.Tests.Callbacks;

/// <summary>
/// Replays the events recorded from Keras's own ProgbarLogger and Progbar source
/// (tools/progbar_reference.py, fixed clock) and compares the printed text character for character.
/// </summary>
public class ProgbarLoggerTests
{
    private static IEnumerable<TestCaseData> Cases() => KerasFixtures.Cases("progbar/progbar_logger.json", "Keras_progbar_");

    private static Dictionary<string, double>? Logs(JsonArray e, int index) =>
        e.Count > index && e[index] is JsonObject o ? KerasFixtures.Logs(o) : null;

    [TestCaseSource(nameof(Cases))]
    public void Prints_what_Keras_prints(string json)
    {
        var c = JsonNode.Parse(json)!;
        var output = new StringWriter();
        double now = 0;
        ProgbarLogger? cb = null;
        Dictionary<string, object?>? @params = null;
        foreach (var node in c["events"]!.AsArray())
        {
            var e = node!.AsArray();
            switch ((string)e[0]!)
            {
                case "time": now = (double)e[1]!; break;
                case "set_params":
                    var p = e[1]!.AsObject();
                    @params = new Dictionary<string, object?>
                    {
                        ["verbose"] = p["verbose"]!.GetValueKind() == JsonValueKind.String ? (string)p["verbose"]! : (int)p["verbose"]!,
                        ["epochs"] = (int)p["epochs"]!,
                        ["steps"] = (int?)p["steps"],
                    };
                    break;
                case "new":
                    cb = new ProgbarLogger { clock = () => now, dynamic_display = e.Count > 1 ? (bool)e[1]!["dynamic_display"]! : true };
                    cb.stdout = output;
                    cb.set_params(@params!);
                    break;
                case "on_train_begin": cb!.on_train_begin(); break;
                case "on_train_end": cb!.on_train_end(); break;
                case "on_epoch_begin": cb!.on_epoch_begin((int)e[1]!); break;
                case "on_epoch_end": cb!.on_epoch_end((int)e[1]!, Logs(e, 2)); break;
                case "on_train_batch_end": cb!.on_train_batch_end((int)e[1]!, Logs(e, 2)); break;
                case "on_test_begin": cb!.on_test_begin(); break;
                case "on_test_batch_end": cb!.on_test_batch_end((int)e[1]!, Logs(e, 2)); break;
                case "on_test_end": cb!.on_test_end(Logs(e, 1)); break;
                case "on_predict_begin": cb!.on_predict_begin(); break;
                case "on_predict_batch_end": cb!.on_predict_batch_end((int)e[1]!, Logs(e, 2)); break;
                case "on_predict_end": cb!.on_predict_end(); break;
                default: Assert.Fail("unknown event " + e[0]); break;
            }
        }
        Assert.That(output.ToString(), Is.EqualTo((string)c["output"]!));
    }

    [Test]
    public void Verbose_2_prints_one_line_per_epoch_and_4_decimal_values()
    {
        var output = new StringWriter();
        double now = 0;
        var cb = new ProgbarLogger { clock = () => now, stdout = output };
        cb.set_params(new Dictionary<string, object?> { ["verbose"] = 2, ["epochs"] = 2, ["steps"] = 2 });
        cb.on_train_begin();
        for (int epoch = 0; epoch < 2; epoch++)
        {
            cb.on_epoch_begin(epoch);
            for (int b = 0; b < 2; b++) { now += 1; cb.on_train_batch_end(b, new Dictionary<string, double> { ["loss"] = Math.Log(2) }); }
            cb.on_epoch_end(epoch, new Dictionary<string, double> { ["loss"] = Math.Log(2) });
        }
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(4));
        Assert.That(lines[0], Is.EqualTo("Epoch 1/2"));
        Assert.That(lines[1], Does.StartWith("2/2 - ").And.EndWith(" - loss: 0.6931"));
    }

    [Test]
    public void Rejects_an_unknown_verbose()
    {
        var cb = new ProgbarLogger();
        var e = Assert.Throws<ArgumentException>(() => cb.set_params(new Dictionary<string, object?> { ["verbose"] = "loud", ["epochs"] = 1, ["steps"] = 1 }));
        Assert.That(e!.Message, Does.Contain("verbose=loud"));
    }
}
