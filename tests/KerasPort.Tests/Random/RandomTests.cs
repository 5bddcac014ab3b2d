using KerasPort.Backend;
using KerasPort.Random;
using KerasPort.Tests.TestSupport;
using TorchSharp;
using static KerasPort.Tests.TestSupport.RecordedTensor;

namespace KerasPort.Tests.Random;

/// <summary>
/// keras.random against Keras 3.15.1 on torch: tests/fixtures/seeded/keras_random.json
/// ("random"), recorded by tools/record_keras_random.py. The calls replay in Keras's order after
/// set_random_seed(42), so the global SeedGenerator and Python's stream line up; values compare
/// exactly (the same libtorch kernels on the same seeds). Then the assertions of Keras's
/// random_test.py that translate.
/// </summary>
[NonParallelizable]
public class RandomTests
{
    [Test]
    public void Replays_keras_random_draw_for_draw()
    {
        keras.utils.set_random_seed(42);
        Assert.That(new[] { SeedGenerator.make_default_seed(), SeedGenerator.make_default_seed() },
            Is.EqualTo(KerasRandom("random", "default_seeds").AsArray().Select(v => (long)v!)));
        var unseeded = new SeedGenerator();
        Assert.That(unseeded.state, Is.EqualTo(KerasRandom("random", "unseeded_generator_state").AsArray().Select(v => (int)v!)));
        AssertMatches(keras.random.uniform([3, 4], seed: 7), KerasRandom("random", "uniform_seed7"));
        AssertMatches(keras.random.uniform([3, 4], minval: -2.0, maxval: 5.0, seed: 7), KerasRandom("random", "uniform_seed7_range"));
        AssertMatches(keras.random.normal([3, 4], mean: 1.0, stddev: 2.0, seed: 7), KerasRandom("random", "normal_seed7"));
        var gen = new SeedGenerator(1337);
        AssertMatches(keras.random.uniform([5], seed: gen), KerasRandom("random", "generator_1337", "0"), what: "first draw");
        AssertMatches(keras.random.uniform([5], seed: gen), KerasRandom("random", "generator_1337", "1"), what: "second draw");
        Assert.That(gen.state, Is.EqualTo(new[] { 1337, 2 }));
        for (int i = 0; i < 3; i++)
            AssertMatches(keras.random.uniform([5]), KerasRandom("random", "global", i.ToString()), what: $"global draw {i}");
        Assert.That(SeedGenerator.global_seed_generator().state, Is.EqualTo(KerasRandom("random", "global_state").AsArray().Select(v => (int)v!)));
        AssertMatches(keras.random.truncated_normal([4, 5], mean: 0.5, stddev: 2.0, seed: 3), KerasRandom("random", "truncated_normal_seed3"));
        AssertMatches(keras.random.randint([10], 0, 100, seed: 5), KerasRandom("random", "randint_seed5"));
        using var logits = torch.tensor(new float[,] { { 1, 2, 3 }, { 0, 0, 5 } });
        AssertMatches(keras.random.categorical(logits, 6, seed: 9), KerasRandom("random", "categorical_seed9"));
        using var ones = torch.ones(2, 8);
        AssertMatches(keras.random.dropout(ones, 0.5, seed: 11), KerasRandom("random", "dropout_seed11"));
        AssertMatches(keras.random.dropout(ones, 0.5, noise_shape: [1, null], seed: 11), KerasRandom("random", "dropout_noise_shape_seed11"));
        using var x = torch.arange(12, dtype: torch.float32).reshape(4, 3);
        AssertMatches(keras.random.shuffle(x, axis: 0, seed: 4), KerasRandom("random", "shuffle_axis0_seed4"));
        AssertMatches(keras.random.shuffle(x, axis: 1, seed: 4), KerasRandom("random", "shuffle_axis1_seed4"));
        AssertMatches(keras.random.gamma([6], 2.0, seed: 1), KerasRandom("random", "gamma_seed1"), 1e-6);
        AssertMatches(keras.random.binomial([6], 10.0, 0.3, seed: 1), KerasRandom("random", "binomial_seed1"));
        AssertMatches(keras.random.beta([6], 2.0, 3.0, seed: 1), KerasRandom("random", "beta_seed1"), 1e-6);
        AssertMatches(keras.random.uniform([3], seed: (1L << 32) + 5), KerasRandom("random", "uniform_seed_2_32_plus_5"));
        AssertMatches(keras.random.uniform([3], seed: (1L << 31) + 1), KerasRandom("random", "uniform_seed_2_31_plus_1"));
        AssertMatches(keras.random.uniform([], seed: 7), KerasRandom("random", "uniform_scalar_seed7"));
        // No seeded draw touched torch's global generator.
        AssertMatches(torch.rand(3), KerasRandom("random", "torch_rand_after"));
    }

