using System.Text.Json.Nodes;
using KerasPort.Data;
using KerasPort.Tests.TestSupport;
using static TorchSharp.torch;

namespace KerasPort.Tests.Data;

/// <summary>
/// <c>keras.utils.split_dataset</c> against Keras 3.15.1's own splits and errors
/// (tests/fixtures/split_dataset/cases.json, tools/record_split_dataset.py): arrays through torch's
/// random_split (a randperm of the indices, seeded or from the global generator), datasets through
/// Keras's tf path (Python's random.shuffle, left from the front, right from the back, rebatched);
/// plus dataset_utils_test.py's test_split_dataset.
/// </summary>
[NonParallelizable]
public sealed class SplitDatasetTests
{
    public static IEnumerable<TestCaseData> Cases() => KerasFixtures.Cases("split_dataset/cases.json", "split_dataset_");

    private static object? Size(JsonNode? node)
    {
        if (node is null) return null;
        var value = node.AsValue();
        return value.TryGetValue<int>(out int i) ? i : (object)value.GetValue<double>();
    }

    /// <summary>Every component's values over a split's elements (batches flattened), and the sizes of its batches.</summary>
    private static (List<double>[] components, List<long> element_sizes) Values(Dataset split)
    {
        List<double>[]? components = null;
        var sizes = new List<long>();
        foreach (var element in split)
        {
            components ??= element.Select(_ => new List<double>()).ToArray();
            for (int i = 0; i < element.Length; i++) components[i].AddRange(element[i].to_type(ScalarType.Float64).data<double>().ToArray());
            sizes.Add(element[0].dim() == 0 ? 1 : element[0].shape[0]);
        }
        return (components!, sizes);
    }

    [TestCaseSource(nameof(Cases))]
    public void Split_is_keras(string json)
    {
        var c = JsonNode.Parse(json)!;
        int n = (int)c["n"]!;
        string kind = (string)c["kind"]!;
        var x = arange(n, dtype: ScalarType.Float32);
        if (c["set_random_seed"] is { } seed_all) keras.utils.set_random_seed((long)seed_all);
        object? left_size = Size(c["left_size"]), right_size = Size(c["right_size"]);
        bool shuffle = (bool?)c["shuffle"] ?? false;
        long? seed = (long?)c["seed"];
        Func<(Dataset, Dataset)> split = kind switch
        {
            "array" => () => keras.utils.split_dataset(x, left_size, right_size, shuffle, seed),
            "tuple" => () => keras.utils.split_dataset([x, x * 10], left_size, right_size, shuffle, seed),
            "dataset" => () => keras.utils.split_dataset(Dataset.from_tensor_slices(x), left_size, right_size, shuffle, seed),
            "tuple_dataset" => () => keras.utils.split_dataset(Dataset.from_tensor_slices((x, x * 10)), left_size, right_size, shuffle, seed),
            _ => () => keras.utils.split_dataset(Dataset.from_tensor_slices(x).batch((int)c["batch"]!), left_size, right_size, shuffle, seed),
        };
        if (c["error"] is not null)
        {
            var error = Assert.Throws<ArgumentException>(() => split())!;
            Assert.That(error.Message, Does.StartWith((string)c["message"]!));
            return;
        }
        var (left, right) = split();
        foreach (var (side, dataset) in new[] { ("left", left), ("right", right) })
        {
            var (components, sizes) = Values(dataset);
            var expected = c[side]!.AsArray().Select(a => a!.AsArray().Select(v => (double)v!).ToList()).ToArray();
            Assert.That(components, Is.EqualTo(expected), side);
            if (c["batch_size"] is { } batch)
                Assert.That(sizes.Take(sizes.Count - 1), Is.All.EqualTo((long)batch), $"{side} batched again");
        }
    }

    /// <summary>dataset_utils_test.py's test_split_dataset: list and dataset inputs of several feature shapes, 0.2 / 0.8.</summary>
    [TestCase("tuple", new long[] { 2 })]
    [TestCase("tuple", new long[] { 100, 2 })]
    [TestCase("tuple", new long[] { 10, 10, 2 })]
    [TestCase("dataset", new long[] { 2 })]
    [TestCase("dataset", new long[] { 10, 10, 2 })]
    public void Split_sizes_and_sample_shapes(string dataset_type, long[] features_shape)
    {
        var features = rand([100, .. features_shape]);
        var labels = rand(100, 1);
        var (left, right) = dataset_type == "tuple"
            ? keras.utils.split_dataset([features, labels], left_size: 0.2, right_size: 0.8)
            : keras.utils.split_dataset(Dataset.from_tensor_slices((features, labels)), left_size: 0.2, right_size: 0.8);
        Assert.That(left.cardinality(), Is.EqualTo(20));
        Assert.That(right.cardinality(), Is.EqualTo(80));
        foreach (var sample in left.Concat(right))
        {
            Assert.That(sample[0].shape, Is.EqualTo(features_shape));
            Assert.That(sample[1].shape, Is.EqualTo(new long[] { 1 }));
        }
    }

    [Test]
    public void Arrays_of_different_lengths_and_a_wrong_size_type_are_refused()
    {
        Assert.That(() => keras.utils.split_dataset([zeros(4), zeros(5)], left_size: 0.5),
            Throws.ArgumentException.With.Message.StartsWith("Size mismatch between tensors"));
        Assert.That(() => keras.utils.split_dataset(zeros(4), left_size: "half"),
            Throws.ArgumentException.With.Message.StartsWith("Invalid `left_size` Type. Expected: int or float or None"));
    }

    [Test]
    public void A_split_of_a_dataset_trains_a_model()
    {
        keras.utils.set_random_seed(3);
        var (train, validation) = keras.utils.split_dataset(Dataset.from_tensor_slices((rand(20, 3), rand(20, 1))).batch(4), left_size: 0.75, shuffle: true, seed: 1);
        using var model = new KerasPort.Models.Sequential([keras.Input(shape: [3]), new KerasPort.Layers.Dense(1)]);
        model.compile(optimizer: "sgd", loss: "mse");
        var history = model.fit(train, validation_data: validation, epochs: 1, verbose: 0);
        Assert.That(history.history.ContainsKey("val_loss"));
    }
}
