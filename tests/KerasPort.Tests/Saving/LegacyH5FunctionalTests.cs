using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Optimizers;
using KerasPort.Tests.TestSupport;
using KerasPort.Utils;
using PureHDF;
using static KerasPort.Tests.Saving.LegacyH5FormatTests;
using static TorchSharp.torch;

namespace KerasPort.Tests.Saving;

/// <summary>
/// Keras's legacy HDF5 whole-model files of Functional and nested models: the files Keras 3.15.1
/// wrote (shared keras-reference/models residual and two_inputs; tests/fixtures/legacy_h5 functional,
/// nested: a Sequential and a Functional inside a Functional, both also in tf.keras 2's layout; graph: two
/// inputs, two outputs, a shared layer, a frozen nested Sequential, per-output losses and metrics) load and
/// predict what Keras predicted within 1e-5; what KerasPort writes has Keras's layout (config byte for
/// byte, layer and weight names, a nested model's weights under its group) and reads back the same.
/// </summary>
[NonParallelizable]
public sealed class LegacyH5FunctionalTests : TempDirectoryTest
{
    private static string Models(string file) => KerasFixtures.path("models", file);

    // The residual model's probe lives with its layer tests.
    private static string Npz(string name) =>
        name == "residual" ? KerasFixtures.path("layers", "keras_models", "residual.npz") : name == "two_inputs" ? Models("two_inputs.npz") : Recorded(name + ".npz");

    private static string H5(string name) => name is "residual" or "two_inputs" ? Models(name + ".h5") : Recorded(name + ".h5");

    /// <summary>The npz's arrays <paramref name="key"/> (one input or output) or key_0, key_1, ... (several).</summary>
    private static Tensor[] Arrays(Dictionary<string, Tensor> arrays, string key) =>
        arrays.TryGetValue(key, out var single) ? [single] : [.. arrays.Keys.Where(k => k.StartsWith(key + "_", StringComparison.Ordinal)).Order(StringComparer.Ordinal).Select(k => arrays[k])];

    private static Tensor[] Probe(Dictionary<string, Tensor> arrays) => Arrays(arrays, "probe");

    private static Tensor[] Outputs(Model model, Tensor[] probe) => probe.Length == 1 ? model.predict_outputs(probe[0]) : model.predict_outputs(probe);

    /// <summary>The largest difference between the outputs and Keras's predictions (predict, or predict_0, predict_1, ...).</summary>
    private static float Difference(Tensor[] outputs, Tensor[] expected)
    {
        Assert.That(outputs, Has.Length.EqualTo(expected.Length), "outputs");
        return outputs.Zip(expected).Max(p => MaxDifference(p.First, p.Second));
    }

    private static string[] Names(PureHDF.IH5Group group, string name) =>
        group.Attribute(name).Type.Class == PureHDF.H5DataTypeClass.FloatingPoint ? [] : group.Attribute(name).Read<string[]>();

    [TearDown]
    public void RestoreWarnings() => KerasPort.Callbacks.Callback.warnings_writer = null;

    [TestCase("residual")]
    [TestCase("two_inputs")]
    [TestCase("functional")]
    [TestCase("nested")]
    [TestCase("graph")]
    public void Keras_functional_h5_loads_compiled_and_predicts_as_keras(string name)
    {
        using var model = keras.models.load_model(H5(name));
        var arrays = Npy.load_npz(Npz(name));
        Assert.That(Difference(Outputs(model, Probe(arrays)), Arrays(arrays, "predict")), Is.LessThanOrEqualTo(1e-5f));
        Assert.That(model, Is.Not.InstanceOf<Sequential>());
        Assert.That(model.compiled, Is.True);
        Assert.That(model.optimizer, Is.InstanceOf<Adam>());
        // Keras trained two epochs: the saved optimizer state is restored.
        Assert.That(model.optimizer!.iterations, Is.GreaterThan(0));
    }

