using KerasPort;
using KerasPort.Initializers;

namespace KerasPort.Tests.Initializers;

public class InitializersTests
{
    private static (double mean, double std, double min, double max) Stats(Tensor t)
    {
        using var d = t.to_type(ScalarType.Float64);
        return (d.mean().item<double>(), d.std(unbiased: false).item<double>(), d.min().item<double>(), d.max().item<double>());
    }

    private static bool Same(Tensor a, Tensor b) => a.eq(b).all().item<bool>();

    [TestCase(new long[] { 60, 30 }, 60, 30)]
    [TestCase(new long[] { 7 }, 7, 7)]
    [TestCase(new long[] { }, 1, 1)]
    [TestCase(new long[] { 3, 3, 16, 32 }, 144, 288)]
    [TestCase(new long[] { 5, 8, 4 }, 40, 20)]
    public void Fans_follow_keras(long[] shape, long fan_in, long fan_out) =>
        Assert.That(VarianceScaling.compute_fans(shape), Is.EqualTo((fan_in, fan_out)));

    [Test]
    public void Fans_follow_explicit_axes() =>
        Assert.That(VarianceScaling.compute_fans([2, 3, 5], input_axes: [0, 1], output_axes: [-1]), Is.EqualTo((6L, 5L)));

    // (initializer, fan used for the variance, scale, uniform?)
    public static IEnumerable<TestCaseData> Scaled()
    {
        long[] shape = [400, 600];
        yield return new TestCaseData(new GlorotUniform(seed: 1), shape, 2.0 / 1000, true).SetName("GlorotUniform");
        yield return new TestCaseData(new GlorotNormal(seed: 2), shape, 2.0 / 1000, false).SetName("GlorotNormal");
        yield return new TestCaseData(new HeUniform(seed: 3), shape, 2.0 / 400, true).SetName("HeUniform");
        yield return new TestCaseData(new HeNormal(seed: 4), shape, 2.0 / 400, false).SetName("HeNormal");
        yield return new TestCaseData(new LecunUniform(seed: 5), shape, 1.0 / 400, true).SetName("LecunUniform");
        yield return new TestCaseData(new LecunNormal(seed: 6), shape, 1.0 / 400, false).SetName("LecunNormal");
        yield return new TestCaseData(new VarianceScaling(scale: 3.0, mode: "fan_out", distribution: "uniform", seed: 7), shape, 3.0 / 600, true).SetName("VarianceScaling_fan_out_uniform");
        // Conv kernel: receptive field 3x3, fan_in 3*3*20 = 180.
        yield return new TestCaseData(new HeNormal(seed: 8), new long[] { 3, 3, 20, 1000 }, 2.0 / 180, false).SetName("HeNormal_conv_kernel");
    }

    [TestCaseSource(nameof(Scaled))]
    public void Variance_scaling_family_has_keras_variance_and_bounds(Initializer init, long[] shape, double variance, bool uniform)
    {
        using var w = init.call(shape);
        Assert.That(w.shape, Is.EqualTo(shape));
        Assert.That(w.dtype, Is.EqualTo(ScalarType.Float32));
        var (mean, std, min, max) = Stats(w);
        double expected_std = Math.Sqrt(variance);
        Assert.That(std, Is.EqualTo(expected_std).Within(0.02 * expected_std));
        Assert.That(Math.Abs(mean), Is.LessThan(0.01 * expected_std));
        if (uniform)
        {
            double limit = Math.Sqrt(3 * variance);
            Assert.That(min, Is.GreaterThanOrEqualTo(-limit));
            Assert.That(max, Is.LessThanOrEqualTo(limit));
            Assert.That(max, Is.GreaterThan(0.99 * limit));
        }
        else
        {
            // Truncated at 2 stddev of the pre-truncation normal; only when all four draws miss (p ~ 4e-6) may a value fall outside.
            double bound = 2 * expected_std / 0.87962566103423978;
            using var outside = w.abs().gt(bound).sum();
            Assert.That(outside.item<long>(), Is.LessThanOrEqualTo(w.numel() / 20000));
            using var inner = w.abs().gt(0.95 * bound).sum();
            Assert.That(inner.item<long>(), Is.GreaterThan(0));
        }
    }

