using KerasPort.Callbacks;
using KerasPort.Data;
using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Optimizers;
using KerasPort.Utils;

namespace KerasPort.Tests.Models;

/// <summary>
/// fit, evaluate and predict on a Dataset, on generators and on a Sequence, with Keras's
/// EpochIterator rules: an epoch is a pass (to the end when the length is unknown),
/// steps_per_epoch bounds it and the pass goes on in the next epoch, "ran out of data" warns.
/// </summary>
[NonParallelizable]
public sealed class FitDatasetTests
{
    private static (Tensor x, Tensor y) Data(int n = 40)
    {
        var g = new torch.Generator(3);
        var x = torch.randn([n, 4], generator: g);
        var y = x.sum(1, keepdim: true).gt(0).to_type(ScalarType.Float32);
        return (x, y);
    }

    /// <summary>A model whose weights depend only on <paramref name="seed"/>, without Dropout, so two runs agree to the bit.</summary>
    private static Sequential Model(long seed = 1)
    {
        keras.utils.set_random_seed(seed);
        var model = new Sequential([keras.Input([4]), new Dense(3, activation: "relu"), new Dense(1, activation: "sigmoid")]);
        model.compile(optimizer: new Adam(0.01), loss: "binary_crossentropy", metrics: ["accuracy"]);
        return model;
    }

    [SetUp]
    public void ResetWarning() => KerasPort.Models.Model.reset_ran_out_warning();

    [Test]
    public void FitOnADatasetGivesTheHistoryOfFitOnTensors()
    {
        var (x, y) = Data();
        var expected = Model().fit(x, y, batch_size: 8, epochs: 3, shuffle: false, verbose: 0, validation_data: (x[..10], y[..10])).history;
        var ds = Dataset.from_tensor_slices((x, y)).batch(8);
        var val = Dataset.from_tensor_slices((x[..10], y[..10])).batch(8);
        using var warnings = CapturedWarnings.of_callbacks();
        var actual = Model().fit(ds, epochs: 3, verbose: 0, validation_data: val, shuffle: false).history;
        Assert.That(actual.Keys, Is.EqualTo(expected.Keys));
        foreach (var key in expected.Keys) Assert.That(actual[key], Is.EqualTo(expected[key]), key);
        Assert.That(warnings.lines(), Is.Empty);
    }

    [Test]
    public void FitWarnsThatADatasetIsNotShuffled()
    {
        var (x, y) = Data(8);
        using var warnings = CapturedWarnings.of_callbacks();
        Model().fit(Dataset.from_tensor_slices((x, y)).batch(4), verbose: 0);
        Assert.That(warnings.lines(), Is.EqualTo(new[] { "`shuffle=True` was passed, but will be ignored since the data `x` was provided as a tf.data.Dataset. The Dataset is expected to already be shuffled (via `.shuffle(buffer_size)`)." }));
    }

    [Test]
    public void AnUnknownLengthEpochRunsToTheEndOfTheData()
    {
        var (x, y) = Data();
        var expected = Model().fit(x, y, batch_size: 8, epochs: 2, shuffle: false, verbose: 0).history;
        // filter makes the length unknown without changing the data.
        var ds = Dataset.from_tensor_slices((x, y)).filter((a, b) => b.sum() >= 0).batch(8);
        Assert.That(ds.cardinality(), Is.EqualTo(Dataset.UNKNOWN));
        using var warnings = CapturedWarnings.of_callbacks();
        var steps = new List<int>();
        var counter = new LambdaCallback(on_train_batch_end: (b, _) => steps.Add(b));
        var actual = Model().fit(ds, epochs: 2, verbose: 0, shuffle: false, callbacks: [counter]).history;
        Assert.That(actual["loss"], Is.EqualTo(expected["loss"]));
        Assert.That(steps, Is.EqualTo(new[] { 0, 1, 2, 3, 4, 0, 1, 2, 3, 4 }));
        // Keras's EpochIterator warns when a pass of unknown length ends; Python shows it once.
        Assert.That(warnings.lines(), Has.Length.EqualTo(1));
        Assert.That(warnings.lines()[0], Does.StartWith("Your input ran out of data; interrupting training."));
    }

    [Test]
    public void StepsPerEpochBoundsAnEndlessDatasetAndThePassContinues()
    {
        var (x, y) = Data(32);
        // 4 batches per pass, 3 steps per epoch: epochs read batches 0-2, 3 then 0-1, 2-3 then 0, ...
        var expected = Model().fit(x, y, batch_size: 8, epochs: 4, shuffle: false, verbose: 0, steps_per_epoch: 3).history;
        var ds = Dataset.from_tensor_slices((x, y)).batch(8).repeat();
        Assert.That(ds.cardinality(), Is.EqualTo(Dataset.INFINITE));
        var actual = Model().fit(ds, epochs: 4, verbose: 0, shuffle: false, steps_per_epoch: 3).history;
        Assert.That(actual["loss"], Has.Count.EqualTo(4));
        // The tensor path starts a new pass when the data runs out (3, then 1 step); the endless dataset never runs out.
        Assert.That(actual["loss"][0], Is.EqualTo(expected["loss"][0]));
    }

