using KerasPort.Backend;
using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Saving;
using KerasPort.Tests.Layers;
using KerasPort.Tests.TestSupport;

namespace KerasPort.Tests.Saving;

/// <summary>
/// Functional models through <c>get_config</c>/<c>from_config</c> and <c>.keras</c> files, ported
/// from Keras 3.15.1's models/functional_test.py (test_serialization, the invalid-config cases) and
/// saving/saving_lib_test.py (nested and shared nested Functional models): the same graph comes
/// back (same config), with the same weights in Keras's nested layout, giving the same outputs.
/// </summary>
[NonParallelizable]
public sealed class FunctionalSavingTests : TempDirectoryTest
{
    private static string Config(Model model) => KerasJson.dumps(model.get_config());

    private static Model RoundTrip(Model model, string path)
    {
        model.save(path);
        return keras.models.load_model(path);
    }

    private static void AssertSameOutputs(Model a, Model b, params Tensor[] x)
    {
        var ya = a.call(x);
        var yb = b.call(x);
        Assert.That(yb, Has.Length.EqualTo(ya.Length));
        for (int i = 0; i < ya.Length; i++) Assert.That(ya[i].same_as(yb[i]), Is.True, $"output {i}");
    }

    [Test]
    public void from_config_of_get_config_gives_the_same_config()
    {
        // functional_test.test_serialization: a frozen model with a fixed batch size, then a multi-io model.
        var inputs = keras.Input(shape: [3], batch_size: 2);
        using var frozen = new Model(inputs, new Dense(3).__call__(inputs), trainable: false);
        using var frozen_again = Model.from_config(frozen.get_config());
        Assert.That(Config(frozen_again), Is.EqualTo(Config(frozen)));
        Assert.That(frozen_again.trainable, Is.False);

        var input_a = keras.Input(shape: [3], batch_size: 2, name: "input_a");
        var input_b = keras.Input(shape: [3], batch_size: 2, name: "input_b");
        var xa = new Dense(5, name: "middle_a").__call__(input_a);
        var xb = new Dense(5, name: "middle_b").__call__(input_b);
        using var model = new Model([input_a, input_b], [new Dense(4, name: "output_a").__call__(xa), new Dense(4, name: "output_b").__call__(xb)], name: "func");
        using var again = Model.from_config(model.get_config());
        Assert.That(Config(again), Is.EqualTo(Config(model)));
        Assert.That(again.input_names, Is.EqualTo(new[] { "input_a", "input_b" }));
        Assert.That(again.output_names, Is.EqualTo(new[] { "output_a", "output_b" }));
    }

    [Test]
    public void get_config_keeps_the_structure_of_inputs_and_outputs()
    {
        var x = keras.Input(shape: [2], name: "x");
        var y = new Dense(1, name: "y").__call__(x);
        using var single = new Model(x, y);
        using var listed = new Model([x], [y]);
        Assert.That(KerasJson.dumps(single.get_config()["input_layers"]), Is.EqualTo("[\"x\", 0, 0]"));
        Assert.That(KerasJson.dumps(single.get_config()["output_layers"]), Is.EqualTo("[\"y\", 0, 0]"));
        Assert.That(KerasJson.dumps(listed.get_config()["input_layers"]), Is.EqualTo("[[\"x\", 0, 0]]"));
        Assert.That(KerasJson.dumps(listed.get_config()["output_layers"]), Is.EqualTo("[[\"y\", 0, 0]]"));
        using var listed_again = Model.from_config(listed.get_config());
        Assert.That(Config(listed_again), Is.EqualTo(Config(listed)));

        var foo = keras.Input(shape: [2], name: "foo");
        var bar = keras.Input(shape: [2], name: "bar");
        var dense = new Dense(1, name: "shared");
        using var named = new Model(new Dictionary<string, KerasTensor> { ["foo"] = foo, ["bar"] = bar }, [dense.__call__(foo), dense.__call__(bar)]);
        var config = named.get_config();
        Assert.That(KerasJson.dumps(config["input_layers"]), Is.EqualTo("{\"bar\": [\"bar\", 0, 0], \"foo\": [\"foo\", 0, 0]}"));
        Assert.That(KerasJson.dumps(config["output_layers"]), Is.EqualTo("[[\"shared\", 0, 0], [\"shared\", 1, 0]]"));
        using var named_again = RoundTrip(named, Path.Combine(dir, "named.keras"));
        Assert.That(named_again.input_names, Is.EqualTo(new[] { "bar", "foo" }));
        AssertSameOutputs(named, named_again, torch.rand(2, 2), torch.rand(2, 2));
    }

