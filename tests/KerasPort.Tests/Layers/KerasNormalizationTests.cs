using KerasPort.Initializers;
using KerasPort.Layers;

namespace KerasPort.Tests.Layers;

/// <summary>
/// The assertions of Keras's batch_normalization_test.py, layer_normalization_test.py and
/// spatial_dropout_test.py (3D) that are about state, not a single output, ported by hand; each
/// test names the Keras test it ports. Inputs are drawn from a seeded torch generator where Keras
/// draws from numpy; the assertions are statistical or exact, so the draws do not matter.
/// </summary>
public sealed class KerasNormalizationTests
{
    private static void AssertAllClose(Tensor actual, Tensor expected, double atol, string what)
    {
        double diff = (actual.to_type(ScalarType.Float64) - expected.to_type(ScalarType.Float64)).abs().max().item<double>();
        Assert.That(diff, Is.LessThanOrEqualTo(atol), what);
    }

    private static Tensor Full(long[] shape, double value) => torch.full(shape, value, dtype: ScalarType.Float32);

    // BatchNormalizationTest.test_correctness (parameterized product)
    [Test]
    public void Batch_normalization_correctness(
        [Values(-1, 1)] int axis,
        [Values(new long[] { 5, 2, 3 }, new long[] { 5, 3, 3, 2 })] long[] input_shape,
        [Values("zeros", "ones")] string moving_mean_initializer,
        [Values("zeros", "ones")] string moving_variance_initializer)
    {
        var layer = new BatchNormalization(axis: axis, momentum: 0, moving_mean_initializer: moving_mean_initializer,
            moving_variance_initializer: moving_variance_initializer);
        // Data centered on 5.0 with standard deviation 10.0.
        var x = torch.randn(input_shape, generator: new Generator(5)) * 10 + 5;
        var output = x;
        for (int i = 0; i < 3; i++) output = layer.__call__(output, training: true);

        int index = axis < 0 ? input_shape.Length + axis : axis;
        var broadcast = Enumerable.Repeat(1L, input_shape.Length).ToArray();
        broadcast[index] = input_shape[index];
        var normalized = (output - layer.beta!.reshape(broadcast)) / layer.gamma!.reshape(broadcast);
        var reduction = Enumerable.Range(0, input_shape.Length).Where(i => i != index).Select(i => (long)i).ToArray();
        AssertAllClose(normalized.mean(reduction), torch.zeros(input_shape[index]), 1e-3, "mean");
        AssertAllClose(normalized.std(reduction, unbiased: false), torch.ones(input_shape[index]), 1e-3, "std");
        AssertAllClose(layer.moving_mean!, torch.zeros(input_shape[index]), 1e-3, "moving mean");
        AssertAllClose(layer.moving_variance!, torch.ones(input_shape[index]), 1e-3, "moving variance");

        // Inference done before training shouldn't match.
        var inference = layer.__call__(x, training: false);
        var training = layer.__call__(x, training: true);
        Assert.That((inference - training).abs().max().item<float>(), Is.GreaterThan(1e-6f), "inference before training differs");
        // Since momentum is zero, inference after training should match.
        training = layer.__call__(x, training: true);
        inference = layer.__call__(x, training: false);
        AssertAllClose(inference, training, 1e-5, "inference after training");
    }

    // BatchNormalizationTest.test_trainable_behavior
    [Test]
    public void Batch_normalization_trainable_behavior()
    {
        var layer = new BatchNormalization(axis: -1, momentum: 0.8, epsilon: 1e-7);
        layer.build([1, 4, 4, 3]);
        layer.trainable = false;
        Assert.That(layer.get_weights(), Has.Length.EqualTo(4));
        Assert.That(layer.trainable_weights, Is.Empty);
        Assert.That(layer.non_trainable_weights, Has.Count.EqualTo(4));
        var x = torch.randn([200, 4, 4, 3], generator: new Generator(6)) * 10 + 5;
        // A frozen layer runs in inference mode even with training=True: the initial statistics give x back.
        AssertAllClose(layer.__call__(x, training: true), x, 1e-4, "frozen output");

        layer.trainable = true;
        Assert.That(layer.trainable_weights, Has.Count.EqualTo(2));
        Assert.That(layer.non_trainable_weights, Has.Count.EqualTo(2));
        Tensor output = x;
        for (int i = 0; i < 10; i++) output = layer.__call__(x, training: true);
        var normalized = (output - layer.beta!.reshape(1, 1, 1, 3)) / layer.gamma!.reshape(1, 1, 1, 3);
        AssertAllClose(normalized.mean([0, 1, 2]), torch.zeros(3), 1e-3, "mean");
        AssertAllClose(normalized.std([0, 1, 2], unbiased: false), torch.ones(3), 1e-3, "std");
    }

    // BatchNormalizationTest.test_renorm_invalid_clipping_keys, test_renorm_stddev_initializer
    [Test]
    public void Batch_renormalization_arguments_and_initial_stddev()
    {
        Assert.That(Assert.Catch<ArgumentException>(() => new BatchNormalization(renorm: true, renorm_clipping: new Dictionary<string, double> { ["random_key"] = 1.0 }))!.Message, Does.Contain("Received invalid keys"));
        Assert.That(Assert.Catch<ArgumentException>(() => new BatchNormalization(renorm: true, renorm_clipping: new Dictionary<string, double> { ["rmax"] = 0.0, ["rmin"] = 1.0 }))!.Message, Does.Contain("rmax should be"));
        Assert.That(Assert.Catch<ArgumentException>(() => new BatchNormalization(renorm: true, renorm_clipping: new Dictionary<string, double> { ["rmax"] = 1.0, ["dmax"] = -1.0 }))!.Message, Does.Contain("dmax should be non-negative"));
        var layer = new BatchNormalization(renorm: true, moving_variance_initializer: new Constant(4.0));
        layer.build([null, 5]);
        AssertAllClose(layer.moving_stddev!, Full([5], 2.0), 1e-6, "moving_stddev");
        AssertAllClose(layer.renorm_stddev!, Full([5], 2.0), 1e-6, "renorm_stddev");
        Assert.That(layer.non_trainable_weights, Has.Count.EqualTo(5));
    }

