using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Optimizers;
using KerasPort.Tests.TestSupport;
using KerasPort.Utils;
using PureHDF;
using static TorchSharp.torch;

namespace KerasPort.Tests.Saving;

/// <summary>
/// Keras's legacy HDF5 files: the whole-model <c>.h5</c> files Keras 3.15.1 wrote
/// (tests/fixtures/models, from the shared keras-reference/models) load and predict what Keras
/// predicted within 1e-5, compiled as Keras compiled them with the optimizer state restored; what
/// KerasPort writes reads back the same; their weights load into the rebuilt architectures.
/// </summary>
[NonParallelizable]
public sealed class LegacyH5FormatTests : TempDirectoryTest
{
    private static string Fixture(string file) => KerasFixtures.path("models", file);

    internal static float MaxDifference(Tensor a, Tensor b)
    {
        using var diff = (a - b).abs().max();
        return diff.item<float>();
    }

    private static (Tensor probe, Tensor predict) Npz(string name)
    {
        var arrays = Npy.load_npz(Fixture(name + ".npz"));
        return (arrays["probe"], arrays["predict"]);
    }

    [TestCase("cnn")]
    [TestCase("augmented")]
    public void Keras_sequential_h5_loads_compiled_and_predicts_as_keras(string name)
    {
        using var model = keras.models.load_model(Fixture(name + ".h5"));
        var (probe, expected) = Npz(name);
        using var predicted = model.predict(probe);
        Assert.That(MaxDifference(predicted, expected), Is.LessThanOrEqualTo(1e-5f));
        Assert.That(model.compiled, Is.True);
        Assert.That(model.optimizer, Is.InstanceOf<Adam>());
        // Keras trained two epochs: the saved optimizer state (iterations, moments) is restored.
        Assert.That(model.optimizer!.iterations, Is.GreaterThan(0));
    }

    [Test]
    public void Sequential_h5_without_compile_is_not_compiled()
    {
        using var model = keras.models.load_model(Fixture("cnn.h5"), compile: false);
        Assert.That(model.compiled, Is.False);
        Assert.That(model, Is.InstanceOf<Sequential>());
        Assert.That(model.name, Is.EqualTo("mnist_convnet"));
    }

    internal static string Attribute(string file, string name)
    {
        using var h5 = PureHDF.H5File.OpenRead(file);
        return h5.Attribute(name).Read<string>();
    }

    [TestCase("cnn")]
    [TestCase("augmented")]
    public void Saved_sequential_h5_has_keras_training_config_and_reloads(string name)
    {
        using var model = keras.models.load_model(Fixture(name + ".h5"));
        string path = Path.Combine(dir, name + ".h5");
        model.save(path);
        // The model_config is the .keras config in the legacy layout (byte for byte on the recorded sequential model below).
        Assert.That(Attribute(path, "training_config"), Is.EqualTo(Attribute(Fixture(name + ".h5"), "training_config")));
        Assert.That(Attribute(path, "keras_version"), Is.EqualTo("3.15.1"));
        Assert.That(Attribute(path, "backend"), Is.EqualTo("torch"));

        using var again = keras.models.load_model(path);
        var (probe, expected) = Npz(name);
        using var predicted = again.predict(probe);
        Assert.That(MaxDifference(predicted, expected), Is.LessThanOrEqualTo(1e-5f));
        Assert.That(again.optimizer!.iterations, Is.EqualTo(model.optimizer!.iterations));
        var before = model.optimizer.variables;
        var after = again.optimizer.variables;
        Assert.That(after.Count, Is.EqualTo(before.Count));
        for (int i = 0; i < before.Count; i++) Assert.That(Same(after[i], before[i]), $"optimizer variable {i}");
    }

    internal static string Recorded(string file) => KerasFixtures.path("legacy_h5", file);

    private static (Tensor probe, Tensor predict) RecordedNpz(string name)
    {
        var arrays = Npy.load_npz(Recorded(name + ".npz"));
        return (arrays["probe"], arrays["predict"]);
    }

