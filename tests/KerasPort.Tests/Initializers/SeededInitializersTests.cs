using KerasPort.Initializers;
using KerasPort.Layers;
using static KerasPort.Tests.TestSupport.RecordedTensor;

namespace KerasPort.Tests.Initializers;

/// <summary>
/// Unseeded initializers against Keras 3.15.1 on torch (tests/fixtures/seeded/keras_random.json,
/// "initializers" and "dense", from tools/record_keras_random.py): after the same
/// set_random_seed, built in the same order, they give Keras's tensors. Exact, except Orthogonal
/// (1e-6: a QR decomposition, whose LAPACK may round differently from torch 1.13's).
/// </summary>
[NonParallelizable]
public class SeededInitializersTests
{
    private static readonly string[] Names =
        ["GlorotUniform", "GlorotNormal", "HeUniform", "HeNormal", "LecunUniform", "LecunNormal",
         "RandomNormal", "RandomUniform", "TruncatedNormal", "Orthogonal", "VarianceScaling"];

    [Test]
    public void Default_initializers_give_keras_tensors_after_set_random_seed()
    {
        keras.utils.set_random_seed(1);
        foreach (var name in Names)
        {
            var init = keras.initializers.get(name)!;
            double tolerance = name == "Orthogonal" ? 1e-6 : 0.0;
            AssertMatches(init.call([4, 3]), KerasRandom("initializers", name, "first"), tolerance, name);
            Assert.That(init.call([4, 3]).eq(init.call([4, 3])).all().item<bool>(), Is.EqualTo((bool)KerasRandom("initializers", name, "second_equal")), name);
        }
        AssertMatches(new VarianceScaling(scale: 2.0, mode: "fan_out", distribution: "untruncated_normal").call([5, 2]), KerasRandom("initializers", "VarianceScaling_custom"));
        AssertMatches(new VarianceScaling(scale: 0.5, mode: "fan_avg", distribution: "uniform").call([3, 3, 2, 4]), KerasRandom("initializers", "VarianceScaling_uniform_conv"));
        AssertMatches(new RandomNormal(mean: 0.5, stddev: 2.0).call([3, 3]), KerasRandom("initializers", "RandomNormal_args"));
        AssertMatches(new RandomUniform(minval: -1.0, maxval: 1.0).call([3, 3]), KerasRandom("initializers", "RandomUniform_args"));
        AssertMatches(new Orthogonal(gain: 2.0).call([3, 5]), KerasRandom("initializers", "Orthogonal_wide"), 1e-6);
        AssertMatches(keras.initializers.get("glorot_uniform")!.call([2, 2]), KerasRandom("initializers", "by_name_glorot_uniform"));
        AssertMatches(new GlorotUniform(seed: 42).call([4, 3]), KerasRandom("initializers", "seeded_42"));
    }

    [Test]
    public void Dense_builds_its_kernel_initializer_then_its_bias_initializer()
    {
        keras.utils.set_random_seed(9);
        var dense = new Dense(3, bias_initializer: "random_normal");
        dense.build([null, 2]);
        var weights = dense.get_weights();
        AssertMatches(weights[0], KerasRandom("dense", "dense_kernel_then_bias", "0"), what: "kernel");
        AssertMatches(weights[1], KerasRandom("dense", "dense_kernel_then_bias", "1"), what: "bias");
    }
}
