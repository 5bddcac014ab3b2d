using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Saving;
using KerasPort.Tests.Layers;
using KerasPort.Utils;

namespace KerasPort.Tests.Models;

/// <summary>save_weights / load_weights against the .weights.h5 files Keras 3 wrote (tests/fixtures/files/article).</summary>
[NonParallelizable]
public sealed class SaveWeightsTests
{
    private static string Dir => KerasFixtures.path("files", "article");

    private static Dictionary<string, Tensor> Arrays() => Npy.load_npz(Path.Combine(Dir, "arrays.npz"));

    [TestCase("article.weights.h5", "w0", "predict_init")]
    [TestCase("article_compiled.weights.h5", "w0", "predict_init")]
    [TestCase("article_fit2.weights.h5", "w_fit2", "predict_fit2")]
    public void Loads_the_files_Keras_wrote(string file, string weights, string prediction)
    {
        var arrays = Arrays();
        var model = SummaryTests.Build("article");
        // A second model in the process: its layers are named dense_3, ... but load by class path.
        var other = new Sequential([keras.Input([60]), new Dense(60, activation: "relu"), new Dropout(0.2), new Dense(30, activation: "relu"), new Dropout(0.2), new Dense(1, activation: "sigmoid")]);
        foreach (var m in new[] { model, other })
        {
            m.load_weights(Path.Combine(Dir, file));
            var loaded = m.get_weights();
            for (int i = 0; i < loaded.Length; i++) Assert.That(loaded[i].same_as(arrays[$"{weights}_{i}"]), Is.True, $"weight {i}");
            Assert.That((m.predict(arrays["x_probe"]) - arrays[prediction]).abs().max().item<float>(), Is.LessThanOrEqualTo(1e-6));
        }
    }

    [Test]
    public void Writes_Keras_groups_and_reads_them_back()
    {
        var model = SummaryTests.Build("article");
        string path = Path.Combine(Path.GetTempPath(), $"kerasport_{Guid.NewGuid():N}.weights.h5");
        try
        {
            model.save_weights(path);
            var entries = WeightsFile.read(path);
            Assert.That(entries.Select(e => (e.path.Trim('/'), e.name)), Is.EquivalentTo(new[]
            {
                ("", "sequential"), ("layers/dense", "dense"), ("layers/dense_1", "dense_1"), ("layers/dense_2", "dense_2"),
                ("layers/dropout", "dropout"), ("layers/dropout_1", "dropout_1"),
            }).Using<(string, string?)>((a, b) => a.Item1 == b.Item1 && a.Item2 == b.Item2));
            var copy = SummaryTests.Build("article");
            copy.load_weights(path);
            var a = model.get_weights();
            var b = copy.get_weights();
            for (int i = 0; i < a.Length; i++) Assert.That(a[i].same_as(b[i]), Is.True);
            Assert.Throws<IOException>(() => model.save_weights(path, overwrite: false));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Refuses_other_file_names_and_other_architectures()
    {
        var model = SummaryTests.Build("article");
        Assert.Throws<ArgumentException>(() => model.save_weights(Path.Combine(Path.GetTempPath(), "model.h5")));
        // .h5 is Keras's legacy format for loading (Saving/LegacyH5FormatTests); other extensions are refused.
        Assert.Throws<ArgumentException>(() => model.load_weights(Path.Combine(Path.GetTempPath(), "model.txt")));
        var cnn = SummaryTests.Build("cnn");
        var before = cnn.get_weights();
        Assert.Throws<ArgumentException>(() => cnn.load_weights(Path.Combine(Dir, "article.weights.h5")));
        var after = cnn.get_weights();
        for (int i = 0; i < before.Length; i++) Assert.That(after[i].same_as(before[i]), Is.True, "nothing loaded");
    }
}
