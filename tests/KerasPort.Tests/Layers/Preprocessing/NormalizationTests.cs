using System.Text.Json;
using System.Text.Json.Nodes;
using KerasPort.Layers;
using KerasPort.Models;
using static KerasPort.Tests.TestSupport.NestedLists;

namespace KerasPort.Tests.Layers.Preprocessing;

/// <summary>
/// Normalization against Keras 3.15.1 (tests/fixtures/normalization/, from
/// tools/record_normalization_cases.py): adapt on an array and on batches, every axis form, given
/// mean and variance, invert; outputs and adapted weights at 1e-5 (relative above 1: float32 means
/// summed in another order than numpy's), configs exactly; a Keras-saved model with an adapted layer
/// loads and predicts as Keras. Then keras/src/layers/preprocessing/normalization_test.py, translated
/// where it translates (tf.data, PyDataset and the meta device have no counterpart here).
/// </summary>
public class NormalizationTests
{
    private static JsonObject cases() => KerasFixtures.Load("normalization", "cases.json")["cases"]!.AsObject();

    private static void close(Tensor actual, JsonNode expected, string what)
    {
        Assert.That(actual.shape, Is.EqualTo(shape(expected)), what + " shape");
        var a = actual.to_type(ScalarType.Float64).reshape(-1).data<double>().ToArray();
        var e = flat(expected);
        for (int i = 0; i < e.Length; i++)
            Assert.That(a[i], Is.EqualTo(e[i]).Within(1e-5 * Math.Max(1, Math.Abs(e[i]))), $"{what}[{i}]");
    }

    private static Normalization construct(JsonObject kwargs, string name)
    {
        Tensor? array(string key) => kwargs[key] is JsonNode node ? f32(node) : null;
        bool invert = kwargs["invert"] is JsonNode i && (bool)i;
        return kwargs.ContainsKey("axis")
            ? kwargs["axis"] switch
            {
                null => new Normalization(axis: null, array("mean"), array("variance"), invert, name: name),
                JsonArray list => new Normalization(list.Select(v => (int)v!).ToArray(), array("mean"), array("variance"), invert, name: name),
                JsonNode single => new Normalization((int)single, array("mean"), array("variance"), invert, name: name),
            }
            : new Normalization(mean: array("mean"), variance: array("variance"), invert: invert, name: name);
    }

    public static IEnumerable<TestCaseData> Names() => cases().Select(kv => new TestCaseData(kv.Key).SetName("Recorded_" + kv.Key));