    // BatchNormalizationTest.test_renorm_correctness
    [Test]
    public void Batch_renormalization_correctness()
    {
        double epsilon = 1e-3, momentum = 0.9, renorm_momentum = 0.8;
        var layer = new BatchNormalization(axis: -1, epsilon: epsilon, momentum: momentum, renorm: true, renorm_momentum: renorm_momentum);
        layer.build([null, 3]);
        var g = new Generator(1337);
        var moving_mean = torch.randn([3], generator: g);
        var moving_var = (torch.randn([3], generator: g) * 0.5 + 1).abs();
        var moving_stddev = moving_var.sqrt();
        var renorm_mean = torch.randn([3], generator: g);
        var renorm_stddev = (torch.randn([3], generator: g) * 0.5 + 1).abs();
        var gamma = torch.randn([3], generator: g) * 0.1 + 1;
        var beta = torch.randn([3], generator: g) * 0.1;
        // Keras's weight order: gamma, beta, moving_mean, moving_variance, moving_stddev, renorm_mean, renorm_stddev.
        layer.set_weights([gamma, beta, moving_mean, moving_var, moving_stddev, renorm_mean, renorm_stddev]);

        var x = torch.tensor(new float[] { 4, 6, 2, 8, -2, 5, 6, 4, 3 }).reshape(3, 3);
        var batch_mean = x.mean([0]);
        var batch_var = x.var(0, unbiased: false);
        var batch_stddev = (batch_var + epsilon).sqrt();
        var r = batch_stddev / renorm_stddev;
        var d = (batch_mean - renorm_mean) / renorm_stddev;
        var expected = ((x - batch_mean) / batch_stddev * r + d) * gamma + beta;
        AssertAllClose(layer.__call__(x, training: true), expected, 1e-5, "output");
        AssertAllClose(layer.renorm_mean!, renorm_mean * renorm_momentum + batch_mean * (1 - renorm_momentum), 1e-5, "renorm_mean");
        AssertAllClose(layer.renorm_stddev!, renorm_stddev * renorm_momentum + batch_stddev * (1 - renorm_momentum), 1e-5, "renorm_stddev");
        AssertAllClose(layer.moving_mean!, moving_mean * momentum + batch_mean * (1 - momentum), 1e-5, "moving_mean");
        var expected_stddev = moving_stddev * momentum + batch_stddev * (1 - momentum);
        AssertAllClose(layer.moving_stddev!, expected_stddev, 1e-5, "moving_stddev");
        AssertAllClose(layer.moving_variance!, expected_stddev.square() - epsilon, 1e-5, "moving_variance");
    }

    // LayerNormalizationTest.test_correctness
    [Test]
    public void Layer_normalization_correctness()
    {
        var layer = new LayerNormalization();
        layer.build([2, 2, 2]);
        var x = torch.randn([1000, 2, 2, 2], generator: new Generator(8)) * 10 + 5;
        var output = (layer.__call__(x) - layer.beta!) / layer.gamma!;
        Assert.That(output.mean().item<float>(), Is.EqualTo(0.0).Within(1e-1));
        Assert.That(output.std(unbiased: false).item<float>(), Is.EqualTo(1.0).Within(1e-1));
    }

    // LayerNormalizationTest.test_unsorted_axis
    [Test]
    public void Layer_normalization_unsorted_axis()
    {
        var x = torch.randn([2, 3, 4], generator: new Generator(9));
        var sorted = new LayerNormalization(axis: new[] { -2, -1 }).__call__(x);
        var unsorted = new LayerNormalization(axis: new[] { -1, -2 }).__call__(x);
        Assert.That(sorted.shape, Is.EqualTo(new long[] { 2, 3, 4 }));
        Assert.That(unsorted.shape, Is.EqualTo(new long[] { 2, 3, 4 }));
        AssertAllClose(sorted, unsorted, 1e-6, "sorted and unsorted axes");
    }

    // SpatialDropoutTest.test_spatial_dropout_3D_correctness
    [TestCase("channels_last")]
    [TestCase("channels_first")]
    public void Spatial_dropout_3d_drops_whole_channels(string data_format)
    {
        var x = data_format == "channels_last" ? torch.ones([10, 3, 3, 3, 10]) : torch.ones([10, 10, 3, 3, 3]);
        var y = new SpatialDropout3D(0.5, data_format: data_format, seed: 1).__call__(x, training: true);
        if (data_format == "channels_last")
        {
            AssertAllClose(y[.., 0, 0, 0, ..], y[.., 1, 1, 1, ..], 0, "the same mask at every position");
            AssertAllClose(y[.., 0, 0, 0, ..], y[.., 2, 2, 2, ..], 0, "the same mask at every position");
        }
        else
        {
            AssertAllClose(y[.., .., 0, 0, 0], y[.., .., 1, 1, 1], 0, "the same mask at every position");
            AssertAllClose(y[.., .., 0, 0, 0], y[.., .., 2, 2, 2], 0, "the same mask at every position");
        }
    }
}