    /// <summary>keras/src/legacy/saving/legacy_h5_format_test.py's get_sequential_model (with an L2 on the first Dense).</summary>
    private static Sequential SequentialModel(string last_name = "dense_1", int last_units = 5) => new([
        keras.Input(shape: [3], batch_size: 2, name: "input_layer"),
        new Dense(4, activation: "relu", kernel_regularizer: keras.regularizers.l2(0.01), name: "dense"),
        new BatchNormalization(moving_mean_initializer: "uniform", gamma_initializer: "uniform", name: "batch_normalization"),
        new Dense(last_units, activation: "softmax", name: last_name),
    ], name: "sequential");

    /// <summary>legacy_h5_format_test.py's get_functional_model.</summary>
    internal static Model FunctionalModel()
    {
        var inputs = keras.Input(shape: [3], batch_size: 2, name: "input_layer");
        var x = new Dense(4, activation: "relu", name: "dense").__call__(inputs);
        var residual = x;
        x = new BatchNormalization(moving_mean_initializer: "uniform", gamma_initializer: "uniform", name: "batch_normalization").__call__(x);
        x = new Dense(4, activation: "relu", name: "dense_1").__call__(x);
        x = keras.layers.add([x, residual], name: "add");
        var outputs = new Dense(5, activation: "softmax", name: "dense_2").__call__(x);
        return new Model(inputs, outputs, name: "functional");
    }

    /// <summary>legacy_h5_format_test.py's get_subclassed_model: two Dense fields and a bias of its own (top_level_model_weights).</summary>
    private sealed class SubclassedModel : Model
    {
        private readonly Dense _dense_1 = new(3, activation: "relu");
        private readonly Dense _dense_2 = new(1, activation: "sigmoid");
        public TorchSharp.Modules.Parameter? bias;

        public SubclassedModel() : base(name: "my_model")
        {
        }

        public override void build(long?[] input_shape)
        {
            bias = add_weight("bias", [1], new KerasPort.Initializers.Zeros());
            base.build(input_shape);
        }

        public override Tensor call(Tensor inputs, bool training = false) => _dense_2.__call__(_dense_1.__call__(inputs)) + bias!;
    }

    /// <summary>A layer with two weights of the same name, which the legacy layout cannot hold.</summary>
    private sealed class TwinWeights(string name) : Layer(name)
    {
        public override void build(long?[] input_shape)
        {
            add_weight("w", [1], new KerasPort.Initializers.Zeros());
            add_weight("w", [1], new KerasPort.Initializers.Zeros());
            base.build(input_shape);
        }

        public override Tensor call(Tensor inputs, bool training = false) => inputs;
    }

    private static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    private static StringWriter CaptureWarnings()
    {
        var messages = new StringWriter();
        KerasPort.Callbacks.Callback.warnings_writer = messages;
        return messages;
    }

    [TearDown]
    public void RestoreWarnings() => KerasPort.Callbacks.Callback.warnings_writer = null;

    [Test]
    public void Recorded_sequential_h5_loads_compiled_with_its_optimizer_state()
    {
        using var model = keras.models.load_model(Recorded("sequential.h5"));
        var (probe, expected) = RecordedNpz("sequential");
        using var predicted = model.predict(probe);
        Assert.That(MaxDifference(predicted, expected), Is.LessThanOrEqualTo(1e-5f));
        Assert.That(model.compiled, Is.True);
        // Two epochs of 4 batches in Keras.
        Assert.That(model.optimizer!.iterations, Is.EqualTo(8));
        var bn = (BatchNormalization)model.layers[1];
        Assert.That(bn.moving_variance!.sub(1).abs().max().item<float>(), Is.GreaterThan(1e-4f), "trained moving statistics loaded");
    }

