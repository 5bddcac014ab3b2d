using System.IO.Compression;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KerasPort.Models;
using KerasPort.Optimizers;
using KerasPort.Saving;
using KerasPort.Tests.Layers;
using KerasPort.Tests.TestSupport;
using KerasPort.Tests.Models;
using KerasPort.Utils;

namespace KerasPort.Tests.Saving;

/// <summary>
/// The .keras format: the three files Keras 3 wrote (fixtures/files/article) load into working
/// models (weights, predictions, compile state, optimizer state, warnings as case.json's
/// reload_checks), and the port's own files have Keras's members, JSON and HDF5 tree (keras_zip.json).
/// </summary>
[NonParallelizable]
public sealed class KerasArchiveTests : TempDirectoryTest
{
    private static string Article(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "fixtures", "files", "article", name);

    private static readonly string[] Stages = ["init", "compiled", "fit2"];

    private static string KerasFile(string stage) => stage == "init" ? "article.keras" : $"article_{stage}.keras";

    private static JsonNode ZipInfo(string file) => JsonNode.Parse(File.ReadAllText(Article("keras_zip.json")))!["files"]![file]!;

    private static JsonObject ReloadCheck(string stage) => JsonNode.Parse(File.ReadAllText(Article("case.json")))!["reload_checks"]!.AsArray()
        .Select(n => n!.AsObject()).Single(c => (string)c["stage"]! == stage && ((string)c["how"]!).StartsWith("keras.models.load_model"));

    private CapturedWarnings _warnings = null!;

    [SetUp]
    public void CaptureWarnings() => _warnings = CapturedWarnings.of_callbacks();

    [TearDown]
    public void ReleaseWarnings() => _warnings.Dispose();

    private static float MaxDiff(Tensor a, Tensor b) => (a - b).abs().max().item<float>();

    [TestCaseSource(nameof(Stages))]
    public void load_model_reads_the_files_Keras_wrote(string stage)
    {
        var arrays = Npy.load_npz(Article("arrays.npz"));
        var check = ReloadCheck(stage);
        keras.backend.clear_session();
        var model = keras.models.load_model(Article(KerasFile(stage)));

        Assert.That(model.name, Is.EqualTo((string)check["model_name"]!));
        Assert.That(model.layers.Select(l => l.name), Is.EqualTo(check["layer_names"]!.AsArray().Select(n => (string)n!)));
        Assert.That(model.compiled, Is.EqualTo((bool)check["compiled"]!));
        string prefix = stage == "fit2" ? "w_fit2" : "w0";
        var weights = model.get_weights();
        Assert.That(weights, Has.Length.EqualTo(6));
        for (int i = 0; i < weights.Length; i++) Assert.That(weights[i].same_as(arrays[$"{prefix}_{i}"]), Is.True, $"weight {i}");
        var expected = arrays[stage == "fit2" ? "predict_fit2" : "predict_init"];
        Assert.That(MaxDiff(model.predict(arrays["x_probe"]), expected), Is.LessThanOrEqualTo(1e-6f));

        var warnings = check["warnings"]!.AsArray().Select(w => "UserWarning: " + (string)w! + "\n");
        Assert.That(_warnings.text, Is.EqualTo(string.Concat(warnings)));
        if (check["optimizer"] is { } optimizer)
        {
            Assert.That(model.optimizer, Is.TypeOf<Adam>());
            Assert.That(model.optimizer!.built, Is.EqualTo((bool)optimizer["built"]!));
            Assert.That(model.optimizer.iterations, Is.EqualTo((long)optimizer["iterations"]!));
            Assert.That(model.loss!.name, Is.EqualTo("binary_crossentropy"));
            Assert.That(model.metrics_names, Is.EqualTo(new[] { "loss", "accuracy" }));
        }
        if (stage == "fit2")
        {
            var variables = model.optimizer!.variables;
            Assert.That(variables, Has.Count.EqualTo(14));
            for (int i = 2; i < variables.Count; i++) Assert.That(variables[i].same_as(arrays[$"opt_fit2_{i}"]), Is.True, $"optimizer variable {i}");
        }
    }

    [TestCaseSource(nameof(Stages))]
    public void load_weights_reads_a_keras_file(string stage)
    {
        var arrays = Npy.load_npz(Article("arrays.npz"));
        var model = SummaryTests.Build("article");
        model.load_weights(Article(KerasFile(stage)));
        string prefix = stage == "fit2" ? "w_fit2" : "w0";
        var weights = model.get_weights();
        for (int i = 0; i < weights.Length; i++) Assert.That(weights[i].same_as(arrays[$"{prefix}_{i}"]), Is.True, $"weight {i}");
        Assert.That(_warnings.text, Is.Empty);
    }

