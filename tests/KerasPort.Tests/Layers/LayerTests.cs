using KerasPort.Layers;
using KerasPort.Models;

namespace KerasPort.Tests.Layers;

/// <summary>
/// Keras's layers/layer_test.py, the parts about build and call: lazy build, the training
/// argument's resolution (explicit, then the enclosing call's, then the layer's default), sublayer
/// tracking and activity penalties through nested layers.
/// </summary>
[NonParallelizable]
public sealed class LayerTests
{
    [SetUp]
    public void Reset() => keras.backend.clear_session();

    /// <summary>Records the training value each call received.</summary>
    private class TrainingRecorder : Layer
    {
        public readonly List<bool> seen = new();

        public override Tensor call(Tensor inputs, bool training = false)
        {
            seen.Add(training);
            return inputs;
        }
    }

    /// <summary>As an augmentation layer: its call defaults to training=True.</summary>
    private sealed class Augmenting : TrainingRecorder
    {
        protected override bool default_training => true;
    }

    [Test]
    public void Training_explicit_value_wins_else_default()
    {
        var plain = new TrainingRecorder();
        var augmenting = new Augmenting();
        var x = torch.ones(2, 3);
        plain.__call__(x);
        plain.__call__(x, training: true);
        augmenting.__call__(x);
        augmenting.__call__(x, training: false);
        Assert.That(plain.seen, Is.EqualTo(new[] { false, true }));
        Assert.That(augmenting.seen, Is.EqualTo(new[] { true, false }));
    }

    [Test]
    public void Training_of_the_enclosing_call_reaches_the_sublayers()
    {
        var plain = new TrainingRecorder();
        var augmenting = new Augmenting();
        var model = new Sequential([augmenting, plain]);
        var x = torch.ones(2, 3);
        model.__call__(x);                   // augmenting: its default (true), which the next layers then see, as in Keras
        model.__call__(x, training: false);
        model.__call__(x, training: true);
        Assert.That(augmenting.seen, Is.EqualTo(new[] { true, false, true }));
        Assert.That(plain.seen, Is.EqualTo(new[] { true, false, true }));

        var solo = new TrainingRecorder();
        new Sequential([solo]).__call__(x);
        Assert.That(solo.seen, Is.EqualTo(new[] { false }));
    }

    [Test]
    public void Fit_calls_with_training_and_predict_without()
    {
        var recorder = new TrainingRecorder();
        var model = new Sequential([keras.Input([2]), recorder, new Dense(1)]);
        model.compile(optimizer: "sgd", loss: "mse");
        model.fit(torch.ones(4, 2), torch.ones(4, 1), batch_size: 4, verbose: 0);
        model.predict(torch.ones(4, 2), verbose: 0);
        model.evaluate(torch.ones(4, 2), torch.ones(4, 1), verbose: 0);
        Assert.That(recorder.seen, Is.EqualTo(new[] { true, false, false }));
    }

    [Test]
    public void An_augmentation_layer_in_a_sequential_called_directly_augments()
    {
        var augmenting = new Augmenting();
        var data_augmentation = new Sequential([augmenting]);
        data_augmentation.__call__(torch.ones(1, 4));
        Assert.That(augmenting.seen, Is.EqualTo(new[] { true }));
    }

    /// <summary>A layer whose build makes a weight and whose sublayer is tracked from a field.</summary>
    private sealed class Block : Layer
    {
        private readonly Dense _inner = new(3, activity_regularizer: "l2");
        public TorchSharp.Modules.Parameter? scale;
        public int builds;

        public override void build(long?[] input_shape)
        {
            builds++;
            scale = add_weight("scale", [1], new KerasPort.Initializers.Ones());
            base.build(input_shape);
        }

        public override Tensor call(Tensor inputs, bool training = false) => _inner.__call__(inputs) * scale!;
    }

    [Test]
    public void Build_runs_once_on_the_first_call_and_sublayer_weights_are_tracked()
    {
        var block = new Block();
        Assert.That(block.built, Is.False);
        var y = block.__call__(torch.ones(2, 4));
        block.__call__(torch.ones(2, 4));
        Assert.That(block.builds, Is.EqualTo(1));
        Assert.That(y.shape, Is.EqualTo(new long[] { 2, 3 }));
        // Own weight first, then the sublayer's (Keras's layer.weights order).
        Assert.That(block.trainable_weights.Select(w => w.shape), Is.EqualTo(new[] { new long[] { 1 }, [4, 3], [3] }));
        Assert.That(block.count_params(), Is.EqualTo(1 + 12 + 3));
        Assert.That(block.losses, Has.Count.EqualTo(1), "the sublayer's activity penalty");
        block.trainable = false;
        Assert.That(block.trainable_weights, Is.Empty);
        Assert.That(block.non_trainable_weights, Has.Count.EqualTo(3));
    }

    /// <summary>A user layer with its own input check: rank 2 only.</summary>
    private sealed class RankTwo : Layer
    {
        protected override void assert_input_compatibility(long[] shape)
        {
            if (shape.Length != 2) throw new ArgumentException($"rank {shape.Length}", "inputs");
        }

        public override Tensor call(Tensor inputs, bool training = false) => inputs;
    }

    [Test]
    public void A_user_layers_input_check_runs_at_every_call()
    {
        var layer = new RankTwo();
        layer.__call__(torch.ones(2, 3));
        Assert.That(layer.built, Is.True);
        Assert.That(Assert.Throws<ArgumentException>(() => layer.__call__(torch.ones(2, 3, 4)))!.Message, Does.StartWith("rank 3"));
    }

    [Test]
    public void Activity_penalties_of_predict_outlive_its_steps()
    {
        using var model = new Sequential([keras.Input([3]), new Dense(2, kernel_initializer: "ones", activity_regularizer: "l2")]);
        // A layer called outside any step: its penalty stays with the caller, not detached.
        using var loose = new Dense(2, activity_regularizer: "l2");
        loose.__call__(torch.ones(1, 3));
        // l2 (0.01) of the outputs (3 each, 2 rows of 2 units), divided by the batch.
        model.predict(torch.ones(2, 3), verbose: 0);
        Assert.That(model.losses.Single().item<float>(), Is.EqualTo(0.01f * 9 * 4 / 2).Within(1e-6));
        model.predict_on_batch(torch.full(4, 3, 2.0f));
        Assert.That(model.losses.Single().item<float>(), Is.EqualTo(0.01f * 36 * 8 / 4).Within(1e-6));
        Assert.That(loose.losses, Has.Count.EqualTo(1));
    }

    [Test]
    public void Call_on_a_list_needs_a_layer_that_takes_several_inputs()
    {
        Assert.Throws<ArgumentException>(() => new Dense(2).__call__([torch.ones(2, 3), torch.ones(2, 3)]));
        Assert.That(new Dense(2).__call__([torch.ones(2, 3)]).shape, Is.EqualTo(new long[] { 2, 2 }));
        Assert.Throws<ArgumentException>(() => new Add().__call__(torch.ones(2, 3)));
    }
}