    [Test]
    public void Unseeded_dropout_uses_torch_global_generator_as_keras_does()
    {
        keras.utils.set_random_seed(42);
        AssertMatches(keras.random.dropout(torch.ones(4, 6), 0.3), KerasRandom("random", "dropout_fast_path"));
        // An unseeded SeedGenerator also takes the fast path (its draw still comes from Python's random).
        AssertMatches(keras.random.dropout(torch.ones(4, 6), 0.3, seed: new SeedGenerator()), KerasRandom("random", "dropout_unseeded_generator"));
    }

    [Test]
    public void Int64_draws_of_torch_data_loader_match_torch_1_13()
    {
        torch.manual_seed(42);
        var seeds = Enumerable.Range(0, 3).Select(_ => KerasPort.Models.TorchDataLoader.draw_int64_seed()).ToArray();
        Assert.That(seeds.Select(s => s.ToString()), Is.EqualTo(KerasRandom("random", "int64_draws").AsArray().Select(v => (string)v!)));
        using var generator = new torch.Generator((ulong)seeds[2]);
        Assert.That(torch.randperm(10, generator: generator).data<long>().ToArray(), Is.EqualTo(KerasRandom("random", "randperm_10").AsArray().Select(v => (long)v!)));
    }

    // random_test.py, what translates.
    [Test]
    public void Shapes_ranges_and_statistics()
    {
        var n = keras.random.normal([1000, 100], mean: 2.0, stddev: 0.5, seed: 1337);
        Assert.That(n.shape, Is.EqualTo(new long[] { 1000, 100 }));
        Assert.That(n.mean().item<float>(), Is.EqualTo(2.0).Within(0.02));
        Assert.That(n.std().item<float>(), Is.EqualTo(0.5).Within(0.02));
        var u = keras.random.uniform([1000, 100], minval: -1.0, maxval: 3.0, seed: 1337);
        Assert.That(u.min().item<float>(), Is.GreaterThanOrEqualTo(-1.0f));
        Assert.That(u.max().item<float>(), Is.LessThan(3.0f));
        var i = keras.random.randint([100], 2, 7, seed: 1337);
        Assert.That(i.dtype, Is.EqualTo(torch.ScalarType.Int32));
        Assert.That(i.min().item<int>(), Is.GreaterThanOrEqualTo(2));
        Assert.That(i.max().item<int>(), Is.LessThan(7));
        var t = keras.random.truncated_normal([1000, 10], mean: 0.0, stddev: 1.0, seed: 1337);
        Assert.That(t.abs().max().item<float>(), Is.LessThan(2.0f + 1e-6f));
    }

    [Test]
    public void Dropout_keeps_scaled_values_or_zeros()
    {
        using var x = torch.ones(100, 100);
        var y = keras.random.dropout(x, 0.5, seed: 0);
        var values = y.flatten().data<float>().ToArray();
        Assert.That(values.All(v => v == 0f || v == 2f), Is.True);
        Assert.That(values.Count(v => v == 0f), Is.InRange(4500, 5500));
        Assert.That(keras.random.dropout(x, 1.0).sum().item<float>(), Is.EqualTo(0f));
        Assert.That(keras.random.dropout(x, 0.0).equal(x).all().item<bool>(), Is.True);
        var broadcast = keras.random.dropout(torch.ones(2, 3, 4), 0.5, noise_shape: [2, 1, 1], seed: 2);
        Assert.That(broadcast.amax([1, 2]).equal(broadcast.amin([1, 2])).all().item<bool>(), Is.True, "one mask value per sample");
    }

