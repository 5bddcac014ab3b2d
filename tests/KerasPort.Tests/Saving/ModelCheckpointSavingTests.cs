using KerasPort.Callbacks;
using KerasPort.Models;
using KerasPort.Optimizers;
using KerasPort.Tests.Layers;
using KerasPort.Tests.TestSupport;
using KerasPort.Tests.Models;

namespace KerasPort.Tests.Saving;

/// <summary>ModelCheckpoint with <c>save_weights_only: false</c>: whole models in <c>.keras</c> (or legacy <c>.h5</c>) files through <c>model.save</c>.</summary>
[NonParallelizable] // captures Callback.warnings_writer
public sealed class ModelCheckpointSavingTests : TempDirectoryTest
{
    private CapturedWarnings _warnings = null!;

    [SetUp]
    public void CaptureWarnings() => _warnings = CapturedWarnings.of_callbacks();

    [TearDown]
    public void ReleaseWarnings() => _warnings.Dispose();

    [Test]
    public void Saves_whole_models_as_keras_files_only_when_the_monitor_improves()
    {
        var model = SummaryTests.Build("article");
        model.compile(optimizer: new Adam(), loss: "binary_crossentropy");
        string path = Path.Combine(dir, "best.keras");
        var cb = new ModelCheckpoint(path, monitor: "loss", save_best_only: true);
        cb.set_model(model);
        cb.on_train_begin();

        var first = model.get_weights();
        cb.on_epoch_end(0, new Dictionary<string, double> { ["loss"] = 0.5 });
        Assert.That(keras.models.load_model(path).get_weights()[0].same_as(first[0]), Is.True, "epoch 1 saved");

        model.set_weights(first.Select(w => w + 1).ToList());
        cb.on_epoch_end(1, new Dictionary<string, double> { ["loss"] = 0.7 });
        Assert.That(keras.models.load_model(path).get_weights()[0].same_as(first[0]), Is.True, "no improvement, file kept");

        cb.on_epoch_end(2, new Dictionary<string, double> { ["loss"] = 0.3 });
        var loaded = keras.models.load_model(path);
        Assert.That(loaded.get_weights()[0].same_as(first[0] + 1), Is.True, "epoch 3 saved");
        Assert.That(loaded.compiled, Is.True);
        Assert.That(Directory.GetFiles(dir), Is.EqualTo(new[] { path }), "written atomically, no temporary file left");
        // The optimizer was never built, so the file has 2 optimizer variables; a loaded model builds its own (14), as in Keras.
        Assert.That(_warnings.text, Does.Contain("Skipping variable loading for optimizer 'adam', because it has 14 variables whereas the saved optimizer has 2 variables."));
    }

    /// <summary>During fit, with the epoch in the file name: a <c>.keras</c> archive, or Keras's legacy HDF5 format for <c>.h5</c>.</summary>
    [TestCase(".keras")]
    [TestCase(".h5")]
    public void Saves_during_fit_with_the_epoch_in_the_file_name(string extension)
    {
        var model = ModelSavingTests.ArticleAt("compiled");
        using var x = torch.rand(32, 60);
        using var y = torch.rand(32, 1).round();
        model.fit(x, y, batch_size: 16, epochs: 2, verbose: 0, shuffle: false,
                  callbacks: [new ModelCheckpoint(Path.Combine(dir, "m-{epoch:02d}" + extension), monitor: "loss")]);
        Assert.That(Directory.GetFiles(dir).Select(Path.GetFileName).Order(), Is.EqualTo(new[] { "m-01" + extension, "m-02" + extension }));
        var last = keras.models.load_model(Path.Combine(dir, "m-02" + extension));
        Assert.That(last.optimizer!.iterations, Is.EqualTo(4));
        Assert.That(last.predict(x).same_as(model.predict(x)), Is.True);
    }
}
