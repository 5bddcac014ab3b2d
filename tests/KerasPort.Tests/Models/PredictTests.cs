using KerasPort.Callbacks;
using KerasPort.Initializers;
using KerasPort.Layers;
using KerasPort.Models;
using TorchSharp;

namespace KerasPort.Tests.Models;

/// <summary>
/// predict's outputs batch by batch (filled into arrays of the full length, or kept and
/// concatenated), its path without callbacks, and predict_on_batch (ported from Keras 3.15.1's
/// keras/src/trainers/trainer_test.py where it translates).
/// </summary>
[NonParallelizable]
public sealed class PredictTests
{
    /// <summary>Same shape and bit-identical values.</summary>
    private static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.equal(b).all().item<bool>();

    private static Sequential Dense_model()
    {
        keras.utils.set_random_seed(3);
        return new Sequential([keras.Input([6]), new Dense(5, activation: "relu"), new Dropout(0.5), new Dense(2, activation: "sigmoid")]);
    }

    [Test]
    public void Predict_in_batches_gives_the_model_call_on_every_row()
    {
        using var model = Dense_model();
        var x = torch.randn(23, 6, generator: new torch.Generator(1));
        using var whole = model.predict(x, batch_size: 23, verbose: 0);
        using var batches = model.predict(x, batch_size: 5, verbose: 0);
        Tensor expected;
        using (torch.no_grad()) expected = torch.cat(Enumerable.Range(0, 5).Select(b => model.__call__(x.narrow(0, b * 5, Math.Min(5, 23 - b * 5)))).ToList(), 0);
        Assert.That(batches.shape, Is.EqualTo(new long[] { 23, 2 }));
        Assert.That(Same(batches, expected), "predict in batches of 5 against the model called on each batch");
        Assert.That(whole.allclose(batches, rtol: 0, atol: 1e-6), "one batch against five");
    }

    [Test]
    public void Predict_with_callbacks_gives_the_same_arrays_and_runs_the_hooks()
    {
        using var model = Dense_model();
        var x = torch.randn(23, 6, generator: new torch.Generator(2));
        var hooks = new PredictBatches();
        using var quiet = model.predict(x, batch_size: 5, verbose: 0);
        using var watched = model.predict(x, batch_size: 5, verbose: 0, callbacks: [hooks]);
        Assert.That(Same(quiet, watched));
        Assert.That(hooks.batches, Is.EqualTo(new[] { 0, 1, 2, 3, 4 }));
    }

    private sealed class PredictBatches : Callback
    {
        public List<int> batches { get; } = [];

        public override void on_predict_batch_end(int batch, IDictionary<string, double>? logs = null) => batches.Add(batch);
    }

    [Test]
    public void Outputs_without_a_row_per_input_row_are_concatenated_as_keras_does()
    {
        // Each batch gives one row (the sum of its rows): three batches, three rows.
        using var model = new Sequential([keras.Input([2]), new Lambda(t => t.sum(0, keepdim: true))]);
        var x = torch.arange(20, dtype: torch.float32).reshape(10, 2);
        using var y = model.predict(x, batch_size: 4, verbose: 0);
        Assert.That(y.shape, Is.EqualTo(new long[] { 3, 2 }));
        Assert.That(y.data<float>().ToArray(), Is.EqualTo(new float[] { 12, 16, 44, 48, 34, 36 }));
    }

    [Test]
    public void A_prediction_that_is_its_input_can_be_disposed_without_the_input()
    {
        var inputs = keras.Input([3]);
        using var model = new Model(inputs, new Dropout(0.5).__call__(inputs));
        var x = torch.ones(4, 3);
        using (var y = model.predict(x, verbose: 0)) Assert.That(Same(y, x));
        using (var y = model.predict_on_batch(x)) Assert.That(Same(y, x));
        Assert.That(x.sum().item<float>(), Is.EqualTo(12f), "x is still alive");
    }

    [Test]
    public void Predict_on_batch_without_training()
    {
        // trainer_test.py, test_on_batch_methods_without_training: Dense(3, no bias, ones kernel) on ones.
        using var model = new Sequential([keras.Input([4]), new Dense(3, use_bias: false, kernel_initializer: new Ones())]);
        using var output = model.predict_on_batch(torch.ones(100, 4, dtype: torch.float64));
        Assert.That(output.dtype, Is.EqualTo(torch.ScalarType.Float32));
        Assert.That(output.shape, Is.EqualTo(new long[] { 100, 3 }));
        Assert.That(output[0].data<float>().ToArray(), Is.EqualTo(new float[] { 4, 4, 4 }));
    }

    [Test]
    public void Predict_and_predict_on_batch_run_a_dropout_given_training_in_inference_mode()
    {
        // trainer_test.py, test_predict_dropout: assertGreater(5, difference), the model's
        // training=False overrides the node's training=True (functional.py, operation_fn).
        var inputs = keras.Input([20]);
        using var model = new Model(inputs, new Dropout(0.5, seed: 1337).__call__(inputs, training: true));
        using var out1 = model.predict(torch.ones(4, 20), batch_size: 2, verbose: 0);
        Assert.That(out1.narrow(0, 0, 2).sub(out1.narrow(0, 2, 2)).abs().sum().item<float>(), Is.LessThan(5f));
        using var out2 = model.predict_on_batch(torch.ones(2, 20));
        using var out3 = model.predict_on_batch(torch.ones(2, 20));
        Assert.That(out2.sub(out3).abs().sum().item<float>(), Is.LessThan(5f));
    }

    [Test]
    public void Predict_on_batch_draws_nothing_from_torchs_generator_where_predict_draws_twice()
    {
        using var model = Dense_model();
        var x = torch.ones(3, 6);
        torch.manual_seed(5);
        using var expected = torch.rand(4);
        torch.manual_seed(5);
        model.predict_on_batch(x).Dispose();
        Assert.That(Same(torch.rand(4), expected), "predict_on_batch left the generator alone");
        torch.manual_seed(5);
        model.predict(x, verbose: 0).Dispose();
        Assert.That(Same(torch.rand(4), expected), Is.False, "predict opened its data loader's iterators");
    }

    [Test]
    public void Predict_on_batch_for_several_outputs_gives_one_array_each()
    {
        var inputs = keras.Input([3]);
        using var model = new Model(inputs, [new Dense(2).__call__(inputs), new Dense(4).__call__(inputs)]);
        var outputs = model.predict_on_batch_outputs(torch.ones(5, 3));
        Assert.That(outputs.Select(o => o.shape), Is.EqualTo(new[] { new long[] { 5, 2 }, new long[] { 5, 4 } }));
        var error = Assert.Throws<ArgumentException>(() => model.predict_on_batch(torch.ones(5, 3)))!;
        Assert.That(error.Message, Does.Contain("`predict_on_batch_outputs` gives one array per output"));
    }
}