    [Test]
    public void Nested_models_load_as_models_with_their_own_layers()
    {
        using var model = keras.models.load_model(Recorded("nested.h5"));
        Assert.That(model.layers.Select(l => l.name), Is.EqualTo(new[] { "input_layer", "block", "inner", "head" }));
        Assert.That(model.layers[1], Is.InstanceOf<Sequential>());
        Assert.That(((Model)model.layers[1]).layers.Select(l => l.name), Is.EqualTo(new[] { "dense", "batch_normalization" }));
        Assert.That(model.layers[2], Is.InstanceOf<Model>().And.Not.InstanceOf<Sequential>());
        // 8 optimizer steps of Keras's training: the nested BatchNormalization's moving statistics moved.
        var bn = (BatchNormalization)((Model)model.layers[1]).layers[1];
        Assert.That(bn.moving_variance!.sub(1).abs().max().item<float>(), Is.GreaterThan(1e-4f));
        Assert.That(model.optimizer!.iterations, Is.EqualTo(8));
    }

    /// <summary>
    /// tf.keras 2's layout: inbound nodes as [[layer, node_index, tensor_index, kwargs]] (a nested
    /// Functional's own layers' too), batch_input_shape, nested models' weights named by their layers
    /// ("dense/kernel:0"), OptimizerV2 state that Keras 3 refuses with a warning.
    /// </summary>
    [TestCase("functional", new[] { "input_layer", "dense", "batch_normalization", "dense_1", "add", "dense_2" })]
    [TestCase("nested", new[] { "input_layer", "block", "inner", "head" })]
    public void Keras2_layout_functional_h5_loads_and_predicts_as_keras(string name, string[] layer_names)
    {
        var warnings = new StringWriter();
        KerasPort.Callbacks.Callback.warnings_writer = warnings;
        using var model = keras.models.load_model(Recorded(name + "_keras2.h5"));
        var arrays = Npy.load_npz(Recorded(name + ".npz"));
        using var predicted = model.predict(arrays["probe"]);
        Assert.That(MaxDifference(predicted, arrays["predict"]), Is.LessThanOrEqualTo(1e-5f));
        Assert.That(model.layers.Select(l => l.name), Is.EqualTo(layer_names));
        Assert.That(model.compiled, Is.True);
        Assert.That(model.optimizer!.iterations, Is.EqualTo(0));
        Assert.That(warnings.ToString(), Does.Contain("Error in loading the saved optimizer state."));
    }

    /// <summary>
    /// KerasPort rewrites each Keras file in Keras's layout: the same model_config and training_config
    /// strings as Keras's file (or, for graph, as Keras's own re-save of it), the same layer_names, each
    /// layer group's weight_names (a nested model's are its weights' paths, under its group), the same
    /// optimizer variable names; and the rewritten file reloads with
    /// Keras's predictions and optimizer state.
    /// </summary>
    [TestCase("residual")]
    [TestCase("two_inputs")]
    [TestCase("functional")]
    [TestCase("nested")]
    [TestCase("graph")]
    public void Saved_functional_h5_has_keras_layout_and_reloads(string name)
    {
        using var model = keras.models.load_model(H5(name));
        string path = Path.Combine(dir, name + ".h5");
        model.save(path);
        Assert.That(Attribute(path, "model_config"), Is.EqualTo(Attribute(H5(name), "model_config")));
        // Keras's legacy loader turns the metric "mae" into a MeanAbsoluteError object: its own re-save writes that.
        string keras_resaved = name == "graph" ? Recorded("graph_resaved.h5") : H5(name);
        Assert.That(Attribute(path, "training_config"), Is.EqualTo(Attribute(keras_resaved, "training_config")));
        using (var written = PureHDF.H5File.OpenRead(path))
        using (var keras_file = PureHDF.H5File.OpenRead(H5(name)))
        {
            var layer_names = Names(keras_file.Group("model_weights"), "layer_names");
            Assert.That(Names(written.Group("model_weights"), "layer_names"), Is.EqualTo(layer_names));
            foreach (var layer in layer_names.Append("top_level_model_weights"))
            {
                var weight_names = Names(keras_file.Group("model_weights/" + layer), "weight_names");
                Assert.That(Names(written.Group("model_weights/" + layer), "weight_names"), Is.EqualTo(weight_names), layer);
                foreach (var weight in weight_names)
                    Assert.That(written.Group("model_weights/" + layer).Dataset(weight).Space.Dimensions, Is.EqualTo(keras_file.Group("model_weights/" + layer).Dataset(weight).Space.Dimensions), weight);
            }
            Assert.That(Names(written.Group("optimizer_weights"), "weight_names"), Is.EqualTo(Names(keras_file.Group("optimizer_weights"), "weight_names")));
        }

        using var again = keras.models.load_model(path);
        var arrays = Npy.load_npz(Npz(name));
        Assert.That(Difference(Outputs(again, Probe(arrays)), Arrays(arrays, "predict")), Is.LessThanOrEqualTo(1e-5f));
        Assert.That(again.optimizer!.iterations, Is.EqualTo(model.optimizer!.iterations));
        var before = model.optimizer.variables;
        var after = again.optimizer.variables;
        Assert.That(after.Count, Is.EqualTo(before.Count));
        for (int i = 0; i < before.Count; i++) Assert.That(after[i].eq(before[i]).all().item<bool>(), $"optimizer variable {i}");
    }