    [Test]
    public void Nested_functional_models_round_trip_in_Keras_layout()
    {
        // saving_lib_test.test_nested_functional_model_saving.
        Model func(int out_size, string name)
        {
            var inputs = keras.Input(shape: [4]);
            return new Model(inputs, new Dense(out_size).__call__(inputs), name: name);
        }
        var input_a = keras.Input(shape: [4]);
        var input_b = keras.Input(shape: [4]);
        using var model = new Model([input_a, input_b], [func(2, "func_a").__call__(input_a), func(3, "func_b").__call__(input_b)]);
        string path = Path.Combine(dir, "nested_func.keras");
        using var again = RoundTrip(model, path);
        AssertSameOutputs(model, again, torch.rand(2, 4), torch.rand(2, 4));
        Assert.That(Config(again), Is.EqualTo(Config(model)));

        string weights = Path.Combine(dir, "nested.weights.h5");
        model.save_weights(weights);
        var groups = WeightsFile.read(weights);
        Assert.That(groups.Select(g => g.path), Is.EquivalentTo(new[]
        {
            "", "layers/input_layer", "layers/input_layer_1",
            "layers/functional", "layers/functional/layers/input_layer", "layers/functional/layers/dense",
            "layers/functional_1", "layers/functional_1/layers/input_layer", "layers/functional_1/layers/dense",
        }));
        Assert.That(groups.Single(g => g.path == "layers/functional_1/layers/dense").variables[0].shape, Is.EqualTo(new long[] { 4, 3 }));
        foreach (var g in groups) foreach (var v in g.variables) v.Dispose();
    }

    [Test]
    public void A_shared_nested_model_keeps_its_calls()
    {
        // saving_lib_test.test_nested_shared_functional_model_saving: node indices of a model called twice.
        var inner_input = keras.Input(shape: [4]);
        using var func_shared = new Model(inner_input, new Dense(4).__call__(inner_input), name: "func_shared");
        var a = keras.Input(shape: [4]);
        var b = keras.Input(shape: [4]);
        var out_a = new Dense(2).__call__(func_shared.__call__(a));
        var out_b = new Dense(2).__call__(func_shared.__call__(b));
        using var model = new Model([a, b], [out_a, out_b]);
        var layer = ((IList<object?>)model.get_config()["layers"]!).Cast<Dictionary<string, object?>>().Single(l => (string)l["name"]! == "func_shared");
        Assert.That(KerasJson.dumps(layer["inbound_nodes"]), Does.Contain("\"kwargs\": {\"mask\": null}"));
        using var again = RoundTrip(model, Path.Combine(dir, "shared.keras"));
        AssertSameOutputs(model, again, torch.rand(2, 4), torch.rand(2, 4));
        Assert.That(Config(again), Is.EqualTo(Config(model)));
    }

    [Test]
    public void A_layer_shared_at_two_depths_is_replayed_in_order()
    {
        // A(B(A(B(x)))): a call can only be replayed once the call it takes exists.
        var x = keras.Input(shape: [3]);
        var layer_a = new Dense(3, name: "a");
        var layer_b = new Dense(3, name: "b");
        var y = layer_a.__call__(layer_b.__call__(layer_a.__call__(layer_b.__call__(x))));
        using var model = new Model(x, new Dropout(0.5, name: "drop").__call__(y, training: false));
        using var again = RoundTrip(model, Path.Combine(dir, "depths.keras"));
        Assert.That(Config(again), Is.EqualTo(Config(model)));
        Assert.That(Config(again), Does.Contain("\"keras_history\": [\"b\", 1, 0]").And.Contain("\"kwargs\": {\"training\": false}"));
        AssertSameOutputs(model, again, torch.rand(5, 3));
    }