    [Test]
    public void Written_config_of_the_recorded_sequential_model_is_keras_byte_for_byte()
    {
        using var model = keras.models.load_model(Recorded("sequential.h5"));
        string path = Path.Combine(dir, "sequential.h5");
        model.save(path);
        Assert.That(Attribute(path, "model_config"), Is.EqualTo(Attribute(Recorded("sequential.h5"), "model_config")));
        Assert.That(Attribute(path, "training_config"), Is.EqualTo(Attribute(Recorded("sequential.h5"), "training_config")));
        using var written = PureHDF.H5File.OpenRead(path);
        using var keras_file = PureHDF.H5File.OpenRead(Recorded("sequential.h5"));
        foreach (var group in new[] { "model_weights", "model_weights/dense", "model_weights/batch_normalization", "optimizer_weights" })
        {
            string names = group == "model_weights" ? "layer_names" : "weight_names";
            Assert.That(written.Group(group).Attribute(names).Read<string[]>(), Is.EqualTo(keras_file.Group(group).Attribute(names).Read<string[]>()), group);
        }
    }

    [Test]
    public void Keras2_layout_sequential_h5_loads_and_starts_a_fresh_optimizer_as_keras()
    {
        var warnings = CaptureWarnings();
        using var model = keras.models.load_model(Recorded("sequential_keras2.h5"));
        var (probe, expected) = RecordedNpz("sequential");
        using var predicted = model.predict(probe);
        Assert.That(MaxDifference(predicted, expected), Is.LessThanOrEqualTo(1e-5f));
        Assert.That(model.compiled, Is.True);
        Assert.That(model.optimizer, Is.InstanceOf<Adam>());
        // tf.keras 2's Adam saved 1 + 2n variables where Keras 3's has 2 + 2n: Keras warns and starts afresh.
        Assert.That(model.optimizer!.iterations, Is.EqualTo(0));
        Assert.That(warnings.ToString(), Does.Contain("Argument `decay` is no longer supported and will be ignored."));
        Assert.That(warnings.ToString(), Does.Contain("Error in loading the saved optimizer state."));
        Assert.That(((Dense)model.layers[0]).kernel_regularizer, Is.InstanceOf<KerasPort.Regularizers.L2>());
    }

    /// <summary>
    /// The tf.keras 2 Functional config in the .keras layout the Functional deserialization reads
    /// (Keras's model_from_config): modules added, InputLayer's batch_input_shape as batch_shape,
    /// axis lists as ints, nested initializers and regularizers with their modules, Keras 2's
    /// inbound-node lists and output_layers kept as written.
    /// </summary>
    [Test]
    public void Keras2_functional_config_becomes_the_keras_layout()
    {
        var config = KerasPort.Saving.Legacy.LegacyConfig.model_from_config(KerasPort.Saving.Legacy.LegacyConfig.decode(Attribute(Recorded("functional_keras2.h5"), "model_config")));
        Assert.That(config["module"], Is.EqualTo("keras.src.models.functional"));
        Assert.That(config["class_name"], Is.EqualTo("Functional"));
        var inner = (IDictionary<string, object?>)config["config"]!;
        var layers = ((IList<object?>)inner["layers"]!).Cast<IDictionary<string, object?>>().ToList();
        Assert.That(layers.Select(l => l["module"]), Is.All.EqualTo("keras.layers"));
        Assert.That(layers.Select(l => l["name"]), Is.EqualTo(new[] { "input_layer", "dense", "batch_normalization", "dense_1", "add", "dense_2" }));
        var input = (IDictionary<string, object?>)layers[0]["config"]!;
        Assert.That(input["batch_shape"], Is.EqualTo(new object?[] { 2L, 3L }));
        Assert.That(input.ContainsKey("batch_input_shape"), Is.False);
        var bn = (IDictionary<string, object?>)layers[2]["config"]!;
        Assert.That(bn["axis"], Is.EqualTo(-1L));
        Assert.That(((IDictionary<string, object?>)bn["gamma_initializer"]!)["module"], Is.EqualTo("keras.initializers"));
        Assert.That(KerasPort.Saving.KerasJson.dumps(layers[4]["inbound_nodes"]), Is.EqualTo("[[[\"dense_1\", 0, 0, {}], [\"dense\", 0, 0, {}]]]"));
        Assert.That(KerasPort.Saving.KerasJson.dumps(inner["output_layers"]), Is.EqualTo("[[\"dense_2\", 0, 0]]"));
    }