    [Test]
    public void Untruncated_normal_has_the_plain_stddev()
    {
        using var w = new VarianceScaling(scale: 2.0, mode: "fan_avg", distribution: "untruncated_normal", seed: 9).call([300, 500]);
        var (_, std, min, _) = Stats(w);
        Assert.That(std, Is.EqualTo(Math.Sqrt(2.0 / 400)).Within(0.02 * Math.Sqrt(2.0 / 400)));
        Assert.That(min, Is.LessThan(-2.5 * Math.Sqrt(2.0 / 400)));
    }

    [Test]
    public void Random_normal_uniform_and_truncated_use_their_arguments()
    {
        using var n = new RandomNormal(mean: 1.5, stddev: 0.3, seed: 10).call([500, 400]);
        var s = Stats(n);
        Assert.That(s.mean, Is.EqualTo(1.5).Within(0.005));
        Assert.That(s.std, Is.EqualTo(0.3).Within(0.005));

        using var u = new RandomUniform(minval: -2, maxval: 5, seed: 11).call([500, 400]);
        s = Stats(u);
        Assert.That(s.min, Is.GreaterThanOrEqualTo(-2));
        Assert.That(s.max, Is.LessThan(5));
        Assert.That(s.mean, Is.EqualTo(1.5).Within(0.02));
        Assert.That(s.std, Is.EqualTo(7 / Math.Sqrt(12)).Within(0.02));

        using var t = new TruncatedNormal(mean: -1, stddev: 0.5, seed: 12).call([500, 400]);
        s = Stats(t);
        Assert.That(s.mean, Is.EqualTo(-1).Within(0.005));
        Assert.That(s.std, Is.EqualTo(0.5 * 0.87962566103423978).Within(0.005));
    }

    [TestCase(new long[] { 50, 20 })]
    [TestCase(new long[] { 20, 50 })]
    [TestCase(new long[] { 3, 3, 4, 8 })]
    [TestCase(new long[] { 16, 16 })]
    public void Orthogonal_gives_orthonormal_rows_or_columns(long[] shape)
    {
        using var w = new Orthogonal(gain: 2.0, seed: 13).call(shape);
        Assert.That(w.shape, Is.EqualTo(shape));
        using var m = w.reshape(-1, shape[^1]).to_type(ScalarType.Float64);
        long rows = m.shape[0], cols = m.shape[1];
        using var gram = rows >= cols ? m.t().matmul(m) : m.matmul(m.t());
        using var expected = torch.eye(Math.Min(rows, cols), dtype: ScalarType.Float64) * 4.0;
        using var diff = (gram - expected).abs().max();
        Assert.That(diff.item<double>(), Is.LessThan(1e-5));
    }