    [Test]
    public void StepsPerEpochBeyondTheDataWarnsAndTheNextEpochStartsAgain()
    {
        var (x, y) = Data(16);
        var ds = Dataset.from_tensor_slices((x, y)).batch(8);
        using var warnings = CapturedWarnings.of_callbacks();
        var steps = new List<int>();
        var counter = new LambdaCallback(on_train_batch_end: (b, _) => steps.Add(b));
        Model().fit(ds, epochs: 2, verbose: 0, shuffle: false, steps_per_epoch: 5, callbacks: [counter]);
        Assert.That(steps, Is.EqualTo(new[] { 0, 1, 0, 1 }));
        Assert.That(warnings.lines().Count(l => l.StartsWith("Your input ran out of data")), Is.EqualTo(1));
    }

    [Test]
    public void GeneratorsOfTuplesTrainAsTheDataset()
    {
        var (x, y) = Data();
        var ds = Dataset.from_tensor_slices((x, y)).batch(8);
        var expected = Model().fit(ds, epochs: 2, verbose: 0, shuffle: false).history;
        IEnumerable<(Tensor, Tensor)> batches()
        {
            for (int i = 0; i < 40; i += 8) yield return (x[i..(i + 8)], y[i..(i + 8)]);
        }
        var from_tuples = Model().fit(batches(), epochs: 2, verbose: 0).history;
        var from_arrays = Model().fit(ds.Where(_ => true), epochs: 2, verbose: 0).history;
        Assert.That(from_tuples["loss"], Is.EqualTo(expected["loss"]));
        Assert.That(from_arrays["loss"], Is.EqualTo(expected["loss"]));
        var weighted = Model().fit(batches().Select(b => (b.Item1, b.Item2, ones(8))), epochs: 2, verbose: 0).history;
        Assert.That(weighted["loss"], Is.EqualTo(expected["loss"]));
    }

    [Test]
    public void SampleWeightsOfAGeneratorWeighTheLossAsArraysDo()
    {
        var (x, y) = Data();
        var sample_weight = torch.rand([40], generator: new torch.Generator(9)) * 2;
        var expected = Model().fit(x, y, batch_size: 8, epochs: 2, verbose: 0, shuffle: false, sample_weight: sample_weight).history;
        IEnumerable<(Tensor, Tensor, Tensor)> batches()
        {
            for (int i = 0; i < 40; i += 8) yield return (x[i..(i + 8)], y[i..(i + 8)], sample_weight[i..(i + 8)]);
        }
        var weighted = Model().fit(batches(), epochs: 2, verbose: 0).history;
        Assert.That(weighted["loss"], Is.EqualTo(expected["loss"]).Within(1e-6));
        var from_dataset = Model().fit(Dataset.from_tensor_slices([x, y, sample_weight]).batch(8), epochs: 2, verbose: 0, shuffle: false).history;
        Assert.That(from_dataset["loss"], Is.EqualTo(expected["loss"]).Within(1e-6));
        var unweighted = Model().fit(x, y, batch_size: 8, epochs: 2, verbose: 0, shuffle: false).history;
        Assert.That(weighted["loss"][0], Is.Not.EqualTo(unweighted["loss"][0]).Within(1e-6));
    }

    [Test]
    public void ValidationStepsBoundAValidationDatasetReadFromItsStartEachEpoch()
    {
        // Keras's evaluate resets the cached validation iterator: with validation_steps on an
        // endless dataset, every epoch validates on its first validation_steps batches.
        var (x, y) = Data();
        var (x_val, y_val) = Data(32);
        var val_ds = Dataset.from_tensor_slices((x_val, y_val)).batch(8).repeat();
        var model = Model();
        var history = model.fit(Dataset.from_tensor_slices((x, y)).batch(8), epochs: 2, verbose: 0, shuffle: false,
            validation_data: val_ds, validation_steps: 2).history;
        Assert.That(history["val_loss"], Has.Count.EqualTo(2));
        var last = model.evaluate(x_val[..16], y_val[..16], batch_size: 8, verbose: 0);
        Assert.That(history["val_loss"][1], Is.EqualTo(last[0]).Within(1e-6));
        Assert.That(history["val_accuracy"][1], Is.EqualTo(last[1]).Within(1e-6));
        Assert.That(history["val_loss"][1], Is.Not.EqualTo(model.evaluate(x_val, y_val, batch_size: 8, verbose: 0)[0]).Within(1e-6));
        // A finite validation dataset without validation_steps is read to its end.
        var finite = Model().fit(Dataset.from_tensor_slices((x, y)).batch(8), epochs: 1, verbose: 0, shuffle: false,
            validation_data: Dataset.from_tensor_slices((x_val, y_val)).batch(8)).history;
        Assert.That(finite["val_loss"], Has.Count.EqualTo(1));
    }