    /// <summary>A Functional model KerasPort builds: two inputs, a residual BatchNormalization block, a nested Sequential.</summary>
    private static Model KerasPortModel()
    {
        var a = keras.Input(shape: [3], name: "a");
        var b = keras.Input(shape: [2], name: "b");
        var block = new Sequential([keras.Input(shape: [5]), new Dense(4, activation: "relu", name: "block_dense"), new BatchNormalization(name: "block_bn")], name: "block");
        var x = keras.layers.concatenate([a, b], name: "joined");
        x = block.__call__(x);
        var residual = x;
        x = new BatchNormalization(name: "bn").__call__(new Dense(4, activation: "relu", name: "hidden").__call__(x));
        x = keras.layers.add([x, residual], name: "residual");
        var outputs = new Dense(3, activation: "softmax", name: "scores").__call__(x);
        return new Model([a, b], outputs, name: "kerasport_functional");
    }

    /// <summary>
    /// A Functional model KerasPort trained (two inputs, a nested Sequential, BatchNormalization) saves
    /// in Keras's layout (the nested Sequential's weights under its group, named by path) and loads back
    /// with identical predictions, compiled with its optimizer state.
    /// </summary>
    [Test]
    public void KerasPort_functional_with_a_nested_sequential_round_trips()
    {
        keras.utils.set_random_seed(11);
        using var model = KerasPortModel();
        model.compile(optimizer: new Adam(0.01), loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
        Tensor[] x = [torch.rand(16, 3), torch.rand(16, 2)];
        model.fit(x, torch.randint(0, 3, [16]), batch_size: 4, epochs: 2, verbose: 0);
        using var expected = model.predict(x);
        string path = Path.Combine(dir, "kerasport.h5");
        model.save(path);

        using (var file = PureHDF.H5File.OpenRead(path))
        {
            var config = KerasPort.Saving.KerasJson.loads(file.Attribute("model_config").Read<string>()) as IDictionary<string, object?>;
            Assert.That(config!["class_name"], Is.EqualTo("Functional"));
            var weights = file.Group("model_weights");
            Assert.That(Names(weights, "layer_names"), Is.EqualTo(new[] { "a", "b", "joined", "block", "hidden", "bn", "residual", "scores" }));
            Assert.That(Names(weights.Group("block"), "weight_names"), Is.EqualTo(new[]
            {
                "block/block_dense/kernel", "block/block_dense/bias", "block/block_bn/gamma", "block/block_bn/beta", "block/block_bn/moving_mean", "block/block_bn/moving_variance",
            }));
            Assert.That(Names(weights.Group("bn"), "weight_names"), Is.EqualTo(new[] { "bn/gamma", "bn/beta", "bn/moving_mean", "bn/moving_variance" }));
            Assert.That(weights.Group("block").Dataset("block/block_dense/kernel").Space.Dimensions, Is.EqualTo(new ulong[] { 5, 4 }));
        }
        using var loaded = keras.models.load_model(path);
        using var output = loaded.predict(x);
        Assert.That(MaxDifference(output, expected), Is.EqualTo(0f));
        Assert.That(loaded.layers[3], Is.InstanceOf<Sequential>());
        Assert.That(loaded.optimizer!.iterations, Is.EqualTo(model.optimizer!.iterations));
    }

    /// <summary>
    /// Adds to what tools/check_legacy_h5.py gives Keras 3.15.1 to load (the <c>legacy_h5_written</c> folder
    /// beside the test assembly, with LegacyH5FormatTests' Sequential files): KerasPort's <c>.h5</c> files of
    /// Keras's Functional and nested models and of the Functional model KerasPort trained, each with an
    /// <c>.npz</c> of the probe (<c>probe</c>, or <c>probe_0</c>, <c>probe_1</c> for two inputs) and
    /// KerasPort's predictions (<c>predict</c>, or <c>predict_0</c>, <c>predict_1</c> for two outputs). Each file also reloads here with the same predictions.
    /// </summary>
    [Test]
    public void Written_functional_files_for_the_keras_check_reload_with_the_same_predictions()
    {
        string folder = Path.Combine(AppContext.BaseDirectory, "legacy_h5_written");
        Directory.CreateDirectory(folder);
        void Write(Model model, string name, Tensor[] probe)
        {
            var predicted = Outputs(model, probe);
            model.save(Path.Combine(folder, name + ".h5"));
            var arrays = new Dictionary<string, Tensor>();
            void Add(string key, Tensor[] values)
            {
                if (values.Length == 1) arrays[key] = values[0];
                else for (int i = 0; i < values.Length; i++) arrays[$"{key}_{i}"] = values[i];
            }
            Add("probe", probe);
            Add("predict", predicted);
            Npy.savez(Path.Combine(folder, name + ".npz"), arrays);
            using var again = keras.models.load_model(Path.Combine(folder, name + ".h5"));
            Assert.That(Difference(Outputs(again, probe), predicted), Is.LessThanOrEqualTo(1e-6f), name);
        }
        foreach (var name in new[] { "residual", "two_inputs", "functional", "nested", "graph" })
            using (var model = keras.models.load_model(H5(name))) Write(model, "functional_" + name, Probe(Npy.load_npz(Npz(name))));

        keras.utils.set_random_seed(12);
        using var trained = KerasPortModel();
        trained.compile(optimizer: new SGD(0.05, momentum: 0.9), loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
        Tensor[] x = [torch.rand(16, 3), torch.rand(16, 2)];
        trained.fit(x, torch.randint(0, 3, [16]), batch_size: 4, epochs: 2, verbose: 0);
        Write(trained, "functional_kerasport", [x[0][..4], x[1][..4]]);
    }

    /// <summary>legacy_h5_format_test.py's test_model_loading_with_axis_arg: a Concatenate on axis 1 of two inputs, compiled, saves and loads.</summary>
    [Test]
    public void Model_with_axis_arg_saves_and_loads()
    {
        var input1 = keras.Input(shape: [1, 4], name: "input1");
        var input2 = keras.Input(shape: [1, 4], name: "input2");
        var concat1 = new Concatenate(axis: 1).__call__([input1, input2]);
        var output = new Dense(1, activation: "sigmoid").__call__(concat1);
        using var model = new Model([input1, input2], output);
        model.compile(optimizer: "adam", loss: "binary_crossentropy", metrics: ["accuracy"]);
        string path = Path.Combine(dir, "model_with_axis_arg.h5");
        KerasPort.Saving.Legacy.LegacyH5Format.save_model_to_hdf5(model, path);
        using var loaded = KerasPort.Saving.Legacy.LegacyH5Format.load_model_from_hdf5(path);
        Assert.That(((Concatenate)loaded.layers[2]).axis, Is.EqualTo(1));
        Tensor[] x = [torch.rand(2, 1, 4), torch.rand(2, 1, 4)];
        using var expected = model.predict(x);
        using var predicted = loaded.predict(x);
        Assert.That(MaxDifference(predicted, expected), Is.EqualTo(0f));
    }

    /// <summary>The architecture tools/record_legacy_h5_nested.py recorded, built in KerasPort.</summary>
    private static Model NestedModel()
    {
        var block = new Sequential([
            keras.Input(shape: [3]),
            new Dense(4, activation: "relu", name: "dense"),
            new BatchNormalization(moving_mean_initializer: "uniform", gamma_initializer: "uniform", name: "batch_normalization"),
        ], name: "block");
        var inner_inputs = keras.Input(shape: [4], name: "inner_input");
        var inner_x = new Dense(4, activation: "tanh", name: "inner_dense").__call__(inner_inputs);
        var inner = new Model(inner_inputs, keras.layers.add([inner_x, inner_inputs], name: "inner_add"), name: "inner");
        var inputs = keras.Input(shape: [3], name: "input_layer");
        var outputs = new Dense(5, activation: "softmax", name: "head").__call__(inner.__call__(block.__call__(inputs)));
        return new Model(inputs, outputs, name: "outer");
    }

    /// <summary>A nested model's group holds all its weights: they load into the rebuilt nested models in order and by name.</summary>
    [TestCase("nested.h5", false)]
    [TestCase("nested.h5", true)]
    [TestCase("nested_keras2.h5", false)]
    [TestCase("nested_keras2.h5", true)]
    public void Nested_model_weights_load_into_the_rebuilt_architecture(string file, bool by_name)
    {
        using var model = NestedModel();
        model.load_weights(Recorded(file), by_name: by_name);
        var arrays = Npy.load_npz(Recorded("nested.npz"));
        using var predicted = model.predict(arrays["probe"]);
        Assert.That(MaxDifference(predicted, arrays["predict"]), Is.LessThanOrEqualTo(1e-5f));
    }

    /// <summary>A training_config that cannot compile the model names the file and what it holds; compile: false still loads the model.</summary>
    [Test]
    public void A_training_config_naming_an_unknown_metric_names_the_file()
    {
        string path = Path.Combine(dir, "unknown_metric.h5");
        var inputs = keras.Input(shape: [3], name: "x");
        using (var model = new Model(inputs, new Activation("relu", name: "relu").__call__(inputs), name: "weightless"))
        {
            model.compile(optimizer: "adam", loss: "mean_squared_error", metrics: ["accuracy"]);
            model.save(path);
        }
        string training_config = Attribute(path, "training_config").Replace("[\"accuracy\"]", "[\"no_such_metric\"]", StringComparison.Ordinal);
        Assert.That(training_config, Does.Contain("no_such_metric"));
        // The model has no weights: its model_weights group is two empty layer groups.
        var weights = new H5Group { Attributes = new() { ["layer_names"] = new[] { "x", "relu" } } };
        foreach (var layer in new[] { "x", "relu" }) weights[layer] = new H5Group { Attributes = new() { ["weight_names"] = Array.Empty<double>() } };
        new H5File { Attributes = new() { ["model_config"] = Attribute(path, "model_config"), ["training_config"] = training_config }, ["model_weights"] = weights }.Write(path);

        var error = Assert.Throws<InvalidDataException>(() => keras.models.load_model(path))!;
        Assert.That(error.Message, Does.StartWith($"Cannot read '{path}': its training_config cannot compile the model").And.Contain("no_such_metric"));
        using var uncompiled = keras.models.load_model(path, compile: false);
        Assert.That(uncompiled.compiled, Is.False);
    }

    /// <summary>tf.keras 2.0 to 2.3 named a Functional model's class "Model" (saving_utils.model_from_config reads both).</summary>
    [Test]
    public void Keras2_class_name_model_is_a_functional_model()
    {
        var config = (IDictionary<string, object?>)KerasPort.Saving.Legacy.LegacyConfig.decode(Attribute(Recorded("functional_keras2.h5"), "model_config"))!;
        Assert.That(config["class_name"], Is.EqualTo("Functional"));
        config["class_name"] = "Model";
        var keras_config = KerasPort.Saving.Legacy.LegacyConfig.model_from_config(config);
        Assert.That(keras_config["class_name"], Is.EqualTo("Functional"));
        using var model = (Model)KerasPort.Saving.Deserialization.deserialize_keras_object(keras_config, compile: false)!;
        model.load_weights(Recorded("functional_keras2.h5"));
        var arrays = Npy.load_npz(Recorded("functional.npz"));
        using var predicted = model.predict(arrays["probe"]);
        Assert.That(MaxDifference(predicted, arrays["predict"]), Is.LessThanOrEqualTo(1e-5f));
    }
}
