using KerasPort.Models;
using KerasPort.Optimizers;
using KerasPort.Tests.Layers;
using KerasPort.Tests.TestSupport;
using KerasPort.Tests.Saving;
using KerasPort.Utils;

namespace KerasPort.Tests.Models;

/// <summary>
/// save_weights / load_weights with the optimizer's state, against the files Keras 3 wrote
/// (fixtures/files/article: h5_tree.json, arrays.npz, case.json's reload_checks).
/// </summary>
[NonParallelizable]
public sealed class ModelSavingTests : TempDirectoryTest
{
    private static string Article(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "fixtures", "files", "article", name);

    private static Dictionary<string, Tensor> Arrays() => Npy.load_npz(Article("arrays.npz"));

    private CapturedWarnings _warnings = null!;

    [SetUp]
    public void CaptureWarnings() => _warnings = CapturedWarnings.of_callbacks();

    [TearDown]
    public void ReleaseWarnings() => _warnings.Dispose();

    /// <summary>The article model in a fresh session (names sequential, dense, ...), at the weights of <paramref name="stage"/> and its optimizer state.</summary>
    internal static Sequential ArticleAt(string stage)
    {
        var arrays = Npy.load_npz(Article("arrays.npz"));
        var model = SummaryTests.Build("article");
        string prefix = stage == "fit2" ? "w_fit2" : "w0";
        model.set_weights(Enumerable.Range(0, 6).Select(i => arrays[$"{prefix}_{i}"]).ToList());
        if (stage == "init") return model;
        model.compile(optimizer: new Adam(), loss: "binary_crossentropy", metrics: ["accuracy"]);
        if (stage == "fit2")
        {
            model.optimizer!.build(model.trainable_weights);
            model.optimizer.iterations = 8;
            var variables = model.optimizer.variables;
            for (int i = 2; i < variables.Count; i++) variables[i].copy_(arrays[$"opt_fit2_{i}"]);
        }
        return model;
    }

    [TestCase("init", "article.weights.h5")]
    [TestCase("compiled", "article_compiled.weights.h5")]
    [TestCase("fit2", "article_fit2.weights.h5")]
    public void save_weights_writes_the_tree_and_values_Keras_writes(string stage, string file)
    {
        var model = ArticleAt(stage);
        string written = Path.Combine(dir, file);
        model.save_weights(written);
        WeightsFileTests.AssertSameTree(written, file);
    }

    [Test]
    public void load_weights_restores_the_optimizer_state_into_a_built_optimizer()
    {
        var arrays = Arrays();
        var model = SummaryTests.Build("article");
        model.compile(optimizer: new Adam(), loss: "binary_crossentropy", metrics: ["accuracy"]);
        model.optimizer!.build(model.trainable_weights);
        model.load_weights(Article("article_fit2.weights.h5"));

        var variables = model.optimizer.variables;
        Assert.That(variables, Has.Count.EqualTo(14));
        Assert.That(model.optimizer.iterations, Is.EqualTo(8));
        Assert.That(variables[1].item<float>(), Is.EqualTo(0.001f));
        for (int i = 2; i < variables.Count; i++)
            Assert.That(variables[i].same_as(arrays[$"opt_fit2_{i}"]), Is.True, $"optimizer variable {i}");
        var weights = model.get_weights();
        for (int i = 0; i < weights.Length; i++) Assert.That(weights[i].same_as(arrays[$"w_fit2_{i}"]), Is.True, $"weight {i}");
        Assert.That(_warnings.text, Is.Empty);
    }

    [Test]
    public void load_weights_into_an_unbuilt_optimizer_loads_the_layers_and_warns_as_Keras()
    {
        var arrays = Arrays();
        SummaryTests.Build("article");
        _ = new Adam();
        _ = new Adam();
        var model = new Sequential([keras.Input([60]), new KerasPort.Layers.Dense(60, activation: "relu"), new KerasPort.Layers.Dropout(0.2),
            new KerasPort.Layers.Dense(30, activation: "relu"), new KerasPort.Layers.Dropout(0.2), new KerasPort.Layers.Dense(1, activation: "sigmoid")]);
        model.compile(optimizer: new Adam(), loss: "binary_crossentropy");
        Assert.That(model.optimizer!.name, Is.EqualTo("adam_2"));
        model.load_weights(Article("article_fit2.weights.h5"));

        // case.json reload_checks: Keras's warning, word for word (with its trailing space).
        Assert.That(_warnings.text, Is.EqualTo("UserWarning: Skipping variable loading for optimizer 'adam_2', because it has 2 variables whereas the saved optimizer has 14 variables. \n"));
        Assert.That(model.optimizer.iterations, Is.EqualTo(0));
        Assert.That(model.optimizer.built, Is.False);
        var weights = model.get_weights();
        for (int i = 0; i < weights.Length; i++) Assert.That(weights[i].same_as(arrays[$"w_fit2_{i}"]), Is.True, $"weight {i}");
    }

    [Test]
    public void A_trained_model_round_trips_weights_and_optimizer_state()
    {
        var arrays = Arrays();
        var model = ArticleAt("compiled");
        model.fit(arrays["x_train"], arrays["y_train"], batch_size: 16, epochs: 1, shuffle: false, verbose: 0);
        string path = Path.Combine(dir, "trained.weights.h5");
        model.save_weights(path);

        var copy = ArticleAt("compiled");
        copy.optimizer!.build(copy.trainable_weights);
        copy.load_weights(path);
        Assert.That(copy.optimizer.iterations, Is.EqualTo(4));
        var expected = model.optimizer!.variables;
        var actual = copy.optimizer.variables;
        Assert.That(actual, Has.Count.EqualTo(expected.Count));
        for (int i = 0; i < expected.Count; i++) Assert.That(actual[i].same_as(expected[i]), Is.True, $"optimizer variable {i}");
        Assert.That(copy.predict(arrays["x_probe"]).same_as(model.predict(arrays["x_probe"])), Is.True);
    }

    [Test]
    public void Refuses_an_unbuilt_model_and_warns_for_another_optimizer()
    {
        var unbuilt = SummaryTests.Build("article_no_input");
        var e = Assert.Throws<InvalidOperationException>(() => unbuilt.save_weights(Path.Combine(dir, "u.weights.h5")));
        Assert.That(e!.Message, Does.StartWith("You are saving a model that has not yet been built."));
        Assert.Throws<InvalidOperationException>(() => unbuilt.load_weights(Article("article.weights.h5")));
        Assert.That(Directory.GetFiles(dir), Is.Empty);

        // Same layer shapes but an optimizer with other slots (SGD with momentum: 1 per variable, 8 in all).
        var model = ArticleAt("compiled");
        var before = model.get_weights();
        model.compile(optimizer: new SGD(momentum: 0.9), loss: "binary_crossentropy");
        model.optimizer!.build(model.trainable_weights);
        Assert.That(model.optimizer.variables, Has.Count.EqualTo(8));
        model.load_weights(Article("article_fit2.weights.h5"));
        Assert.That(_warnings.text, Does.Contain("because it has 8 variables whereas the saved optimizer has 14 variables."));
        Assert.That(model.get_weights()[0].same_as(before[0]), Is.False, "layers still load");
    }
}