    [Test]
    public void A_sequential_inside_a_functional_model_round_trips()
    {
        using var block = new Sequential([new Dense(6, activation: "relu"), new BatchNormalization()], name: "block");
        var x = keras.Input(shape: [5]);
        using var model = new Model(x, new Dense(1).__call__(block.__call__(x)));
        using var again = RoundTrip(model, Path.Combine(dir, "seq_in_func.keras"));
        AssertSameOutputs(model, again, torch.rand(4, 5));
        Assert.That(Config(again), Is.EqualTo(Config(model)));
        Assert.That(again.get_layer("block"), Is.InstanceOf<Sequential>());
    }

    private static Dictionary<string, object?> Layer(string class_name, string name, object config, params object[] inbound) => new()
    {
        ["module"] = "keras.layers",
        ["class_name"] = class_name,
        ["config"] = config,
        ["registered_name"] = null,
        ["name"] = name,
        ["inbound_nodes"] = inbound.ToList(),
    };

    private static Dictionary<string, object?> Input10() => Layer("InputLayer", "input_1", new Dictionary<string, object?> { ["batch_shape"] = new List<object?> { null, 10L }, ["name"] = "input_1" });

    [Test]
    public void A_config_whose_calls_form_a_loop_is_refused()
    {
        // functional_test.test_invalid_config_deserialization_loop (legacy node lists).
        var config = new Dictionary<string, object?>
        {
            ["name"] = "infinite_loop_model",
            ["layers"] = new List<object?>
            {
                Input10(),
                Layer("Dense", "node_a", new Dictionary<string, object?> { ["units"] = 10L, ["name"] = "node_a" }, new List<object?> { new List<object?> { "node_b", 0L, 0L, new Dictionary<string, object?>() } }),
                Layer("Dense", "node_b", new Dictionary<string, object?> { ["units"] = 10L, ["name"] = "node_b" }, new List<object?> { new List<object?> { "node_a", 0L, 0L, new Dictionary<string, object?>() } }),
            },
            ["input_layers"] = new List<object?> { new List<object?> { "input_1", 0L, 0L } },
            ["output_layers"] = new List<object?> { new List<object?> { "node_b", 0L, 0L } },
        };
        Assert.That(() => Model.from_config(config), Throws.ArgumentException.With.Message.Contains("loops"));
    }

    [Test]
    public void A_config_calling_a_missing_layer_is_refused_and_the_file_named()
    {
        // functional_test.test_invalid_config_deserialization_missing_node.
        var config = new Dictionary<string, object?>
        {
            ["name"] = "missing",
            ["layers"] = new List<object?>
            {
                Input10(),
                Layer("Dense", "node_a", new Dictionary<string, object?> { ["units"] = 10L, ["name"] = "node_a" }, new List<object?> { new List<object?> { "node_b", 0L, 0L, new Dictionary<string, object?>() } }),
            },
            ["input_layers"] = new List<object?> { new List<object?> { "input_1", 0L, 0L } },
            ["output_layers"] = new List<object?> { new List<object?> { "node_a", 0L, 0L } },
        };
        Assert.That(() => Model.from_config(config), Throws.ArgumentException.With.Message.Contains("unknown layer: node_b"));

        // The same config in a .keras file: an InvalidDataException that names the file.
        var x = keras.Input(shape: [10], name: "input_1");
        using var model = new Model(x, new Dense(10, name: "node_a").__call__(x));
        string good = Path.Combine(dir, "good.keras");
        model.save(good);
        string bad = Path.Combine(dir, "bad.keras");
        KerasArchiveEdits.rewrite_config(good, bad, json => json.Replace("\"keras_history\": [\"input_1\", 0, 0]", "\"keras_history\": [\"node_b\", 0, 0]"));
        Assert.That(() => keras.models.load_model(bad), Throws.TypeOf<InvalidDataException>().With.Message.Contains(bad).And.Message.Contains("node_b"));
    }
}