    [Test]
    public void AModelWithoutInputShapeBuildsOnTheFirstBatch()
    {
        var (x, y) = Data(24);
        keras.utils.set_random_seed(4);
        var model = new Sequential([new Dense(3, activation: "relu"), new Dense(1, activation: "sigmoid")]);
        model.compile(optimizer: new Adam(0.01), loss: "binary_crossentropy");
        var ds = Dataset.from_tensor_slices((x, y)).shuffle(24, seed: 3).batch(8);
        var steps = new List<int>();
        var history = model.fit(ds, epochs: 2, verbose: 0, shuffle: false, callbacks: [new LambdaCallback(on_train_batch_end: (b, _) => steps.Add(b))]);
        Assert.That(history.history["loss"], Has.Count.EqualTo(2));
        Assert.That(steps, Is.EqualTo(new[] { 0, 1, 2, 0, 1, 2 }));
    }

    [Test]
    public void EvaluateAndPredictOnADataset()
    {
        var (x, y) = Data();
        var model = Model();
        model.fit(x, y, batch_size: 8, epochs: 1, verbose: 0);
        var expected = model.evaluate(x, y, batch_size: 8, verbose: 0);
        var ds = Dataset.from_tensor_slices((x, y)).batch(8);
        var (loss, acc) = model.evaluate(ds, verbose: 0);
        Assert.That(new[] { loss, acc }, Is.EqualTo(expected));
        Assert.That(model.evaluate(ds, verbose: 0, steps: 2), Is.EqualTo(model.evaluate(x[..16], y[..16], batch_size: 8, verbose: 0)));
        Assert.That(model.evaluate(ds.filter((a, b) => b.sum() >= 0), verbose: 0), Is.EqualTo(expected));
        var logs = model.evaluate(ds, return_dict: true, verbose: 0);
        Assert.That(logs["loss"], Is.EqualTo(expected[0]));
        Assert.That(logs["accuracy"], Is.EqualTo(expected[1]));
        var predicted = model.predict(ds, verbose: 0);
        Assert.That(predicted.allclose(model.predict(x, batch_size: 8, verbose: 0)), Is.True);
        Assert.That(model.predict(Dataset.from_tensor_slices(x).batch(8).prefetch(Dataset.AUTOTUNE), verbose: 0).shape, Is.EqualTo(new long[] { 40, 1 }));
        Assert.That(model.predict(ds.unbatch().batch(16), verbose: 0, steps: 2).shape, Is.EqualTo(new long[] { 32, 1 }));
    }

    [Test]
    public void ProgressBarOfAnUnknownLengthLearnsItsTarget()
    {
        var (x, y) = Data(16);
        var ds = Dataset.from_tensor_slices((x, y)).filter((a, b) => b.sum() >= 0).batch(8);
        var model = Model();
        var output = new StringWriter();
        var logger = new ProgbarLogger { stdout = output };
        model.fit(ds, epochs: 1, verbose: 2, shuffle: false, callbacks: [logger]);
        Assert.That(output.ToString(), Does.Contain("2/2"));
    }

    [Test]
    public void DatasetElementsOfTheWrongShapeAreRefused()
    {
        var ds = Dataset.from_tensor_slices(randn(8, 4).unbind(1)).batch(4);
        var e = Assert.Throws<ArgumentException>(() => Model().fit(ds, verbose: 0, shuffle: false));
        Assert.That(e!.Message, Does.StartWith("Data is expected to be in format `x`, `(x,)`, `(x, y)`, or `(x, y, sample_weight)`"));
    }

    [Test]
    public void MemoryStaysFlatOverEpochs()
    {
        var (x, y) = Data(64);
        var ds = Dataset.from_tensor_slices((x, y)).shuffle(64, seed: 1).map((a, b) => (a * 1, b), num_parallel_calls: 2).batch(8).prefetch(2);
        var model = Model();
        model.fit(ds, epochs: 2, verbose: 0, shuffle: false);
        long before = Tensor.TotalCount;
        model.fit(ds, epochs: 5, verbose: 0, shuffle: false, validation_data: ds.take(2));
        Assert.That(Tensor.TotalCount - before, Is.LessThan(40));
    }
}