    [TestCase("sequential", "sequential_weights.h5")]
    [TestCase("sequential", "sequential.h5")]
    [TestCase("sequential", "sequential_keras2.h5")]
    [TestCase("functional", "functional_weights.h5")]
    [TestCase("functional", "functional.h5")]
    [TestCase("functional", "functional_keras2.h5")]
    public void Legacy_weights_load_in_order_into_the_rebuilt_model(string kind, string file)
    {
        using var model = kind == "sequential" ? SequentialModel() : FunctionalModel();
        model.load_weights(Recorded(file));
        var (probe, expected) = RecordedNpz(kind);
        using var predicted = model.predict(probe);
        Assert.That(MaxDifference(predicted, expected), Is.LessThanOrEqualTo(1e-5f));
    }

    /// <summary>
    /// Keras's <c>save_attributes_to_hdf5_group</c> splits a list longer than an HDF5 object header
    /// holds into <c>layer_names0</c>, <c>layer_names1</c>, ...: the chunks are read in order, and
    /// fixed-length strings (tf.keras 2 with h5py 2) as well as variable-length ones.
    /// </summary>
    [Test]
    public void Chunked_layer_names_are_read_in_order()
    {
        using var source = SequentialModel();
        string path = Path.Combine(dir, "chunked.h5");
        var root = new H5File { Attributes = new() { ["layer_names0"] = new[] { "dense" }, ["layer_names1"] = new[] { "batch_normalization", "dense_1" } } };
        foreach (var layer in source.layers)
        {
            var weights = KerasPort.Saving.Legacy.LegacyWeights.legacy_weights(layer);
            var group = new H5Group { Attributes = new() { ["weight_names"] = weights.Select((_, i) => $"w{i}").ToArray() } };
            for (int i = 0; i < weights.Count; i++) group[$"w{i}"] = new H5Dataset(weights[i].detach().data<float>().ToArray(), fileDims: weights[i].shape.Select(d => (ulong)d).ToArray());
            root[layer.name] = group;
        }
        root.Write(path);
        using var model = SequentialModel();
        model.load_weights(path);
        Assert.That(model.get_weights().Zip(source.get_weights()).All(p => Same(p.First, p.Second)));
    }

    [Test]
    public void Subclassed_model_loads_its_own_weights_from_top_level_model_weights()
    {
        using var model = new SubclassedModel();
        model.build([null, 3]);
        model.load_weights(Recorded("subclassed_weights.h5"));
        Assert.That(model.bias!.item<float>(), Is.EqualTo(0.25f));
        var (probe, expected) = RecordedNpz("subclassed");
        using var predicted = model.predict(probe);
        Assert.That(MaxDifference(predicted, expected), Is.LessThanOrEqualTo(1e-5f));
    }

    [Test]
    public void By_name_loads_the_layers_whose_names_match_and_leaves_the_others()
    {
        using var reference = SequentialModel();
        reference.load_weights(Recorded("sequential_weights.h5"));
        using var model = SequentialModel(last_name: "renamed");
        var untouched = model.layers[2].get_weights();
        model.load_weights(Recorded("sequential_weights.h5"), by_name: true);
        for (int i = 0; i < 2; i++)
            Assert.That(model.layers[i].get_weights().Zip(reference.layers[i].get_weights()).All(p => Same(p.First, p.Second)), $"layer {i} loaded");
        Assert.That(model.layers[2].get_weights().Zip(untouched).All(p => Same(p.First, p.Second)), "the renamed layer keeps its weights");
    }