    [Test]
    public void Orthogonal_refuses_vectors()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Orthogonal().call([5]))!;
        Assert.That(ex.Message, Does.StartWith("The tensor to initialize must be at least two-dimensional. Received: shape=(5,) of rank 1."));
    }

    [Test]
    public void A_seed_repeats_the_draw_and_different_seeds_differ()
    {
        foreach (var (a, b, c) in new (Initializer, Initializer, Initializer)[]
                 {
                     (new GlorotUniform(seed: 42), new GlorotUniform(seed: 42), new GlorotUniform(seed: 43)),
                     (new HeNormal(seed: 42), new HeNormal(seed: 42), new HeNormal(seed: 43)),
                     (new RandomNormal(seed: 42), new RandomNormal(seed: 42), new RandomNormal(seed: 43)),
                     (new Orthogonal(seed: 42), new Orthogonal(seed: 42), new Orthogonal(seed: 43)),
                 })
        {
            using var x1 = a.call([6, 5]);
            using var x2 = a.call([6, 5]);
            using var y = b.call([6, 5]);
            using var z = c.call([6, 5]);
            Assert.That(Same(x1, x2), Is.True, "same instance, same seed");
            Assert.That(Same(x1, y), Is.True, "same seed");
            Assert.That(Same(x1, z), Is.False, "other seed");
        }
    }

    [Test, NonParallelizable]
    public void Without_a_seed_each_initializer_takes_one_from_python_random_at_construction()
    {
        keras.utils.set_random_seed(7);
        var init = new GlorotUniform();
        var other = new GlorotUniform();
        var python = new KerasPort.Utils.PythonRandom(7);
        Assert.That(init.draw_seed, Is.EqualTo(python.randint(1, 1_000_000_000)));
        Assert.That(other.draw_seed, Is.EqualTo(python.randint(1, 1_000_000_000)));
        using var a = init.call([4, 3]);
        using var b = init.call([4, 3]);
        using var c = new GlorotUniform(seed: init.draw_seed).call([4, 3]);
        using var d = other.call([4, 3]);
        Assert.That(Same(a, b), Is.True, "an unseeded initializer repeats its draw, as in Keras");
        Assert.That(Same(a, c), Is.True, "it draws as if seeded with the seed it took");
        Assert.That(Same(a, d), Is.False);
        Assert.That(init.get_config()["seed"], Is.Null, "the config keeps the seed given");
    }

    [Test]
    public void A_refused_variance_scaling_draws_no_seed()
    {
        var state = KerasPort.Utils.PythonRandom.Global.getstate();
        Assert.Throws<ArgumentException>(() => new VarianceScaling(scale: -1.0));
        Assert.That(KerasPort.Utils.PythonRandom.Global.getstate().pos, Is.EqualTo(state.pos));
    }

    [Test]
    public void Unseeded_clones_differ_and_seeded_clones_repeat()
    {
        // random_initializers_test.py: from_config(get_config()) of an unseeded initializer draws
        // a new seed; of a seeded one, the same values.
        var unseeded = new RandomNormal(mean: 0.0, stddev: 1.0);
        var clone = (RandomNormal)KerasPort.Saving.Deserialization.deserialize_keras_object(ArgumentResolverConfig(unseeded))!;
        Assert.That(Same(unseeded.call([25, 25]), clone.call([25, 25])), Is.False);
        var seeded = new RandomNormal(mean: 0.0, stddev: 1.0, seed: 1337);
        var seeded_clone = (RandomNormal)KerasPort.Saving.Deserialization.deserialize_keras_object(ArgumentResolverConfig(seeded))!;
        Assert.That(Same(seeded.call([25, 25]), seeded_clone.call([25, 25])), Is.True);
    }

    private static Dictionary<string, object?> ArgumentResolverConfig(Initializer i) =>
        (Dictionary<string, object?>)KerasPort.Layers.ArgumentResolver.serialize(i)!;

    [Test]
    public void Constant_initializers()
    {
        using var z = new Zeros().call([2, 3]);
        using var o = new Ones().call([2, 3], ScalarType.Float64);
        using var c = new Constant(0.25).call([4]);
        using var i = new Identity(3.0).call([2, 3]);
        Assert.That(z.data<float>().ToArray(), Is.All.EqualTo(0f));
        Assert.That(o.dtype, Is.EqualTo(ScalarType.Float64));
        Assert.That(o.data<double>().ToArray(), Is.All.EqualTo(1.0));
        Assert.That(c.data<float>().ToArray(), Is.All.EqualTo(0.25f));
        Assert.That(i.data<float>().ToArray(), Is.EqualTo(new float[] { 3, 0, 0, 0, 3, 0 }));
    }

    [Test]
    public void Configs_are_kerass()
    {
        Assert.That(new GlorotUniform().get_config(), Is.EqualTo(new Dictionary<string, object?> { ["seed"] = null, ["input_axes"] = null, ["output_axes"] = null }));
        Assert.That(new Zeros().get_config(), Is.Empty);
        Assert.That(new HeNormal(seed: 5).get_config()["seed"], Is.EqualTo(5L));
        Assert.That(new VarianceScaling(scale: 2, mode: "fan_avg", distribution: "normal").get_config(), Is.EqualTo(new Dictionary<string, object?>
        {
            ["seed"] = null, ["scale"] = 2.0, ["mode"] = "fan_avg", ["distribution"] = "truncated_normal", ["input_axes"] = null, ["output_axes"] = null,
        }));
        Assert.That(new RandomNormal(stddev: 0.1, seed: 3).get_config(), Is.EqualTo(new Dictionary<string, object?> { ["seed"] = 3L, ["mean"] = 0.0, ["stddev"] = 0.1 }));
        Assert.That(new RandomUniform().get_config(), Is.EqualTo(new Dictionary<string, object?> { ["seed"] = null, ["minval"] = -0.05, ["maxval"] = 0.05 }));
        Assert.That(new Orthogonal().get_config(), Is.EqualTo(new Dictionary<string, object?> { ["seed"] = null, ["gain"] = 1.0 }));
        Assert.That(new Constant(3).get_config(), Is.EqualTo(new Dictionary<string, object?> { ["value"] = 3.0 }));
    }

    [TestCase("glorot_uniform", typeof(GlorotUniform))]
    [TestCase("GlorotUniform", typeof(GlorotUniform))]
    [TestCase("glorot_normal", typeof(GlorotNormal))]
    [TestCase("he_uniform", typeof(HeUniform))]
    [TestCase("HeNormal", typeof(HeNormal))]
    [TestCase("lecun_uniform", typeof(LecunUniform))]
    [TestCase("lecun_normal", typeof(LecunNormal))]
    [TestCase("variance_scaling", typeof(VarianceScaling))]
    [TestCase("zeros", typeof(Zeros))]
    [TestCase("zero", typeof(Zeros))]
    [TestCase("Ones", typeof(Ones))]
    [TestCase("one", typeof(Ones))]
    [TestCase("constant", typeof(Constant))]
    [TestCase("random_normal", typeof(RandomNormal))]
    [TestCase("normal", typeof(RandomNormal))]
    [TestCase("uniform", typeof(RandomUniform))]
    [TestCase("truncated_normal", typeof(TruncatedNormal))]
    [TestCase("orthogonal", typeof(Orthogonal))]
    [TestCase("OrthogonalInitializer", typeof(Orthogonal))]
    [TestCase("identity", typeof(Identity))]
    public void Get_resolves_kerass_names(string name, Type type) =>
        Assert.That(keras.initializers.get(name), Is.TypeOf(type));

    [Test]
    public void Get_of_null_is_null_and_unknown_names_are_refused()
    {
        Assert.That(keras.initializers.get(null), Is.Null);
        var ex = Assert.Throws<ArgumentException>(() => keras.initializers.get("Glorot_Uniform"))!;
        Assert.That(ex.Message, Does.Contain("Could not interpret initializer identifier: Glorot_Uniform"));
        Assert.That(ex.Message, Does.Contain("glorot_uniform"));
    }

    [Test]
    public void Bad_variance_scaling_arguments_are_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => new VarianceScaling(scale: 0))!;
        Assert.That(ex.Message, Does.StartWith("Argument `scale` must be positive float. Received: scale=0.0"));
        ex = Assert.Throws<ArgumentException>(() => new VarianceScaling(mode: "fan"))!;
        Assert.That(ex.Message, Does.StartWith("Invalid `mode` argument: fan. Please use one of {'fan_in', 'fan_out', 'fan_avg'}"));
        ex = Assert.Throws<ArgumentException>(() => new VarianceScaling(distribution: "cauchy"))!;
        Assert.That(ex.Message, Does.StartWith("Invalid `distribution` argument: cauchy."));
        Assert.That(ex.ParamName, Is.EqualTo("distribution"));
    }
}
