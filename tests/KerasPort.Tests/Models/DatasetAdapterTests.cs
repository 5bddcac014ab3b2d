using KerasPort.Data;
using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Optimizers;

namespace KerasPort.Tests.Models;

/// <summary>
/// Keras 3.15.1's keras/src/trainers/data_adapters/tf_dataset_adapter_test.py, for the Dataset
/// adapter behind fit: test_basic_flow: BasicFlow; test_class_weights_int_targets,
/// _categorical_targets and test_different_y_shapes_with_class_weight: ClassWeightsOfADataset;
/// test_num_batches: NumBatches; test_class_weight_and_sample_weight_together and
/// test_class_weights_map_fn_with_sample_weight: ClassWeightAndSampleWeightTogetherAreRefused;
/// test_nested_y_with_class_weight and _map_fn_nested_y: ClassWeightWithSeveralOutputsIsRefused (a
/// Dataset element is flat here, so the multi-output case goes through arrays).
/// Not translatable: test_invalid_dataset_type (C#'s types refuse it at compile time),
/// test_distribute_dataset and the distributed_datasets tests (tf.distribute), test_tf_sparse_tensors.
/// </summary>
[NonParallelizable]
public sealed class DatasetAdapterTests
{
    [Test]
    public void BasicFlow()
    {
        var x = randn(34, 4);
        var y = randn(34, 2);
        using var adapter = IterableDataAdapter.of(Dataset.from_tensor_slices((x, y)).batch(16));
        Assert.That(adapter.num_batches, Is.EqualTo(3));
        for (int i = 0; i < 3; i++)
        {
            var batch = adapter.get(i);
            Assert.That(batch.x[0].dtype, Is.EqualTo(ScalarType.Float32));
            Assert.That(batch.y![0].dtype, Is.EqualTo(batch.x[0].dtype));
            Assert.That(batch.x[0].shape, Is.EqualTo(i < 2 ? new long[] { 16, 4 } : new long[] { 2, 4 }));
            Assert.That(batch.y[0].shape, Is.EqualTo(i < 2 ? new long[] { 16, 2 } : new long[] { 2, 2 }));
        }
    }

    [Test]
    public void NumBatches()
    {
        var dataset = Dataset.from_tensor_slices(arange(42));
        Assert.That(dataset.cardinality(), Is.EqualTo(42));
        using (var adapter = IterableDataAdapter.of(dataset)) Assert.That(adapter.length_known && adapter.num_batches == 42, Is.True);
        var repeated = dataset.repeat();
        Assert.That(repeated.cardinality(), Is.EqualTo(Dataset.INFINITE));
        using (var adapter = IterableDataAdapter.of(repeated)) Assert.That(adapter.length_known, Is.False);
        var filtered = repeated.filter(_ => tensor(true));
        Assert.That(filtered.cardinality(), Is.EqualTo(Dataset.UNKNOWN));
        using (var adapter = IterableDataAdapter.of(filtered)) Assert.That(adapter.length_known, Is.False);
    }

    private static Sequential Model(int outputs)
    {
        keras.utils.set_random_seed(2);
        var model = new Sequential([keras.Input([2]), new Dense(outputs, activation: "softmax")]);
        model.compile(optimizer: new SGD(0.1), loss: outputs == 1 ? "mse" : "sparse_categorical_crossentropy");
        return model;
    }

    [TestCase("int")]
    [TestCase("sparse")]
    [TestCase("categorical")]
    public void ClassWeightsOfADataset(string target_encoding)
    {
        // Each sample weighs its class's weight, [0.1, 0.2, 0.3, 0.4] here: the same loss as those sample weights.
        var x = rand([4, 2], generator: new torch.Generator(1));
        var labels = tensor(new long[] { 0, 1, 2, 3 });
        var y = target_encoding switch
        {
            "int" => labels.unsqueeze(-1),
            "sparse" => labels,
            _ => nn.functional.one_hot(labels, 4).to_type(ScalarType.Float32),
        };
        var class_weight = new Dictionary<int, double> { [0] = 0.1, [1] = 0.2, [2] = 0.3, [3] = 0.4 };
        using var weighted = Model(4);
        if (target_encoding == "categorical") weighted.compile(optimizer: new SGD(0.1), loss: "categorical_crossentropy");
        var from_dataset = weighted.fit(Dataset.from_tensor_slices((x, y)).batch(16), epochs: 1, verbose: 0, shuffle: false, class_weight: class_weight).history["loss"][0];
        using var reference = Model(4);
        if (target_encoding == "categorical") reference.compile(optimizer: new SGD(0.1), loss: "categorical_crossentropy");
        var expected = reference.fit(x, y, batch_size: 16, epochs: 1, verbose: 0, shuffle: false, sample_weight: tensor(new[] { 0.1f, 0.2f, 0.3f, 0.4f })).history["loss"][0];
        Assert.That(from_dataset, Is.EqualTo(expected).Within(1e-6));
    }

    [Test]
    public void ClassWeightAndSampleWeightTogetherAreRefused()
    {
        var x = rand(4, 2);
        var y = tensor(new long[] { 0, 1, 2, 3 });
        var sw = full(4, 0.5f);
        using var model = Model(4);
        var e = Assert.Throws<ArgumentException>(() => model.fit(Dataset.from_tensor_slices([x, y, sw]).batch(16), verbose: 0, shuffle: false,
            class_weight: new Dictionary<int, double> { [0] = 0.1, [1] = 0.2, [2] = 0.3, [3] = 0.4 }));
        Assert.That(e!.Message, Does.Contain("You cannot `class_weight` and `sample_weight` at the same time."));
    }

    [Test]
    public void ClassWeightWithSeveralOutputsIsRefused()
    {
        var input = keras.Input([2]);
        using var model = new Model(input, [new Dense(4).__call__(input), new Dense(4).__call__(input)]);
        model.compile(optimizer: new SGD(0.1), loss: "sparse_categorical_crossentropy");
        var y = tensor(new long[] { 0, 1, 2, 3 });
        var e = Assert.Throws<ArgumentException>(() => model.fit(rand(4, 2), [y, y], verbose: 0, class_weight: new Dictionary<int, double> { [0] = 0.1, [1] = 0.2, [2] = 0.3, [3] = 0.4 }));
        Assert.That(e!.Message, Does.Contain("`class_weight` is only supported for Models with a single output."));
    }
}
