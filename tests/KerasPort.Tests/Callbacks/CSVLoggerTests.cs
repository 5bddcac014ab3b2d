using System.Text;
using System.Text.Json.Nodes;
using KerasPort.Callbacks;

namespace KerasPort.Tests.Callbacks;

/// <summary>Compares the files CSVLogger writes with the files Keras's own CSVLogger wrote (tools/callbacks_reference.py).</summary>
public class CSVLoggerTests : TempDirectoryTest
{
    private static IEnumerable<TestCaseData> Cases() => KerasFixtures.Cases("callbacks/callbacks.json", "Keras_", "CSVLogger");

    [TestCaseSource(nameof(Cases))]
    public void Writes_what_Keras_writes(string json)
    {
        var c = JsonNode.Parse(json)!;
        var p = c["params"]!;
        string path = Path.Combine(dir, "log.csv");
        foreach (var fit in c["fits"]!.AsArray())
        {
            var cb = new CSVLogger(path, separator: (string?)p["separator"] ?? ",", append: (bool?)p["append"] ?? false);
            cb.on_train_begin();
            var history = fit!.AsArray();
            for (int epoch = 0; epoch < history.Count; epoch++) cb.on_epoch_end(epoch, KerasFixtures.Logs(history[epoch]!));
            cb.on_train_end();
        }
        byte[] bytes = File.ReadAllBytes(path);
        Assert.That(bytes.Take(3), Is.Not.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }), "no byte order mark");
        Assert.That(Encoding.UTF8.GetString(bytes), Is.EqualTo((string)c["expected"]!["file_text"]!));
    }

    [Test]
    public void Each_row_is_on_disk_as_soon_as_the_epoch_ends()
    {
        string path = Path.Combine(dir, "log.csv");
        var cb = new CSVLogger(path);
        cb.on_train_begin();
        cb.on_epoch_end(0, new Dictionary<string, double> { ["loss"] = 0.5, ["val_loss"] = 0.25 });
        using (var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            Assert.That(new StreamReader(reader).ReadToEnd(), Is.EqualTo("epoch,loss,val_loss\r\n0,0.5,0.25\r\n"));
        cb.on_train_end();
    }

    [Test]
    public void Refuses_a_separator_that_is_not_one_character()
    {
        var e = Assert.Throws<ArgumentException>(() => new CSVLogger(Path.Combine(dir, "x.csv"), separator: ";;"));
        Assert.That(e!.ParamName, Is.EqualTo("separator"));
    }
}
