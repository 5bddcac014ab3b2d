using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Saving;
using KerasPort.Tests.Layers;

namespace KerasPort.Tests.Saving;

/// <summary>
/// Keras 3.15.1's saving/serialization_lib_test.py and saving_lib_test.py cases that translate and
/// are not covered by the other saving tests: Sequential configs missing their name or holding a
/// malformed layer, a reused layer, an unbuilt subclassed model, built-in layers through
/// serialize/deserialize, and a config naming a class KerasPort does not have.
/// </summary>
[NonParallelizable]
public sealed class SavingLibTests : TempDirectoryTest
{
    /// <summary>saving_lib_test's CustomModelX: a subclass whose layers are made before any input is seen.</summary>
    public sealed class UnbuiltModel : Model
    {
        private readonly Dense _dense1 = new(1);
        private readonly Dense _dense2 = new(1);

        public UnbuiltModel(string? name = null, bool trainable = true) : base(name, trainable)
        {
        }

        public override Tensor call(Tensor inputs, bool training = false) => _dense2.__call__(_dense1.__call__(inputs));
    }

    private static Dictionary<string, object?> Dense4() => new()
    {
        ["class_name"] = "Dense",
        ["module"] = "keras.layers",
        ["config"] = new Dictionary<string, object?> { ["units"] = 4L },
    };

    [Test]
    public void A_sequential_config_needs_its_name()
    {
        // serialization_lib_test.test_missing_name_for_sequential_model.
        var serialized = new Dictionary<string, object?>
        {
            ["class_name"] = "Sequential",
            ["module"] = "keras",
            ["config"] = new Dictionary<string, object?> { ["layers"] = new List<object?> { Dense4() } },
        };
        Assert.That(() => Deserialization.deserialize_keras_object(serialized),
            Throws.ArgumentException.With.Message.Contains("A Sequential model configuration must be a dictionary containing the 'name' and 'layers' keys"));
    }

    [Test]
    public void A_malformed_layer_of_a_sequential_config_is_refused()
    {
        // serialization_lib_test.test_malformed_layer_for_sequential_model.
        var serialized = new Dictionary<string, object?>
        {
            ["class_name"] = "Sequential",
            ["module"] = "keras",
            ["config"] = new Dictionary<string, object?> { ["name"] = "sequential_model", ["layers"] = new List<object?> { Dense4(), new Dictionary<string, object?>() } },
        };
        Assert.That(() => Deserialization.deserialize_keras_object(serialized),
            Throws.ArgumentException.With.Message.Contains("Expected a dictionary containing a 'config' key."));
    }

    [Test]
    public void Built_in_layers_serialize_and_deserialize()
    {
        // serialization_lib_test.test_builtin_layers.
        var layer = new Dense(3, name: "foo", bias_initializer: "ones");
        var serialized = (Dictionary<string, object?>)Serialization.serialize_keras_object(layer)!;
        Assert.That(serialized["module"], Is.EqualTo("keras.layers"));
        Assert.That(serialized["class_name"], Is.EqualTo("Dense"));
        var again = (Dense)Deserialization.deserialize_keras_object(serialized)!;
        Assert.That(again.name, Is.EqualTo("foo"));
        Assert.That(KerasJson.dumps(again.get_config()), Is.EqualTo(KerasJson.dumps(layer.get_config())));
    }

    [Test]
    public void A_model_reusing_a_layer_loads_and_predicts_the_same()
    {
        // saving_lib_test.test_load_model_containing_reused_layer (keras-team/keras#20307).
        var inputs = keras.Input(shape: [4]);
        var reused = new Dense(4);
        var x = reused.__call__(inputs);
        x = new Dense(4).__call__(x);
        using var model = new Model(inputs, reused.__call__(x));
        Assert.That(model.layers, Has.Count.EqualTo(3));
        string path = Path.Combine(dir, "reused.keras");
        model.save(path);
        using var loaded = keras.models.load_model(path);
        Assert.That(loaded.layers, Has.Count.EqualTo(3));
        var probe = torch.rand(2, 4);
        Assert.That(loaded.predict(probe).same_as(model.predict(probe)), Is.True);
    }

    [Test]
    public void An_unbuilt_subclassed_model_stays_unbuilt()
    {
        // saving_lib_test.test_saving_preserve_unbuilt_state.
        keras.saving.register_keras_serializable<UnbuiltModel>(package: "KerasPortTests");
        using var model = new UnbuiltModel();
        string path = Path.Combine(dir, "my_model.keras");
        using (CapturedWarnings.of_callbacks()) model.save(path);
        using var loaded = keras.models.load_model(path);
        Assert.That(loaded, Is.InstanceOf<UnbuiltModel>());
        Assert.That(loaded.compiled, Is.EqualTo(model.compiled));
        Assert.That(model.built, Is.False);
        Assert.That(loaded.built, Is.False);
    }

    [Test]
    public void A_class_KerasPort_does_not_have_is_named_with_its_module()
    {
        var config = new Dictionary<string, object?>
        {
            ["module"] = "keras.layers",
            ["class_name"] = "Bidirectional",
            ["config"] = new Dictionary<string, object?>(),
            ["registered_name"] = null,
        };
        Assert.That(() => Deserialization.deserialize_keras_object(config),
            Throws.ArgumentException.With.Message.Contains("Could not locate class 'Bidirectional' (module 'keras.layers'"));
    }

    [TestCase(0.5)]
    [TestCase(0.9)]
    public void A_truncated_keras_file_is_refused_naming_it(double kept)
    {
        // A Functional model's file cut short (a copy stopped halfway): nothing is loaded.
        var x = keras.Input(shape: [3]);
        using var model = new Model(x, new Dense(2).__call__(new Dense(4).__call__(x)));
        string good = Path.Combine(dir, "good.keras");
        model.save(good);
        string truncated = Path.Combine(dir, "truncated.keras");
        var bytes = File.ReadAllBytes(good);
        File.WriteAllBytes(truncated, bytes[..(int)(bytes.Length * kept)]);
        var e = Assert.Throws<InvalidDataException>(() => keras.models.load_model(truncated));
        Assert.That(e!.Message, Does.StartWith($"Cannot read '{truncated}'"));
    }
}