    [TestCaseSource(nameof(Stages))]
    public void save_writes_the_members_config_and_weights_Keras_writes(string stage)
    {
        var model = ModelSavingTests.ArticleAt(stage);
        string path = Path.Combine(dir, KerasFile(stage));
        model.save(path);
        var info = ZipInfo(KerasFile(stage));

        using var zip = ZipFile.OpenRead(path);
        var expectedEntries = info["entries"]!.AsArray();
        Assert.That(zip.Entries.Select(e => e.FullName), Is.EqualTo(expectedEntries.Select(e => (string)e!["filename"]!)));
        foreach (var (entry, expected) in zip.Entries.Zip(expectedEntries))
        {
            Assert.That(entry.CompressedLength, Is.EqualTo(entry.Length), $"{entry.FullName} is stored");
            if (entry.FullName != "model.weights.h5")
            {
                Assert.That(entry.Length, Is.EqualTo((long)expected!["file_size"]!), entry.FullName);
                Assert.That(entry.LastWriteTime.DateTime, Is.EqualTo(new DateTime(1980, 1, 1)), entry.FullName);
            }
        }

        string metadata = new StreamReader(zip.GetEntry("metadata.json")!.Open()).ReadToEnd();
        Assert.That(Regex.Replace(metadata, @"\d{4}-\d\d-\d\d@\d\d:\d\d:\d\d", "DATE"),
            Is.EqualTo(Regex.Replace((string)info["metadata.json_text"]!, @"\d{4}-\d\d-\d\d@\d\d:\d\d:\d\d", "DATE")));

        // config.json: Python's json.dumps text of the same config; only the shared-object id (a Python id()) differs.
        string config = new StreamReader(zip.GetEntry("config.json")!.Open()).ReadToEnd();
        string keras_config;
        using (var keras_zip = ZipFile.OpenRead(Article(KerasFile(stage))))
            keras_config = new StreamReader(keras_zip.GetEntry("config.json")!.Open()).ReadToEnd();
        string Ids(string s) => Regex.Replace(s, "\"shared_object_id\": ?\\d+", "\"shared_object_id\": 0");
        Assert.That(Ids(config), Is.EqualTo(Ids(keras_config)));
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(Ids(config)), JsonNode.Parse(Ids(info["config.json"]!.ToJsonString()))), Is.True);

        string weights = Path.Combine(dir, "member.weights.h5");
        using (var member = zip.GetEntry("model.weights.h5")!.Open())
        using (var file = File.Create(weights))
            member.CopyTo(file);
        WeightsFileTests.AssertSameTree(weights, (string)info["model.weights.h5"]!["entries_identical_to"]!);
    }

    [Test]
    public void A_trained_model_round_trips_through_a_keras_file()
    {
        var arrays = Npy.load_npz(Article("arrays.npz"));
        var model = ModelSavingTests.ArticleAt("compiled");
        model.fit(arrays["x_train"], arrays["y_train"], batch_size: 16, epochs: 1, shuffle: false, verbose: 0);
        string path = Path.Combine(dir, "trained.keras");
        model.save(path);

        var loaded = keras.models.load_model(path);
        Assert.That(loaded, Is.TypeOf<Sequential>());
        Assert.That(loaded.name, Is.EqualTo(model.name));
        Assert.That(loaded.layers.Select(l => l.name), Is.EqualTo(model.layers.Select(l => l.name)));
        Assert.That(loaded.predict(arrays["x_probe"]).same_as(model.predict(arrays["x_probe"])), Is.True);
        Assert.That(loaded.optimizer!.iterations, Is.EqualTo(4));
        var expected = model.optimizer!.variables;
        var actual = loaded.optimizer.variables;
        for (int i = 0; i < expected.Count; i++) Assert.That(actual[i].same_as(expected[i]), Is.True, $"optimizer variable {i}");
        Assert.That(_warnings.text, Is.Empty);

        var uncompiled = keras.models.load_model(path, compile: false);
        Assert.That(uncompiled.compiled, Is.False);
    }

    [Test]
    public void Round_trips_compile_arguments_given_as_objects()
    {
        var model = ModelSavingTests.ArticleAt("init");
        model.compile(optimizer: new SGD(learning_rate: 0.05, momentum: 0.9, nesterov: true, name: "my_sgd"),
                      loss: new KerasPort.Losses.BinaryCrossentropy(label_smoothing: 0.1),
                      metrics: [new KerasPort.Metrics.BinaryAccuracy(name: "acc", threshold: 0.6), "mse"], loss_weights: 2.0);
        string path = Path.Combine(dir, "objects.keras");
        model.save(path);
        var loaded = keras.models.load_model(path);
        Assert.That(KerasJson.dumps(loaded.get_compile_config()), Is.EqualTo(KerasJson.dumps(model.get_compile_config())));
        Assert.That(loaded.optimizer, Is.TypeOf<SGD>());
        Assert.That(((SGD)loaded.optimizer!).nesterov, Is.True);
        Assert.That(loaded.optimizer.variables, Has.Count.EqualTo(8), "built on load, as Keras's compile_from_config");
        Assert.That(((KerasPort.Losses.BinaryCrossentropy)loaded.loss!).label_smoothing, Is.EqualTo(0.1));
        Assert.That(loaded.metrics_names, Is.EqualTo(new[] { "loss", "acc", "mse" }));
    }

    [Test]
    public void Round_trips_a_cnn_and_keeps_the_regularizers()
    {
        var model = SummaryTests.Build("cnn");
        string path = Path.Combine(dir, "cnn.keras");
        model.save(path);
        var loaded = keras.models.load_model(path);
        Assert.That(loaded.layers.Select(l => l.GetType()), Is.EqualTo(model.layers.Select(l => l.GetType())));
        using var x = torch.rand(2, 8, 8, 1);
        Assert.That(loaded.predict(x).same_as(model.predict(x)), Is.True);

        var article = ModelSavingTests.ArticleAt("init");
        article.save(path);
        var again = keras.models.load_model(path);
        Assert.That(((KerasPort.Layers.Dense)again.layers[0]).kernel_regularizer, Is.TypeOf<KerasPort.Regularizers.L1>());
        Assert.That(((KerasPort.Layers.Dense)again.layers[2]).kernel_regularizer, Is.TypeOf<KerasPort.Regularizers.L2>());
        Assert.That(((KerasPort.Layers.Dropout)again.layers[1]).rate, Is.EqualTo(0.2));
    }

    [Test]
    public void Refuses_bad_paths_as_Keras_and_writes_atomically()
    {
        var model = ModelSavingTests.ArticleAt("init");
        // .h5 and .hdf5 are Keras's legacy format (Saving/LegacyH5FormatTests); any other extension is refused.
        var e = Assert.Throws<ArgumentException>(() => model.save(Path.Combine(dir, "model.txt")));
        Assert.That(e!.Message, Does.StartWith("Invalid `filepath` argument: expected a `.keras` extension. Received: filepath="));
        e = Assert.Throws<ArgumentException>(() => keras.models.load_model(Path.Combine(dir, "model.txt")));
        Assert.That(e!.Message, Does.StartWith("Invalid filename: expected a `.keras` extension. Received: filepath="));
        Assert.Throws<FileNotFoundException>(() => keras.models.load_model(Path.Combine(dir, "missing.keras")));
        File.WriteAllText(Path.Combine(dir, "bad.keras"), "not a zip");
        Assert.Throws<InvalidDataException>(() => keras.models.load_model(Path.Combine(dir, "bad.keras")));

        string path = Path.Combine(dir, "m.keras");
        model.save(path);
        Assert.Throws<IOException>(() => model.save(path, overwrite: false));
        Directory.CreateDirectory(Path.Combine(dir, "dir.keras"));
        Assert.Throws<IOException>(() => model.save(Path.Combine(dir, "dir.keras")));
        Assert.That(Directory.GetFiles(dir).Select(Path.GetFileName), Is.EquivalentTo(new[] { "bad.keras", "m.keras" }), "no temporary file left");
    }

    [Test]
    public void Deserializes_configs_as_Keras_from_config()
    {
        var dense = (KerasPort.Layers.Dense)Deserialization.deserialize_keras_object(
            KerasJson.loads("{\"module\": \"keras.layers\", \"class_name\": \"Dense\", \"config\": {\"name\": \"d\", \"trainable\": false, \"units\": 3, \"activation\": \"tanh\"}}"))!;
        Assert.That((dense.name, dense.units, dense.trainable), Is.EqualTo(("d", 3L, false)));
        var adam = (Adam)Deserialization.deserialize_keras_object(Serialization.serialize_keras_object(new Adam(learning_rate: 0.01, beta_1: 0.8, name: "mine")))!;
        Assert.That((adam.name, adam.learning_rate, adam.beta_1), Is.EqualTo(("mine", (double)0.01f, 0.8)));

        Assert.Throws<ArgumentException>(() => Deserialization.deserialize_keras_object(
            KerasJson.loads("{\"module\": \"keras.layers\", \"class_name\": \"Dense\", \"config\": {\"units\": 3, \"bogus\": 1}}")));
        Assert.Throws<ArgumentException>(() => Deserialization.deserialize_keras_object(
            KerasJson.loads("{\"module\": \"keras.layers\", \"class_name\": \"LSTM\", \"config\": {}}")));
        Assert.Throws<NotSupportedException>(() => Deserialization.deserialize_keras_object(
            KerasJson.loads("{\"module\": \"keras.optimizers\", \"class_name\": \"Adam\", \"config\": {\"use_ema\": true}}")));
        Assert.Throws<NotSupportedException>(() => Deserialization.deserialize_keras_object(
            KerasJson.loads("{\"module\": \"keras.layers\", \"class_name\": \"Dense\", \"config\": {\"units\": 3, \"dtype\": \"float16\"}}")));
    }
}