    [TestCaseSource(nameof(Names))]
    public void Matches_Keras(string name)
    {
        var c = cases()[name]!.AsObject();
        var layer = construct(c["kwargs"]!.AsObject(), (string)c["config"]!["name"]!);
        if (c["adapt"] is JsonNode adapt)
        {
            var data = f32(adapt);
            if (c["batches"] is JsonNode batches)
            {
                int size = (int)batches;
                layer.adapt(Enumerable.Range(0, (int)((data.shape[0] + size - 1) / size)).Select(b => data[(b * size)..(int)Math.Min(data.shape[0], b * size + size)]).ToList());
            }
            else layer.adapt(data);
        }
        close(layer.__call__(f32(c["x"]!)), c["y"]!, "output");
        var weights = c["weights"]!.AsArray();
        Assert.That(layer.get_weights().Length, Is.EqualTo(weights.Count), "weights");
        for (int w = 0; w < weights.Count; w++) close(layer.get_weights()[w], weights[w]!, $"weight {w}");
        var ours = JsonNode.Parse(JsonSerializer.Serialize(layer.get_config()));
        Assert.That(JsonNode.DeepEquals(ours, c["config"]), Is.True, $"config\nours:  {ours!.ToJsonString()}\nKeras: {c["config"]!.ToJsonString()}");
        var again = Normalization.from_config(KerasPort.Saving.KerasJson.loads(c["config"]!.ToJsonString()) as IDictionary<string, object> ?? throw new AssertionException("config"));
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(JsonSerializer.Serialize(again.get_config())), c["config"]), Is.True, "from_config gives the same config");
    }

    [Test]
    public void A_keras_saved_model_with_an_adapted_layer_predicts_as_keras_and_round_trips()
    {
        var probe = KerasFixtures.Load("normalization", "model_probe.json");
        using var model = keras.models.load_model(KerasFixtures.path("normalization", "model.keras"));
        var x = f32(probe["x"]!);
        close(model.predict(x, verbose: 0), probe["predict"]!, "Keras's model");
        Assert.That(model.layers[0], Is.TypeOf<Normalization>());
        Assert.That(model.layers[0].get_weights()[2].dtype, Is.EqualTo(ScalarType.Int64), "count is an int, as Keras's");
        string folder = Path.Combine(Path.GetTempPath(), "kp-normalization-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            foreach (var extension in new[] { ".keras", ".h5" })
            {
                string path = Path.Combine(folder, "model" + extension);
                model.save(path);
                using var again = keras.models.load_model(path);
                close(again.predict(x, verbose: 0), probe["predict"]!, "saved again as " + extension);
            }
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    // normalization_test.py: test_normalization_basics (weights and output shapes)
    [Test]
    public void Basics()
    {
        var adaptable = new Normalization(axis: -1);
        Assert.That(adaptable.__call__(torch.rand(2, 3)).shape, Is.EqualTo(new long[] { 2, 3 }));
        Assert.That((adaptable.trainable_weights.Count, adaptable.non_trainable_weights.Count), Is.EqualTo((0, 3)));
        foreach (bool invert in new[] { false, true })
        {
            var given = new Normalization(axis: -1, mean: torch.tensor(new[] { 0.5, 0.2, -0.1 }), variance: torch.tensor(new[] { 0.1, 0.2, 0.3 }), invert: invert);
            Assert.That(given.__call__(torch.rand(2, 3)).shape, Is.EqualTo(new long[] { 2, 3 }));
            Assert.That((given.trainable_weights.Count, given.non_trainable_weights.Count), Is.EqualTo((0, 0)));
        }
    }

    // normalization_test.py: test_normalization_adapt (array and tensor), test_adapt_list_of_batches
    [Test]
    public void Adapted_outputs_have_mean_0_and_variance_1()
    {
        var x = torch.rand(32, 4, dtype: ScalarType.Float64);
        foreach (var data in new[] { x, x.to_type(ScalarType.Float32) })
        {
            var layer = new Normalization();
            layer.adapt(data);
            Assert.That(layer.built, Is.True);
            var output = layer.__call__(x);
            Assert.That(output.var(0, unbiased: false).sub(1).abs().max().item<float>(), Is.LessThan(1e-5));
            Assert.That(output.mean([0]).abs().max().item<float>(), Is.LessThan(1e-5));
        }
        var high = torch.rand(32, 4, 3, 5);
        var two_axes = new Normalization(axis: [1, 2]);
        two_axes.adapt(high);
        var normalized = two_axes.__call__(high);
        Assert.That(normalized.var([0, 3], unbiased: false).sub(1).abs().max().item<float>(), Is.LessThan(1e-5));
        Assert.That(normalized.mean([0, 3]).abs().max().item<float>(), Is.LessThan(1e-5));

        foreach (var dataset in new[] { KerasPort.Data.Dataset.from_tensor_slices(x).batch(8), KerasPort.Data.Dataset.from_tensor_slices(x) })
        {
            // A Dataset of batches, and one of single rows (batched by 128 first, as Keras does with tf.data).
            var layer = new Normalization();
            layer.adapt(dataset);
            var output = layer.__call__(x);
            Assert.That(output.var(0, unbiased: false).sub(1).abs().max().item<float>(), Is.LessThan(1e-5));
            Assert.That(output.mean([0]).abs().max().item<float>(), Is.LessThan(1e-5));
        }

        var batches = new Normalization(axis: -1);
        var x32 = x.to_type(ScalarType.Float32);
        batches.adapt(new[] { x32[..8], x32[8..16], x32[16..24], x32[24..32] });
        Assert.That(batches.built, Is.True);
        var from_batches = batches.__call__(x32);
        Assert.That(from_batches.var(0, unbiased: false).sub(1).abs().max().item<float>(), Is.LessThan(1e-5));
        Assert.That(from_batches.mean([0]).abs().max().item<float>(), Is.LessThan(1e-5));
    }

    // normalization_test.py: the error tests
    [Test]
    public void Errors()
    {
        Assert.That(Assert.Throws<ArgumentException>(() => new Normalization(mean: 0.5))!.Message, Does.Contain("both `mean` and `variance` must be set"));
        Assert.That(Assert.Throws<ArgumentException>(() => new Normalization(variance: 0.1))!.Message, Does.Contain("both `mean` and `variance` must be set"));
        Assert.That(Assert.Throws<ArgumentException>(() => new Normalization(axis: 3).build([2, 2]))!.Message, Does.StartWith("All `axis` values must be in the range"));
        Assert.That(Assert.Throws<ArgumentException>(() => new Normalization(axis: -4).build([2, 3, 4]))!.Message, Does.StartWith("All `axis` values must be in the range"));
        Assert.That(Assert.Throws<ArgumentException>(() => new Normalization(axis: 1).build(new long?[] { null, null }))!.Message, Does.StartWith("All `axis` values to be kept"));
        var built = new Normalization(axis: -1);
        built.build([10, 5]);
        Assert.That(Assert.Throws<ArgumentException>(() => built.adapt(torch.rand(10, 3)))!.Message, Does.Contain("an incompatible shape"));
        Assert.That(Assert.Throws<ArgumentException>(() => new Normalization().adapt(new List<Tensor>()))!.Message, Does.StartWith("adapt() received an empty iterable"));
        Assert.That(Assert.Throws<ArgumentException>(() => new Normalization(mean: torch.zeros(3), variance: torch.ones(4)))!.Message, Does.Contain("must have the same shape"));
        Assert.That(Assert.Throws<ArgumentException>(() => new Normalization(mean: torch.zeros(3, 2), variance: torch.ones(3, 2)))!.Message, Does.StartWith("The rank of `mean` must be less than or equal to the number of axes (1)"));
    }

    // normalization_test.py: test_normalization_with_scalar_mean_var, test_broadcast_non_scalar_middle_axis,
    // test_broadcast_multiple_axes, test_broadcast_partial_keep_axis, test_scalar_broadcast
    [Test]
    public void Given_values_broadcast_as_keras()
    {
        new Normalization(mean: 3.0, variance: 2.0).__call__(torch.tensor(new float[,] { { 1, 2, 3 } }));

        var custom_mean = torch.arange(1, 6, dtype: ScalarType.Float32);
        var middle = new Normalization(axis: 2, mean: custom_mean, variance: torch.ones(5));
        middle.build([2, 4, 5, 3]);
        Assert.That(middle.mean!.shape, Is.EqualTo(new long[] { 1, 1, 5, 1 }));
        Assert.That(middle.mean![0, 0, .., 0].data<float>().ToArray(), Is.EqualTo(new float[] { 1, 2, 3, 4, 5 }));

        var multiple = new Normalization(axis: [1, 2], mean: torch.zeros(10, 13), variance: torch.ones(10, 13));
        multiple.build([null, 10, 13, 3]);
        Assert.That(multiple.mean!.shape, Is.EqualTo(new long[] { 1, 10, 13, 1 }));

        var partial = new Normalization(axis: [1, 2], mean: custom_mean, variance: torch.ones(5));
        partial.build([2, 7, 5, 3]);
        Assert.That(partial.mean!.shape, Is.EqualTo(new long[] { 1, 7, 5, 1 }));
        Assert.That(partial.mean![.., 0, .., ..].reshape(-1).data<float>().ToArray(), Is.EqualTo(new float[] { 1, 2, 3, 4, 5 }));
        Assert.That(partial.mean![.., 6, .., ..].reshape(-1).data<float>().ToArray(), Is.EqualTo(new float[] { 1, 2, 3, 4, 5 }));

        var scalar = new Normalization(axis: -1, mean: 5.0, variance: 1.0);
        scalar.build([3, 7]);
        Assert.That(scalar.mean!.shape, Is.EqualTo(new long[] { 1, 7 }));
        Assert.That(scalar.mean!.reshape(-1).data<float>().ToArray(), Is.All.EqualTo(5f));
    }

    [Test]
    public void The_regression_tutorials_one_feature_normalizer()
    {
        // horsepower_normalizer = layers.Normalization(input_shape=[1,], axis=None)
        // horsepower_normalizer.adapt(horsepower)          # horsepower: shape (N,)
        var horsepower = torch.rand(50) * 200 + 50;
        var normalizer = new Normalization(axis: null, input_shape: [1]);
        normalizer.adapt(horsepower);
        Assert.That(normalizer.get_weights()[0].item<float>(), Is.EqualTo(horsepower.mean().item<float>()).Within(1e-3));
        var model = new Sequential([normalizer, new Dense(1)]);
        var output = model.predict(horsepower.unsqueeze(1), verbose: 0);
        Assert.That(output.shape, Is.EqualTo(new long[] { 50, 1 }));
        var normalized = normalizer.__call__(horsepower.unsqueeze(1));
        Assert.That(normalized.mean().item<float>(), Is.EqualTo(0f).Within(1e-4));
        Assert.That(normalized.var([0, 1], unbiased: false).item<float>(), Is.EqualTo(1f).Within(1e-4));
    }

    [Test]
    public void In_a_sequential_model_the_adapted_layer_trains_the_rest()
    {
        var x = torch.rand(64, 3) * 100;
        var y = x.sum(1, keepdim: true) / 100;
        var normalizer = new Normalization(axis: -1);
        normalizer.adapt(x);
        var model = new Sequential([normalizer, new Dense(1)]);
        model.compile(optimizer: "adam", loss: "mse");
        model.fit(x, y, epochs: 2, verbose: 0);
        Assert.That(normalizer.trainable_weights, Is.Empty, "the statistics are not trained");
        Assert.That(normalizer.get_weights()[0].data<float>().ToArray(), Is.EqualTo(x.mean([0]).data<float>().ToArray()).Within(1e-3), "fit leaves the mean as adapted");
    }
}
