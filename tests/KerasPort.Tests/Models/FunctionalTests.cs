using KerasPort.Backend;
using KerasPort.Layers;
using KerasPort.Losses;
using KerasPort.Models;
using KerasPort.Optimizers;

namespace KerasPort.Tests.Models;

/// <summary>
/// Keras's models/functional_test.py, the assertions that translate (no ops on KerasTensors, no
/// dict outputs, no masks), plus the Functional API's bad-input errors.
/// </summary>
[NonParallelizable]
public sealed class FunctionalTests
{
    [SetUp]
    public void Reset() => keras.backend.clear_session();

    private static Tensor Random(params long[] shape) => torch.rand(shape);

    [Test]
    public void Basic_flow_multi_input()
    {
        var input_a = keras.Input(shape: [3], batch_size: 2, name: "input_a");
        var input_b = keras.Input(shape: [3], batch_size: 2, name: "input_b");
        var x = keras.layers.add([input_a, input_b]);
        x = new Dense(5).__call__(x);
        var outputs = new Dense(4).__call__(x);
        var model = new Model([input_a, input_b], outputs, name: "basic");
        Assert.That(model.name, Is.EqualTo("basic"));
        Assert.That(model, Is.InstanceOf<Layer>());

        var out_val = model.__call__([Random(2, 3), Random(2, 3)]);
        Assert.That(out_val.shape, Is.EqualTo(new long[] { 2, 4 }));

        var input_a_2 = keras.Input(shape: [3], batch_size: 2, name: "input_a_2");
        var input_b_2 = keras.Input(shape: [3], batch_size: 2, name: "input_b_2");
        var symbolic = model.__call__([input_a_2, input_b_2]);
        Assert.That(symbolic.shape, Is.EqualTo(new long?[] { 2, 4 }));
    }

    [Test]
    public void Basic_flow_multi_output()
    {
        var inputs = keras.Input(shape: [3], batch_size: 2, name: "input");
        var x = new Dense(5).__call__(inputs);
        var output_a = new Dense(4).__call__(x);
        var output_b = new Dense(5).__call__(x);
        var model = new Model(inputs, [output_a, output_b]);
        var out_val = model.call([Random(2, 3)]);
        Assert.That(out_val, Has.Length.EqualTo(2));
        Assert.That(out_val[0].shape, Is.EqualTo(new long[] { 2, 4 }));
        Assert.That(out_val[1].shape, Is.EqualTo(new long[] { 2, 5 }));
        Assert.That(model.compute_output_shape([[2, 3]]), Is.EqualTo(new[] { new long?[] { 2, 4 }, [2, 5] }));
        Assert.That(model.output_names, Is.EqualTo(new[] { output_a.node!.operation.name, output_b.node!.operation.name }));
    }