    [Test]
    public void Shape_mismatch_names_the_layer_and_shapes_and_changes_no_weight()
    {
        using var model = SequentialModel(last_units: 6);
        var before = model.get_weights();
        var error = Assert.Throws<ArgumentException>(() => model.load_weights(Recorded("sequential_weights.h5")))!;
        Assert.That(error.Message, Does.Contain("Shape mismatch in layer #2 (named dense_1) for weight sequential/dense_1/kernel. Weight expects shape (4, 6). Received saved weight with shape (4, 5)"));
        Assert.That(model.get_weights().Zip(before).All(p => Same(p.First, p.Second)), "no weight changed");
    }

    [Test]
    public void Skip_mismatch_warns_skips_the_mismatched_weights_and_loads_the_rest()
    {
        var warnings = CaptureWarnings();
        using var reference = SequentialModel();
        reference.load_weights(Recorded("sequential_weights.h5"));
        using var model = SequentialModel(last_units: 6);
        var kernel_before = model.layers[2].get_weights()[0];
        model.load_weights(Recorded("sequential_weights.h5"), skip_mismatch: true);
        Assert.That(warnings.ToString(), Does.Contain("Skipping loading weights for layer #2 (named dense_1) due to mismatch in shape for weight sequential/dense_1/kernel."));
        Assert.That(Same(model.layers[2].get_weights()[0], kernel_before), "the mismatched kernel is kept");
        Assert.That(Same(model.layers[0].get_weights()[0], reference.layers[0].get_weights()[0]), "the others load");
    }

    [Test]
    public void By_name_with_skip_mismatch_skips_a_layer_whose_weight_count_differs()
    {
        var warnings = CaptureWarnings();
        using var model = new Sequential([keras.Input(shape: [3]), new Dense(4, use_bias: false, name: "dense")]);
        var before = model.get_weights()[0];
        Assert.That(() => model.load_weights(Recorded("sequential_weights.h5"), by_name: true),
            Throws.ArgumentException.With.Message.Contains("Weight count mismatch for layer #0 (named dense). Layer expects 1 weight(s). Received 2 saved weight(s)"));
        model.load_weights(Recorded("sequential_weights.h5"), by_name: true, skip_mismatch: true);
        Assert.That(warnings.ToString(), Does.Contain("Skipping loading of weights for layer #0 (named dense) due to mismatch in number of weights."));
        Assert.That(Same(model.get_weights()[0], before));
    }

    [Test]
    public void Layer_count_mismatch_is_keras_error()
    {
        using var model = new Sequential([keras.Input(shape: [3]), new Dense(4, name: "dense")]);
        Assert.That(() => model.load_weights(Recorded("sequential_weights.h5")),
            Throws.ArgumentException.With.Message.Contains("Layer count mismatch when loading weights from file").And.Message.Contains("Model expected 1 layers, found 3 saved layers."));
    }

    [Test]
    public void By_name_is_refused_for_keras3_files()
    {
        using var model = SequentialModel();
        Assert.That(() => model.load_weights(Path.Combine(dir, "w.weights.h5"), by_name: true),
            Throws.ArgumentException.With.Message.Contains("`by_name` only supports loading legacy '.h5' or '.hdf5' files."));
    }

    [Test]
    public void A_file_that_is_not_hdf5_is_refused_with_its_name()
    {
        string path = Path.Combine(dir, "model.h5");
        File.WriteAllText(path, "this is not an HDF5 file");
        var error = Assert.Throws<InvalidDataException>(() => keras.models.load_model(path))!;
        Assert.That(error.Message, Does.StartWith($"Cannot read '{path}': it is not an HDF5 file"));
        using var model = SequentialModel();
        Assert.Throws<InvalidDataException>(() => model.load_weights(path));
    }

