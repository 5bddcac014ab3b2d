using System.Buffers.Binary;
using KerasPort.Callbacks;
using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Optimizers;
using Tensorboard;

namespace KerasPort.Tests.Callbacks;

/// <summary>
/// TensorBoard writes event files that read back: every record's length and data CRCs check
/// (TFRecord's masked CRC32C), and the events hold Keras's tags, steps and values
/// (keras/src/callbacks/tensorboard_test.py, what translates: the summary tags per folder for
/// epoch, batch and histogram logging, and the argument checks).
/// </summary>
public class TensorBoardTests : TempDirectoryTest
{
    private static List<Event> read_events(string folder)
    {
        var events = new List<Event>();
        foreach (var file in Directory.GetFiles(folder, "events.out.tfevents.*").Order())
        {
            var bytes = File.ReadAllBytes(file);
            int at = 0;
            while (at < bytes.Length)
            {
                var header = bytes.AsSpan(at, 8);
                ulong length = BinaryPrimitives.ReadUInt64LittleEndian(header);
                Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 8, 4)), Is.EqualTo(masked_crc32c(header)), "length CRC");
                var data = bytes.AsSpan(at + 12, (int)length);
                Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 12 + (int)length, 4)), Is.EqualTo(masked_crc32c(data)), "data CRC");
                events.Add(Event.Parser.ParseFrom(data.ToArray()));
                at += 16 + (int)length;
            }
        }
        return events;
    }

    // CRC32C (Castagnoli, reflected polynomial 0x82F63B78) bit by bit, independent of the writer's BitOperations path.
    private static uint masked_crc32c(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (var b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78 : crc >> 1;
        }
        crc = ~crc;
        return ((crc >> 15) | (crc << 17)) + 0xa282ead8;
    }

    private static Dictionary<string, List<(long step, double value)>> scalars(IEnumerable<Event> events)
    {
        var result = new Dictionary<string, List<(long, double)>>();
        foreach (var e in events)
            if (e.Summary is { } s)
                foreach (var v in s.Value)
                    if (v.Metadata?.PluginData?.PluginName == "scalars")
                    {
                        if (!result.TryGetValue(v.Tag, out var list)) result[v.Tag] = list = [];
                        list.Add((e.Step, v.Tensor.FloatVal[0]));
                    }
        return result;
    }

    private static (Sequential model, Tensor x, Tensor y) small_model()
    {
        keras.utils.set_random_seed(5);
        var model = new Sequential([new Dense(4, input_shape: [3], activation: "relu"), new Dense(1, activation: "sigmoid")]);
        model.compile(optimizer: new SGD(0.1), loss: "binary_crossentropy", metrics: ["accuracy"]);
        var x = torch.rand(20, 3);
        var y = (torch.rand(20, 1) > 0.5).to_type(ScalarType.Float32);
        return (model, x, y);
    }

    [Test]
    public void EpochScalarsGoToTrainAndValidation()
    {
        var (model, x, y) = small_model();
        string logdir = Path.Combine(dir, "logs");
        var history = model.fit(x, y, batch_size: 5, epochs: 3, verbose: 0, validation_split: 0.25,
                                callbacks: [new TensorBoard(log_dir: logdir)]);
        var train = read_events(Path.Combine(logdir, "train"));
        Assert.That(train[0].FileVersion, Is.EqualTo("brain.Event:2"));
        Assert.That(train[0].WallTime, Is.EqualTo(DateTimeOffset.UtcNow.ToUnixTimeSeconds()).Within(600), "wall time in seconds since the epoch");
        var train_scalars = scalars(train);
        Assert.That(train_scalars.Keys, Is.EquivalentTo(new[] { "epoch_loss", "epoch_accuracy", "epoch_learning_rate" }));
        for (int e = 0; e < 3; e++)
        {
            Assert.That(train_scalars["epoch_loss"][e], Is.EqualTo(((long)e, (double)(float)history.history["loss"][e])));
            Assert.That(train_scalars["epoch_accuracy"][e].value, Is.EqualTo((double)(float)history.history["accuracy"][e]));
            Assert.That(train_scalars["epoch_learning_rate"][e].value, Is.EqualTo(0.1).Within(1e-7));
        }
        var graph = train.Where(e => e.Summary is not null).SelectMany(e => e.Summary.Value).Single(v => v.Metadata.PluginData.PluginName == "graph_keras_model");
        Assert.That(graph.Tag, Is.EqualTo("keras"));
        Assert.That(graph.Tensor.StringVal[0].ToStringUtf8(), Does.Contain("\"class_name\": \"Sequential\""));

        var validation = scalars(read_events(Path.Combine(logdir, "validation")));
        Assert.That(validation.Keys, Is.EquivalentTo(new[] { "epoch_loss", "epoch_accuracy", "evaluation_loss_vs_iterations", "evaluation_accuracy_vs_iterations" }));
        Assert.That(validation["epoch_loss"].Select(p => p.value), Is.EqualTo(history.history["val_loss"].Select(v => (double)(float)v)));
        // Evaluation summaries are stepped by the optimizer's iterations: 3 batches of 5 per epoch.
        Assert.That(validation["evaluation_loss_vs_iterations"].Select(p => p.step), Is.EqualTo(new long[] { 3, 6, 9 }));
    }

    [Test]
    public void BatchScalarsEveryUpdateFreqBatches()
    {
        var (model, x, y) = small_model();
        string logdir = Path.Combine(dir, "logs");
        model.fit(x, y, batch_size: 4, epochs: 2, verbose: 0, callbacks: [new TensorBoard(log_dir: logdir, update_freq: 2, write_graph: false)]);
        var train = scalars(read_events(Path.Combine(logdir, "train")));
        Assert.That(train.Keys, Is.EquivalentTo(new[] { "batch_loss", "batch_accuracy", "epoch_loss", "epoch_accuracy", "epoch_learning_rate" }));
        // 5 batches per epoch: global batches 1..10, written at the even ones.
        Assert.That(train["batch_loss"].Select(p => p.step), Is.EqualTo(new long[] { 2, 4, 6, 8, 10 }));
        Assert.That(Directory.Exists(Path.Combine(logdir, "validation")), Is.False);
    }

    [Test]
    public void UpdateFreqBatchWritesEveryBatch()
    {
        var (model, x, y) = small_model();
        string logdir = Path.Combine(dir, "logs");
        model.fit(x, y, batch_size: 10, epochs: 2, verbose: 0, callbacks: [new TensorBoard(log_dir: logdir, update_freq: "batch")]);
        Assert.That(scalars(read_events(Path.Combine(logdir, "train")))["batch_loss"].Select(p => p.step), Is.EqualTo(new long[] { 1, 2, 3, 4 }));
    }

    [Test]
    public void HistogramsOfEveryWeight()
    {
        var (model, x, y) = small_model();
        string logdir = Path.Combine(dir, "logs");
        model.fit(x, y, batch_size: 10, epochs: 3, verbose: 0, callbacks: [new TensorBoard(log_dir: logdir, histogram_freq: 2)]);
        var histograms = read_events(Path.Combine(logdir, "train")).Where(e => e.Summary is not null)
            .SelectMany(e => e.Summary.Value.Where(v => v.Metadata.PluginData.PluginName == "histograms").Select(v => (e.Step, v))).ToList();
        var tags = histograms.Select(h => h.v.Tag).Distinct().ToArray();
        // Keras's variable paths: model/layer/weight.
        string first = $"{model.name}/{model.layers[0].name}", second = $"{model.name}/{model.layers[1].name}";
        Assert.That(tags, Is.EquivalentTo(new[] { $"{first}/kernel/histogram", $"{first}/bias/histogram", $"{second}/kernel/histogram", $"{second}/bias/histogram" }));
        Assert.That(histograms.Select(h => h.Step).Distinct(), Is.EqualTo(new long[] { 0, 2 }), "epochs 0 and 2");
        // The kernel's histogram: 30 buckets of (left, right, count) covering its 12 values, the last edge its maximum.
        var kernel = histograms.Last(h => h.v.Tag.EndsWith($"{model.layers[0].name}/kernel/histogram")).v.Tensor;
        Assert.That(kernel.TensorShape.Dim.Select(d => d.Size), Is.EqualTo(new long[] { 30, 3 }));
        var rows = kernel.DoubleVal.ToArray();
        var weights = model.layers[0].get_weights()[0].to_type(ScalarType.Float64).data<double>().ToArray();
        Assert.That(Enumerable.Range(0, 30).Sum(i => rows[3 * i + 2]), Is.EqualTo(12));
        Assert.That(rows[0], Is.EqualTo(weights.Min()));
        Assert.That(rows[3 * 29 + 1], Is.EqualTo(weights.Max()));
    }

    [Test]
    public void ArgumentsAreChecked()
    {
        Assert.That(Assert.Throws<ArgumentException>(() => new TensorBoard(profile_batch: 1))!.Message,
                    Does.StartWith("Profiling is not yet available with the torch backend."));
        Assert.That(Assert.Throws<ArgumentException>(() => new TensorBoard(update_freq: "sometimes"))!.ParamName, Is.EqualTo("update_freq"));
        Assert.That(Assert.Throws<ArgumentException>(() => new TensorBoard(update_freq: 0))!.ParamName, Is.EqualTo("update_freq"));
        Assert.That(Assert.Throws<ArgumentException>(() => new TensorBoard(histogram_freq: -1))!.ParamName, Is.EqualTo("histogram_freq"));
        Assert.Throws<NotSupportedException>(() => new TensorBoard(write_images: true));
        Assert.That(new TensorBoard(update_freq: "batch").update_freq.batches, Is.EqualTo(1));
        Assert.That(new TensorBoard().update_freq.is_epoch, Is.True);
    }
}