    [Test]
    public void Basic_flow_dict_io()
    {
        var input_a = keras.Input(shape: [3], batch_size: 2, name: "a");
        var input_b = keras.Input(shape: [3], batch_size: 2, name: "b");
        var x = keras.layers.add([input_a, input_b]);
        x = new Dense(5).__call__(x);
        var outputs = new Dense(4).__call__(x);
        var model = new Model(new Dictionary<string, KerasTensor> { ["b"] = input_b, ["a"] = input_a }, outputs);
        // Keras flattens a dict of inputs by sorted key.
        Assert.That(model.input_names, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(model.inputs, Is.EqualTo(new[] { input_a, input_b }));
        Assert.That(model.__call__([Random(2, 3), Random(2, 3)]).shape, Is.EqualTo(new long[] { 2, 4 }));
    }

    [Test]
    public void Basic_flow_as_a_submodel()
    {
        var submodel_inputs = keras.Input([4]);
        var submodel_outputs = new Dense(4).__call__(submodel_inputs);
        var submodel = new Model(submodel_inputs, submodel_outputs);
        var inputs = keras.Input([4]);
        var outputs = submodel.__call__(inputs);
        var model = new Model(inputs, outputs);
        Assert.That(model.__call__(Random(2, 4)).shape, Is.EqualTo(new long[] { 2, 4 }));
        // The submodel's weights are the outer model's.
        Assert.That(model.trainable_weights, Is.EqualTo(submodel.trainable_weights));
    }

    [Test]
    public void Layer_getters()
    {
        var input_a = keras.Input(shape: [3], batch_size: 2, name: "input_a");
        var input_b = keras.Input(shape: [3], batch_size: 2, name: "input_b");
        var x = keras.layers.add([input_a, input_b], name: "add");
        x = new Dense(5, name: "dense_1").__call__(x);
        var outputs = new Dense(4, name: "dense_2").__call__(x);
        var model = new Model([input_a, input_b], outputs);
        Assert.That(model.layers, Has.Count.EqualTo(5));
        Assert.That(model.get_layer(index: 0).name, Is.EqualTo("input_a"));
        Assert.That(model.get_layer(index: 1).name, Is.EqualTo("input_b"));
        Assert.That(model.get_layer(index: 2).name, Is.EqualTo("add"));
        Assert.That(model.get_layer(index: 3).name, Is.EqualTo("dense_1"));
        Assert.That(model.get_layer(name: "dense_1").name, Is.EqualTo("dense_1"));
        Assert.Throws<ArgumentException>(() => model.get_layer(name: "nope"));
        Assert.Throws<ArgumentException>(() => model.get_layer(index: 9));
    }

    private sealed class Canary : Layer
    {
        public readonly List<bool> seen = new();

        public override Tensor call(Tensor inputs, bool training = false)
        {
            seen.Add(training);
            return inputs;
        }
    }

    [Test]
    public void Training_arg_reaches_the_layers()
    {
        var canary = new Canary();
        var inputs = keras.Input(shape: [3], batch_size: 2);
        var model = new Model(inputs, canary.__call__(inputs));
        model.__call__(Random(2, 3), training: true);
        model.__call__(Random(2, 3));
        model.__call__(Random(2, 3), training: false);
        Assert.That(canary.seen, Is.EqualTo(new[] { true, false, false }));
    }

    [Test]
    public void Training_given_when_the_graph_is_made_is_replayed_when_the_call_leaves_it_open()
    {
        var canary = new Canary();
        var inputs = keras.Input(shape: [3]);
        var model = new Model(inputs, canary.__call__(inputs, training: true));
        model.__call__(Random(2, 3));
        model.__call__(Random(2, 3), training: false);
        Assert.That(canary.seen, Is.EqualTo(new[] { true, false }));
    }

    [Test]
    public void Bad_input_spec()
    {
        var inputs = keras.Input(shape: [4]);
        var outputs = new Dense(2).__call__(inputs);
        var model = new Model(inputs, outputs);
        var e = Assert.Throws<ArgumentException>(() => model.__call__(torch.zeros(2, 3)))!;
        Assert.That(e.Message, Does.Contain("expected shape=(None, 4), found shape=(2, 3)"));
        e = Assert.Throws<ArgumentException>(() => model.__call__([torch.zeros(2, 4), torch.zeros(2, 4)]))!;
        Assert.That(e.Message, Does.Match("expects 1 .*input"));

        var input_a = keras.Input(shape: [4], name: "a");
        var input_b = keras.Input(shape: [4], name: "b");
        var x = keras.layers.add([input_a, input_b]);
        model = new Model([input_a, input_b], new Dense(2).__call__(x));
        e = Assert.Throws<ArgumentException>(() => model.__call__(torch.zeros(2, 3)))!;
        Assert.That(e.Message, Does.Match("expects 2 .*input"));
        e = Assert.Throws<ArgumentException>(() => model.__call__([torch.zeros(2, 3), torch.zeros(2, 4)]))!;
        Assert.That(e.Message, Does.Contain("expected shape=(None, 4), found shape=(2, 3)"));
    }

    [Test]
    public void Unused_inputs_stay_inputs()
    {
        var i1 = keras.Input([2], name: "input1");
        var i2 = keras.Input([2], name: "input2");
        var o1 = new Lambda(t => t * 2).__call__(i1);
        var model = new Model(new Dictionary<string, KerasTensor> { ["input1"] = i1, ["input2"] = i2 }, o1);
        var output = model.__call__([torch.ones(2, 2), torch.zeros(2, 2)]);
        Assert.That(output.allclose(torch.ones(2, 2) * 2), Is.True);
        Assert.That(model.layers.Select(l => l.name), Does.Contain("input2"));
    }

    [Test]
    public void Disconnected_graph_is_refused_naming_the_layer()
    {
        var i1 = keras.Input([2], name: "input1");
        var i2 = keras.Input([2], name: "input2");
        var o2 = new Dense(3, name: "from_input2").__call__(i2);
        var e = Assert.Throws<ArgumentException>(() => new Model(i1, o2))!;
        Assert.That(e.Message, Does.Contain("Graph disconnected"));
        Assert.That(e.Message, Does.Contain("input2"));
    }

    [Test]
    public void Inputs_must_be_keras_Input_tensors()
    {
        var inputs = keras.Input([3]);
        var hidden = new Dense(4).__call__(inputs);
        var outputs = new Dense(1).__call__(hidden);
        var e = Assert.Throws<ArgumentException>(() => new Model(hidden, outputs))!;
        Assert.That(e.Message, Does.Contain("keras.Input"));
        Assert.Throws<ArgumentException>(() => new Model(new KerasTensor([null, 3]), outputs));
        Assert.Throws<ArgumentException>(() => new Model(inputs, new KerasTensor([null, 3])));
        Assert.Throws<ArgumentException>(() => new Model(Array.Empty<KerasTensor>(), outputs));
    }

    [Test]
    public void Duplicate_layer_names_are_refused()
    {
        var inputs = keras.Input([3]);
        var a = new Dense(4, name: "same").__call__(inputs);
        var b = new Dense(4, name: "same").__call__(a);
        var e = Assert.Throws<ArgumentException>(() => new Model(inputs, b))!;
        Assert.That(e.Message, Does.Contain("The name \"same\" is used 2 times in the model"));
    }

    [Test]
    public void A_layer_called_on_a_shape_it_cannot_take_names_the_layer_and_the_shapes_and_stays_unbuilt()
    {
        var dense = new Dense(3, name: "picky");
        var first = dense.__call__(keras.Input([4]));
        Assert.That(first.shape, Is.EqualTo(new long?[] { null, 3 }));
        var e = Assert.Throws<ArgumentException>(() => dense.__call__(keras.Input([5])))!;
        Assert.That(e.Message, Does.Contain("picky"));
        Assert.That(e.Message, Does.Contain("(None, 5)"));

        var merge = new Add(name: "bad_add");
        e = Assert.Throws<ArgumentException>(() => merge.__call__([keras.Input([3]), keras.Input([4])]))!;
        Assert.That(e.Message, Does.Contain("(3,)").And.Contain("(4,)"));
        Assert.That(merge.built, Is.False);

        var unbuilt = new Dense(2);
        Assert.Throws<ArgumentException>(() => unbuilt.__call__(keras.Input([null])));
        Assert.That(unbuilt.built, Is.False);
        Assert.That(unbuilt.get_weights(), Is.Empty);
    }

    [Test]
    public void Shared_layers_have_one_set_of_weights_and_two_nodes()
    {
        var shared = new Dense(2, name: "shared");
        var a = keras.Input([3], name: "a");
        var b = keras.Input([3], name: "b");
        var merged = keras.layers.concatenate([shared.__call__(a), shared.__call__(b)]);
        var model = new Model([a, b], merged);
        Assert.That(model.trainable_weights, Has.Count.EqualTo(2));
        var x = torch.rand(4, 3);
        var y = model.__call__([x, x]);
        Assert.That(y.narrow(1, 0, 2).allclose(y.narrow(1, 2, 2)), Is.True);
        var text = model.summary_text(line_length: 100);
        Assert.That(text, Does.Contain("a[0][0], b[0][0]"));
    }

    [Test]
    public void Models_and_sequentials_are_layers_of_sequentials()
    {
        var inner = new Sequential([new Dense(3, input_shape: [4])]);
        var outer = new Sequential([inner, new Lambda(t => t.softmax(-1))]);
        var y = outer.__call__(torch.rand(5, 4));
        Assert.That(y.sum(1).allclose(torch.ones(5)), Is.True);
        Assert.That(outer.get_weights(), Has.Length.EqualTo(2));
        outer.trainable = false;
        Assert.That(inner.trainable, Is.False);
        Assert.That(outer.trainable_weights, Is.Empty);
        Assert.That(outer.non_trainable_weights, Has.Count.EqualTo(2));
    }

    [Test]
    public void Sequential_takes_a_keras_Input_first()
    {
        var model = new Sequential([keras.Input(shape: [28, 28, 1]), new Flatten(), new Dense(10)]);
        Assert.That(model.built, Is.True);
        Assert.That(model.input_shape, Is.EqualTo(new long?[] { null, 28, 28, 1 }));
        Assert.Throws<ArgumentException>(() => new Sequential([new Dense(2).__call__(keras.Input([3]))]));
    }

    [Test]
    public void Fit_evaluate_predict_take_arrays_for_several_inputs()
    {
        var a = keras.Input([2], name: "a");
        var b = keras.Input([3], name: "b");
        var merged = keras.layers.concatenate([a, b]);
        var model = new Model([a, b], new Dense(1).__call__(merged));
        model.compile(optimizer: new SGD(0.1), loss: "mse");
        var xa = torch.rand(10, 2);
        var xb = torch.rand(10, 3);
        var y = torch.rand(10, 1);
        var history = model.fit([xa, xb], y, epochs: 2, batch_size: 4, verbose: 0);
        Assert.That(history.history["loss"], Has.Count.EqualTo(2));
        double loss = model.evaluate([xa, xb], y, verbose: 0)[0];
        Assert.That(loss, Is.GreaterThan(0));
        Assert.That(model.predict([xa, xb], verbose: 0).shape, Is.EqualTo(new long[] { 10, 1 }));
        Assert.Throws<ArgumentException>(() => model.fit([xa], y, verbose: 0));
        Assert.Throws<ArgumentException>(() => model.predict([xa, xb.narrow(0, 0, 5)], verbose: 0));
    }

    [Test]
    public void Evaluate_deconstructs_into_loss_and_metric()
    {
        var model = new Sequential([keras.Input([3]), new Dense(1, activation: "sigmoid")]);
        model.compile(optimizer: "adam", loss: "binary_crossentropy", metrics: ["accuracy"]);
        var (test_loss, test_acc) = model.evaluate(torch.rand(8, 3), torch.ones(8, 1), verbose: 0);
        Assert.That(test_loss, Is.GreaterThan(0));
        Assert.That(test_acc, Is.InRange(0.0, 1.0));
    }

    [Test]
    public void Per_output_losses_as_a_list_and_bad_keys()
    {
        var inputs = keras.Input([3]);
        var a = new Dense(1, name: "out_a").__call__(inputs);
        var b = new Dense(2, name: "out_b").__call__(inputs);
        var model = new Model(inputs, [a, b]);
        model.compile(optimizer: "sgd", loss: new[] { "mse", "mae" }, loss_weights: new[] { 1.0, 2.0 });
        var history = model.fit(torch.rand(6, 3), [torch.rand(6, 1), torch.rand(6, 2)], epochs: 1, verbose: 0);
        Assert.That(history.history.Keys, Is.EquivalentTo(new[] { "loss", "out_a_loss", "out_b_loss" }));
        double total = history.history["loss"][0];
        Assert.That(total, Is.EqualTo(history.history["out_a_loss"][0] + 2 * history.history["out_b_loss"][0]).Within(1e-5));
        Assert.That(model.predict_outputs(torch.rand(6, 3), verbose: 0).Select(p => p.shape[1]), Is.EqualTo(new long[] { 1, 2 }));
        Assert.Throws<ArgumentException>(() => model.predict(torch.rand(6, 3), verbose: 0));
        Assert.Throws<ArgumentException>(() => model.compile(loss: new Dictionary<string, LossSpec> { ["nope"] = "mse" }));
        Assert.Throws<ArgumentException>(() => model.compile(loss: new[] { "mse" }));
    }

    [Test]
    public void Named_inputs_take_arrays_by_name()
    {
        var input_a = keras.Input(shape: [3], name: "a");
        var input_b = keras.Input(shape: [2], name: "b");
        var merged = keras.layers.concatenate([input_a, input_b]);
        var model = new Model(new Dictionary<string, KerasTensor> { ["a"] = input_a, ["b"] = input_b }, new Dense(1).__call__(merged));
        var x = new Dictionary<string, Tensor> { ["b"] = torch.rand(6, 2), ["a"] = torch.rand(6, 3) };
        Assert.That(model.__call__(x).allclose(model.__call__([x["a"], x["b"]])), Is.True);
        model.compile(optimizer: "sgd", loss: "mse");
        Assert.That(model.fit(x, torch.rand(6, 1), epochs: 2, verbose: 0).history["loss"], Has.Count.EqualTo(2));
        Assert.That(model.predict(x, verbose: 0).shape, Is.EqualTo(new long[] { 6, 1 }));
        var e = Assert.Throws<ArgumentException>(() => model.__call__(new Dictionary<string, Tensor> { ["a"] = torch.rand(6, 3) }))!;
        Assert.That(e.Message, Does.Contain("named input(s) with keys"));
        Assert.That(model.input_shape, Is.Null, "two inputs");
        Assert.That(new Model(input_a, new Dense(1).__call__(input_a)).input_shape, Is.EqualTo(new long?[] { null, 3 }));
    }
}