    [TestCase(0.3)]
    [TestCase(0.6)]
    public void A_truncated_file_is_refused_with_its_name_and_changes_no_weight(double kept)
    {
        string path = Path.Combine(dir, "truncated.h5");
        byte[] bytes = File.ReadAllBytes(Recorded("sequential.h5"));
        File.WriteAllBytes(path, bytes[..(int)(bytes.Length * kept)]);
        var error = Assert.Throws<InvalidDataException>(() => keras.models.load_model(path))!;
        Assert.That(error.Message, Does.StartWith($"Cannot read '{path}'"));
        using var model = SequentialModel();
        var before = model.get_weights();
        Assert.Throws<InvalidDataException>(() => model.load_weights(path));
        Assert.That(model.get_weights().Zip(before).All(p => Same(p.First, p.Second)), "no weight changed");
    }

    [Test]
    public void A_weights_only_file_given_to_load_model_has_keras_message()
    {
        var error = Assert.Throws<InvalidDataException>(() => keras.models.load_model(Recorded("sequential_weights.h5")))!;
        Assert.That(error.Message, Does.Contain($"No model config found in the file at {Recorded("sequential_weights.h5")}."));
    }

    [Test]
    public void A_config_naming_a_class_kerasport_lacks_names_the_class()
    {
        string path = Path.Combine(dir, "custom.h5");
        string config = Attribute(Recorded("sequential.h5"), "model_config").Replace("\"class_name\": \"BatchNormalization\"", "\"class_name\": \"MyCustomLayer\"");
        new PureHDF.H5File { Attributes = new() { ["model_config"] = config } }.Write(path);
        var error = Assert.Throws<InvalidDataException>(() => keras.models.load_model(path))!;
        Assert.That(error.Message, Does.Contain("MyCustomLayer"));
    }

    [Test]
    public void Missing_file_is_file_not_found()
    {
        Assert.Throws<FileNotFoundException>(() => keras.models.load_model(Path.Combine(dir, "absent.h5")));
    }

    /// <summary>legacy_h5_format_test.py's test_sequential_model and test_functional_model: save, load, same outputs.</summary>
    [TestCase("sequential", "model.hdf5")]
    [TestCase("functional", "model.h5")]
    public void Whole_model_round_trips(string kind, string file)
    {
        using var model = kind == "sequential" ? SequentialModel() : FunctionalModel();
        var x = torch.rand(2, 3);
        using var expected = model.predict(x);
        string path = Path.Combine(dir, file);
        model.save(path);
        using var loaded = keras.models.load_model(path);
        using var output = loaded.predict(x);
        Assert.That(MaxDifference(output, expected), Is.LessThanOrEqualTo(1e-5f));
        Assert.That(loaded.GetType(), Is.EqualTo(model.GetType()));
        Assert.That(loaded.name, Is.EqualTo(kind));
        // Uncompiled when saved: no training config, so Keras's warning and an uncompiled model.
        Assert.That(loaded.compiled, Is.False);
    }

    /// <summary>legacy_h5_format_test.py's test_saving_include_optimizer_false.</summary>
    [Test]
    public void Include_optimizer_false_saves_neither_training_config_nor_optimizer()
    {
        using var model = new Sequential([keras.Input(shape: [10]), new Dense(1)]);
        model.compile(optimizer: "adam", loss: "mean_squared_error");
        var x = torch.ones(10, 10);
        model.fit(x, torch.ones(10, 1), verbose: 0);
        using var expected = model.predict(x);
        string path = Path.Combine(dir, "model.h5");
        model.save(path, include_optimizer: false);
        using var loaded = keras.models.load_model(path);
        Assert.That(loaded.optimizer, Is.Null);
        using var output = loaded.predict(x);
        Assert.That(MaxDifference(output, expected), Is.LessThanOrEqualTo(1e-5f));
        using var file = PureHDF.H5File.OpenRead(path);
        Assert.That(file.AttributeExists("training_config"), Is.False);
        Assert.That(file.LinkExists("optimizer_weights"), Is.False);
    }

    /// <summary>legacy_h5_format_test.py's testdirectory_creation_on_save.</summary>
    [Test]
    public void Saving_creates_thedirectories()
    {
        using var model = SequentialModel();
        string path = Path.Combine(dir, "dir1", "dir2", "dir3", "model.h5");
        model.save(path);
        using var loaded = keras.models.load_model(path);
        Assert.That(loaded.layers.Select(l => l.name), Is.EqualTo(model.layers.Select(l => l.name)));
    }

