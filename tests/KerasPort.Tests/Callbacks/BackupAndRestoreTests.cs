using KerasPort.Callbacks;
using KerasPort.Initializers;
using KerasPort.Layers;
using KerasPort.Models;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasPort.Tests.Callbacks;

/// <summary>keras/src/callbacks/backup_and_restore_test.py, translated, plus the resumed run's numbers.</summary>
public class BackupAndRestoreTests : TempDirectoryTest
{
    /// <summary>A callback to intentionally interrupt training.</summary>
    private sealed class InterruptingCallback(int? steps_int, int? epoch_int) : Callback
    {
        private int batch_count, epoch_count;

        public override void on_epoch_end(int epoch, IDictionary<string, double>? logs = null)
        {
            epoch_count += 1;
            if (epoch_int is not null && epoch_count == epoch_int) throw new InvalidOperationException("EpochInterruption");
        }

        public override void on_train_batch_end(int batch, IDictionary<string, double>? logs = null)
        {
            batch_count += 1;
            if (steps_int is not null && batch_count == steps_int) throw new InvalidOperationException("StepsInterruption");
        }
    }

    /// <summary>Counts its calls in a non-trainable weight, which the backup saves and restores.</summary>
    private sealed class CanaryLayer() : Layer(input_shape: [3])
    {
        private Parameter? counter;

        public int count => (int)counter!.item<float>();

        public override void build(long?[] input_shape)
        {
            counter = add_weight("counter", [], new Zeros(), trainable: false);
            base.build(input_shape);
        }

        public override Tensor call(Tensor inputs, bool training = false)
        {
            using (no_grad()) counter!.add_(1);
            return inputs;
        }
    }

    private static (Sequential model, CanaryLayer canary) make_model()
    {
        var canary = new CanaryLayer();
        var model = new Sequential([canary, new Dense(1)]);
        model.compile(loss: "mse", optimizer: "sgd", metrics: ["mse"]);
        return (model, canary);
    }

    private static (Tensor x, Tensor y) data() => (torch.rand(10, 3), torch.rand(10, 1));

    [Test]
    public void SaveFreqUnknownError()
    {
        Assert.That(Assert.Throws<ArgumentException>(() => new BackupAndRestore("backup_dir", save_freq: "batch"))!.Message, Does.StartWith("Invalid value"));
        Assert.That(Assert.Throws<ArgumentException>(() => new BackupAndRestore("backup_dir", save_freq: 0.15))!.Message, Does.StartWith("Invalid value"));
    }

    [Test]
    public void BestCaseStep()
    {
        string backup_dir = Path.Combine(dir, "subdir");
        var (model, canary) = make_model();
        var cbk = new BackupAndRestore(backup_dir, save_freq: 1);
        var (x, y) = data();
        Assert.Throws<InvalidOperationException>(() => model.fit(x, y, batch_size: 4, epochs: 2, verbose: 0,
            callbacks: [cbk, new InterruptingCallback(steps_int: 2, epoch_int: null)]));
        Assert.That(Directory.Exists(backup_dir), Is.True);
        Assert.That(cbk.current_epoch, Is.EqualTo(0));
        Assert.That(cbk.last_batch_seen, Is.EqualTo(1));
        Assert.That(canary.count, Is.EqualTo(2));
        Assert.That(File.ReadAllText(Path.Combine(backup_dir, "training_metadata.json")), Is.EqualTo("{\"epoch\": 0, \"batch\": 1}"));
        var hist = model.fit(x, y, batch_size: 4, epochs: 5, verbose: 0, callbacks: [cbk]);
        Assert.That(cbk.current_epoch, Is.EqualTo(5));
        Assert.That(hist.epoch[^1], Is.EqualTo(4));
        Assert.That(canary.count, Is.EqualTo(17));
    }

    [Test]
    public void BestCaseEpoch()
    {
        string backup_dir = Path.Combine(dir, "subdir");
        var (model, canary) = make_model();
        model.build([null, 3]);
        Assert.That(canary.count, Is.EqualTo(0));
        var cbk = new BackupAndRestore(backup_dir, save_freq: "epoch");
        var (x, y) = data();
        Assert.Throws<InvalidOperationException>(() => model.fit(x, y, batch_size: 4, epochs: 6, verbose: 0,
            callbacks: [cbk, new InterruptingCallback(steps_int: null, epoch_int: 2)]));
        Assert.That(cbk.current_epoch, Is.EqualTo(2));
        Assert.That(Directory.Exists(backup_dir), Is.True);
        Assert.That(canary.count, Is.EqualTo(6));
        var hist = model.fit(x, y, batch_size: 4, epochs: 5, verbose: 0, callbacks: [cbk]);
        Assert.That(cbk.current_epoch, Is.EqualTo(5));
        Assert.That(hist.epoch, Is.EqualTo(new[] { 2, 3, 4 }), "resumed at the saved epoch");
        Assert.That(canary.count, Is.EqualTo(5 * 3));
    }

