using KerasPort.Layers;
using KerasPort.Models;

namespace KerasPort.Tests.Models;

/// <summary>Keras's models/sequential_test.py, the assertions that translate (no dict/list passthrough layers, no TimeDistributed, no pickling).</summary>
[NonParallelizable]
public sealed class SequentialKerasTests
{
    [SetUp]
    public void Reset() => keras.backend.clear_session();

    [Test]
    public void Basic_flow_deferred()
    {
        var model = new Sequential(name: "seq");
        model.add(new Dense(4));
        model.add(new Dense(5));
        Assert.That(model.layers, Has.Count.EqualTo(2));
        var y = model.__call__(torch.rand(3, 2));
        Assert.That(model.built, Is.True);
        Assert.That(y.shape, Is.EqualTo(new long[] { 3, 5 }));

        var symbolic = model.__call__(new KerasPort.Backend.KerasTensor([3, 2]));
        Assert.That(symbolic.shape, Is.EqualTo(new long?[] { 3, 5 }));

        model = new Sequential([new Dense(4), new Dense(5)]);
        Assert.That(model.__call__(torch.rand(3, 2)).shape, Is.EqualTo(new long[] { 3, 5 }));
        model.pop();
        Assert.That(model.layers, Has.Count.EqualTo(1));
        Assert.That(model.built, Is.True);
        Assert.That(model.get_weights(), Has.Length.EqualTo(2));
        Assert.That(model.__call__(torch.rand(3, 2)).shape, Is.EqualTo(new long[] { 3, 4 }));
    }

    [Test]
    public void Basic_flow_with_functional_model_as_first_layer()
    {
        var inputs = keras.Input([16, 16, 3]);
        var outputs = new Conv2D(4, 3, padding: "same").__call__(inputs);
        var functional_model = new Model(inputs, outputs);
        var model = new Sequential([functional_model, new Flatten(), new Dense(1)]);
        Assert.That(model.layers, Has.Count.EqualTo(3));
        Assert.That(model.__call__(torch.rand(1, 16, 16, 3)).shape, Is.EqualTo(new long[] { 1, 1 }));
        Assert.That(model.layers.All(l => l.built), Is.True);
        Assert.That(model.__call__(new KerasPort.Backend.KerasTensor([1, 16, 16, 3])).shape, Is.EqualTo(new long?[] { 1, 1 }));
    }

    [Test]
    public void Basic_flow_with_sequential_model_as_first_layer()
    {
        var sequential_model = new Sequential([keras.Input([16, 16, 3]), new Conv2D(4, 3, padding: "same")]);
        var model = new Sequential([sequential_model, new Flatten(), new Dense(1)]);
        Assert.That(model.layers, Has.Count.EqualTo(3));
        Assert.That(model.built, Is.True);
        Assert.That(model.layers.All(l => l.built), Is.True);
        Assert.That(model.__call__(torch.rand(1, 16, 16, 3)).shape, Is.EqualTo(new long[] { 1, 1 }));
        Assert.That(model.summary_text(line_length: 76), Does.Contain("(Sequential)"));
    }

    [Test]
    public void Nested_sequential()
    {
        var model = new Sequential();
        model.add(keras.Input(shape: [16]));
        Assert.DoesNotThrow(() => new Sequential([model]));
    }

    [Test]
    public void Errors()
    {
        var model = new Sequential();
        model.add(keras.Input(shape: [2], batch_size: 3));
        Assert.That(Assert.Throws<ArgumentException>(() => model.add(keras.Input(shape: [2], batch_size: 3)))!.Message, Does.Contain("already been configured"));
        Assert.That(Assert.Throws<ArgumentException>(() => model.add(new InputLayer(shape: [2], batch_size: 3)))!.Message, Does.Contain("already been configured"));

        model = new Sequential();
        model.add(new Dense(2, name: "dense"));
        Assert.That(Assert.Throws<ArgumentException>(() => model.add(new Dense(2, name: "dense")))!.Message, Does.Contain("should have unique names"));

        model = new Sequential();
        Assert.That(Assert.Throws<ArgumentException>(() => model.__call__(torch.rand(3, 2)))!.Message, Does.Contain("no layers"));

        model = new Sequential();
        model.add(keras.Input(shape: [2], batch_size: 3));
        model.add(new Dense(2));
        Assert.That(Assert.Throws<ArgumentException>(() => model.build([3, 4]))!.Message, Does.Contain("already been configured"));
        Assert.DoesNotThrow(() => model.build([3, 2]));
    }

    [Test]
    public void Compute_output_shape()
    {
        var layer = new Sequential([new Dense(4), new Dense(8)]);
        Assert.That(layer.compute_output_shape([1, 2]), Is.EqualTo(new long?[] { 1, 8 }));
    }
}