    [Test]
    public void Integer_seeds_repeat_and_generators_advance()
    {
        Assert.That(keras.random.normal([5], seed: 3).equal(keras.random.normal([5], seed: 3)).all().item<bool>(), Is.True);
        var gen = new SeedGenerator(3);
        var a = keras.random.normal([5], seed: gen);
        var b = keras.random.normal([5], seed: gen);
        Assert.That(a.equal(b).all().item<bool>(), Is.False);
        Assert.That(a.equal(keras.random.normal([5], seed: 3)).all().item<bool>(), Is.True, "counter 0 draws as the integer seed");
    }

    [Test]
    public void Shuffle_permutes_along_the_axis()
    {
        using var x = torch.arange(100, dtype: torch.float32).reshape(10, 10);
        var rows = keras.random.shuffle(x, axis: 0, seed: 5);
        Assert.That(rows.sort(0).Values.equal(x).all().item<bool>(), Is.True);
        Assert.That(rows.equal(x).all().item<bool>(), Is.False);
        var cols = keras.random.shuffle(x, axis: 1, seed: 5);
        Assert.That(cols.sort(1).Values.equal(x).all().item<bool>(), Is.True);
    }

    [Test]
    public void Gamma_binomial_beta_shapes_and_ranges()
    {
        var g = keras.random.gamma([1000], 2.0, seed: 1);
        Assert.That(g.min().item<float>(), Is.GreaterThan(0f));
        Assert.That(g.mean().item<float>(), Is.EqualTo(2.0).Within(0.2));
        var b = keras.random.binomial([1000], 5.0, 0.5, seed: 1);
        Assert.That(b.max().item<float>(), Is.LessThanOrEqualTo(5f));
        Assert.That(b.mean().item<float>(), Is.EqualTo(2.5).Within(0.2));
        var be = keras.random.beta([1000], 2.0, 2.0, seed: 1);
        Assert.That(be.min().item<float>(), Is.GreaterThanOrEqualTo(0f));
        Assert.That(be.max().item<float>(), Is.LessThanOrEqualTo(1f));
        Assert.That(be.mean().item<float>(), Is.EqualTo(0.5).Within(0.05));
    }

    [Test]
    public void Bad_arguments_raise_keras_messages()
    {
        Assert.That(() => keras.random.uniform([2], dtype: torch.ScalarType.Int32), Throws.ArgumentException.With.Message.Contains("`keras.random.uniform` requires a floating point `dtype`"));
        Assert.That(() => keras.random.randint([2], 0, 5, dtype: torch.ScalarType.Float32), Throws.ArgumentException.With.Message.Contains("`keras.random.randint` requires an integer `dtype`"));
        Assert.That(() => keras.random.categorical(torch.ones(3), 2), Throws.ArgumentException.With.Message.Contains("`logits` should be a 2-D tensor"));
    }

    [Test]
    public void Generators_for_one_draw_follow_keras_seeding()
    {
        Assert.That(TorchSeeds.draw_seed(12345), Is.EqualTo((12345L, 0L)));
        Assert.That(TorchSeeds.draw_seed((1L << 31) + 1).first, Is.EqualTo(int.MinValue + 1), "read as int32");
        var gen = new SeedGenerator(10);
        using var g = TorchSeeds.torch_seed_generator(gen);
        using var h = new torch.Generator(10);
        Assert.That(torch.rand(4, generator: g).equal(torch.rand(4, generator: h)).all().item<bool>(), Is.True);
        Assert.That(gen.state, Is.EqualTo(new[] { 10, 1 }));
    }

    [Test]
    public void RandomSeed_from_maps_an_integer_to_a_seed_and_null_to_the_global_stream()
    {
        Assert.That(RandomSeed.from(7)?.value, Is.EqualTo(7L));
        Assert.That(RandomSeed.from(null), Is.Null, "null must not go through the SeedGenerator conversion, which throws");
    }
}
