using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Optimizers;

namespace KerasPort.Tests.Models;

/// <summary>
/// Model building as Keras 3: lazy build on the first call or the first fit batch, with weights
/// that outlive the step's dispose scope and an optimizer that tracks them; a failed first call
/// leaves the model unbuilt; <c>model.build(input_shape)</c>.
/// </summary>
[NonParallelizable]
public sealed class ModelBuildTests
{
    [SetUp]
    public void Reset() => keras.backend.clear_session();

    [Test]
    public void Sequential_without_input_shape_trains_past_the_first_step_and_fits_twice()
    {
        var model = new Sequential([new Dense(1), new Dense(1)]);
        model.compile(optimizer: new Adam(0.01), loss: "mse");
        var x = torch.rand(40, 3);
        var y = torch.rand(40, 1);
        var first = model.fit(x, y, epochs: 2, batch_size: 8, verbose: 0);
        var second = model.fit(x, y, epochs: 2, batch_size: 8, verbose: 0);
        Assert.That(first.history["loss"].Concat(second.history["loss"]), Has.All.GreaterThan(0));
        Assert.That(model.built, Is.True);
        // Every weight is alive and trained: the optimizer took them all (2 Adam slots each).
        Assert.That(model.get_weights().Select(w => w.shape), Is.EqualTo(new[] { new long[] { 3, 1 }, [1], [1, 1], [1] }));
        Assert.That(model.optimizer!.variables, Has.Count.EqualTo(2 + 2 * 4));
        Assert.That(model.optimizer.iterations, Is.EqualTo(20));
    }

    [Test]
    public void Weights_built_inside_a_dispose_scope_survive_it()
    {
        var layer = new Dense(2);
        using (var scope = torch.NewDisposeScope())
            layer.__call__(torch.rand(3, 4));
        Assert.That(layer.kernel!.IsInvalid, Is.False);
        Assert.That(layer.__call__(torch.rand(3, 4)).shape, Is.EqualTo(new long[] { 3, 2 }));
    }

    [Test]
    public void Evaluate_and_predict_build_an_unbuilt_model()
    {
        var model = new Sequential([new Dense(2), new Dense(1)]);
        Assert.That(model.predict(torch.rand(5, 4), verbose: 0).shape, Is.EqualTo(new long[] { 5, 1 }));
        var other = new Sequential([new Dense(2), new Dense(1)]);
        other.compile(optimizer: "sgd", loss: "mse");
        Assert.That(other.evaluate(torch.rand(5, 4), torch.rand(5, 1), verbose: 0), Has.Length.EqualTo(1));
        other.fit(torch.rand(5, 4), torch.rand(5, 1), verbose: 0);
    }

    [Test]
    public void A_failed_first_call_leaves_the_model_unbuilt()
    {
        var model = new Sequential([new Flatten(), new Dense(4), new Reshape([3, 3])]);
        Assert.Throws<ArgumentException>(() => model.__call__(torch.rand(2, 5)));
        Assert.That(model.built, Is.False);
        Assert.That(model.layers.Any(l => l is Dense { built: true }), Is.False);
        Assert.That(model.get_weights(), Is.Empty);
        Assert.That(model.input_shape, Is.Null);
        // The next call builds for its own shape.
        var ok = new Sequential([new Dense(4), new Dense(9), new Reshape([3, 3])]);
        Assert.That(ok.__call__(torch.rand(2, 5)).shape, Is.EqualTo(new long[] { 2, 3, 3 }));
    }

    [Test]
    public void Build_makes_every_weight_for_an_input_shape()
    {
        var model = new Sequential([new Dense(4), new Dense(2)]);
        model.build([null, 3]);
        Assert.That(model.built, Is.True);
        Assert.That(model.count_params(), Is.EqualTo(3 * 4 + 4 + 4 * 2 + 2));
        Assert.That(model.output_shape, Is.EqualTo(new long?[] { null, 2 }));
        Assert.That(model.input_shape, Is.EqualTo(new long?[] { null, 3 }));
        Assert.That(model.__call__(torch.rand(7, 3)).shape, Is.EqualTo(new long[] { 7, 2 }));
    }

    [Test]
    public void Build_with_a_shape_a_layer_cannot_take_changes_nothing()
    {
        var model = new Sequential([new Dense(4), new Reshape([5])]);
        Assert.Throws<ArgumentException>(() => model.build([null, 3]));
        Assert.That(model.built, Is.False);
        Assert.That(model.layers[0].built, Is.False);
        Assert.That(model.input_shape, Is.Null);
    }

    [Test]
    public void Optimizer_built_before_the_model_is_refused_weights_it_does_not_know()
    {
        // Keras: an optimizer is built on the variables of its first model; new ones need a new optimizer.
        var adam = new Adam();
        var first = new Sequential([keras.Input([2]), new Dense(1)]);
        first.compile(optimizer: adam, loss: "mse");
        first.fit(torch.rand(4, 2), torch.rand(4, 1), verbose: 0);
        var second = new Sequential([new Dense(1)]);
        second.compile(optimizer: adam, loss: "mse");
        Assert.Throws<ArgumentException>(() => second.fit(torch.rand(4, 2), torch.rand(4, 1), verbose: 0));
    }
}