    [Test]
    public void ResumedRunEqualsAnUninterruptedOne()
    {
        var (x, y) = data();
        keras.utils.set_random_seed(11);
        var (reference, _) = make_model();
        reference.build([null, 3]);
        var start = reference.get_weights().Select(w => w.clone()).ToArray();
        var expected = reference.fit(x, y, batch_size: 4, epochs: 4, shuffle: false, verbose: 0);

        var (model, _) = make_model();
        model.build([null, 3]);
        model.set_weights(start);
        var cbk = new BackupAndRestore(Path.Combine(dir, "subdir"));
        Assert.Throws<InvalidOperationException>(() => model.fit(x, y, batch_size: 4, epochs: 4, shuffle: false, verbose: 0,
            callbacks: [cbk, new InterruptingCallback(steps_int: null, epoch_int: 2)]));
        // A fresh model, as after a crash: the backup restores the weights, the optimizer and the epoch.
        var (restarted, _) = make_model();
        restarted.build([null, 3]);
        var resumed = restarted.fit(x, y, batch_size: 4, epochs: 4, shuffle: false, verbose: 0, callbacks: [cbk]);
        Assert.That(resumed.history["loss"], Is.EqualTo(expected.history["loss"].Skip(2)).Within(1e-7));
        var a = restarted.get_weights();
        var b = reference.get_weights();
        for (int i = 0; i < a.Length; i++) Assert.That(a[i].allclose(b[i], rtol: 0, atol: 1e-7), Is.True, $"weight {i}");
    }

    [Test]
    public void BackupCorrupted()
    {
        string backup_dir = Path.Combine(dir, "subdir");
        var (model, canary) = make_model();
        model.build([null, 3]);
        var cbk = new BackupAndRestore(backup_dir, save_freq: "epoch", double_checkpoint: true);
        var (x, y) = data();
        Assert.Throws<InvalidOperationException>(() => model.fit(x, y, batch_size: 4, epochs: 6, verbose: 0,
            callbacks: [cbk, new InterruptingCallback(steps_int: null, epoch_int: 2)]));
        Assert.That(cbk.current_epoch, Is.EqualTo(2));
        foreach (var file in new[] { "latest.weights.h5", "training_metadata.json", "latest.weights.h5.bkp", "training_metadata.json.bkp" })
            Assert.That(File.Exists(Path.Combine(backup_dir, file)), Is.True, file);
        Assert.That(canary.count, Is.EqualTo(6));
        File.WriteAllText(Path.Combine(backup_dir, "latest.weights.h5"), "0");
        var hist = model.fit(x, y, batch_size: 4, epochs: 5, verbose: 0, callbacks: [cbk]);
        Assert.That(cbk.current_epoch, Is.EqualTo(5));
        Assert.That(hist.epoch[^1], Is.EqualTo(4));
        // The previous backup (after epoch 1, counter 3) was restored: 4 more epochs of 3 batches.
        Assert.That(canary.count, Is.EqualTo(5 * 3));
    }

    [Test]
    public void ModelDeletedCaseEpoch()
    {
        string backup_dir = Path.Combine(dir, "subdir");
        var (model, _) = make_model();
        model.build([null, 3]);
        var (x, y) = data();
        model.fit(x, y, batch_size: 4, epochs: 2, verbose: 0, callbacks: [new BackupAndRestore(backup_dir, save_freq: "epoch")]);
        Assert.That(Directory.Exists(backup_dir), Is.False);
    }

    [TestCase("")]
    [TestCase(null)]
    public void BackupDirEmptyError(string? backup_dir) =>
        Assert.That(Assert.Throws<ArgumentException>(() => new BackupAndRestore(backup_dir!, save_freq: "epoch"))!.Message,
                    Does.StartWith("Empty `backup_dir` argument passed"));
}