    [Test]
    public void Overwrite_false_refuses_an_existing_file_and_keeps_it()
    {
        using var model = SequentialModel();
        string path = Path.Combine(dir, "model.h5");
        File.WriteAllText(path, "keep");
        Assert.Throws<IOException>(() => model.save(path, overwrite: false));
        Assert.That(File.ReadAllText(path), Is.EqualTo("keep"));
    }

    [Test]
    public void A_failed_save_leaves_the_previous_file_and_no_temporary()
    {
        string path = Path.Combine(dir, "model.h5");
        using (var good = SequentialModel()) good.save(path);
        byte[] before = File.ReadAllBytes(path);
        // Two weights of one layer with the same name cannot both be datasets of the legacy layout.
        using var model = new Sequential([keras.Input(shape: [3]), new TwinWeights(name: "twins")]);
        Assert.That(() => model.save(path), Throws.ArgumentException.With.Message.Contains("Two weights have the same name").And.Message.Contains("twins/w"));
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(before));
        Assert.That(Directory.GetFiles(dir), Is.EqualTo(new[] { path }));
    }

    /// <summary>
    /// Writes what tools/check_legacy_h5.py gives Keras 3.15.1 to load: KerasPort's <c>.h5</c> files of
    /// Keras's models and of a model KerasPort trained (SGD with momentum, RMSprop slots), each with
    /// an <c>.npz</c> of a probe and KerasPort's predictions; the folder is <c>legacy_h5_written</c>
    /// beside the test assembly. Each file also reloads here with the same predictions.
    /// </summary>
    [Test]
    public void Written_files_for_the_keras_check_reload_with_the_same_predictions()
    {
        string folder = Path.Combine(AppContext.BaseDirectory, "legacy_h5_written");
        Directory.CreateDirectory(folder);
        void Write(Model model, string name, Tensor probe)
        {
            using var predicted = model.predict(probe);
            model.save(Path.Combine(folder, name + ".h5"));
            Npy.savez(Path.Combine(folder, name + ".npz"), new Dictionary<string, Tensor> { ["probe"] = probe, ["predict"] = predicted });
            using var again = keras.models.load_model(Path.Combine(folder, name + ".h5"));
            using var reloaded = again.predict(probe);
            Assert.That(MaxDifference(reloaded, predicted), Is.LessThanOrEqualTo(1e-6f), name);
        }
        foreach (var name in new[] { "cnn", "augmented" })
            using (var model = keras.models.load_model(Fixture(name + ".h5"))) Write(model, name, Npz(name).probe);
        using (var model = keras.models.load_model(Recorded("sequential.h5"))) Write(model, "sequential", RecordedNpz("sequential").probe);

        keras.utils.set_random_seed(7);
        var x = torch.rand(16, 3);
        var y = torch.randint(0, 5, [16]);
        using (var sgd = SequentialModel())
        {
            sgd.compile(optimizer: new SGD(0.05, momentum: 0.9), loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
            sgd.fit(x, y, batch_size: 2, epochs: 2, verbose: 0);
            Write(sgd, "kerasport_sgd", x[..2]);
        }
        using (var rms = new Sequential([keras.Input(shape: [3]), new Dense(4, activation: "tanh"), new Dropout(0.1), new Dense(5, activation: "softmax")], name: "rms_model"))
        {
            rms.compile(optimizer: new RMSprop(0.01, momentum: 0.5, centered: true), loss: new KerasPort.Losses.CategoricalCrossentropy(label_smoothing: 0.1), metrics: ["accuracy"]);
            rms.fit(x, keras.utils.to_categorical(y, 5), batch_size: 4, epochs: 2, verbose: 0);
            Write(rms, "kerasport_rmsprop", x[..2]);
        }
    }
}
