using KerasPort.Backend;
using KerasPort.Utils;

namespace KerasPort.Tests.Backend;

/// <summary>SeedGenerator: the assertions of Keras's seed_generator_test.py that translate, and its state rules.</summary>
[NonParallelizable]
public class SeedGeneratorTests
{
    [Test]
    public void Initialization_keeps_the_seed_and_counter_zero()
    {
        Assert.That(new SeedGenerator().state, Has.Length.EqualTo(2));
        Assert.That(new SeedGenerator(seed: 12345).state, Is.EqualTo(new[] { 12345, 0 }));
        Assert.That(() => new SeedGenerator(seed: 1L << 31), Throws.ArgumentException.With.Message.Contains("seed"));
    }

    [Test]
    public void Next_returns_the_state_then_advances_the_counter()
    {
        var gen = new SeedGenerator(seed: 42);
        var seed1 = gen.next();
        var seed2 = gen.next();
        Assert.That(seed1, Is.EqualTo(new[] { 42, 0 }));
        Assert.That(seed2, Is.EqualTo(new[] { 42, 1 }));
        Assert.That(gen.state, Is.EqualTo(new[] { 42, 2 }));
    }

    [Test]
    public void Unordered_next_scrambles_in_int32_as_keras_on_torch()
    {
        // Recorded: Keras's global generator after set_random_seed(42) starts at [686579304, 0]
        // and moves to [365660, 5387], [765917, 95987], [875188, 95110].
        var gen = new SeedGenerator(686579304);
        Assert.That(gen.next(ordered: false), Is.EqualTo(new[] { 686579304, 0 }));
        Assert.That(gen.state, Is.EqualTo(new[] { 365660, 5387 }));
        gen.next(ordered: false);
        Assert.That(gen.state, Is.EqualTo(new[] { 765917, 95987 }));
        gen.next(ordered: false);
        Assert.That(gen.state, Is.EqualTo(new[] { 875188, 95110 }));
    }

    [Test]
    public void Global_seed_generator_is_one_object_until_set_random_seed()
    {
        var gen1 = SeedGenerator.global_seed_generator();
        Assert.That(SeedGenerator.global_seed_generator(), Is.SameAs(gen1));
        keras.utils.set_random_seed(42);
        var gen2 = SeedGenerator.global_seed_generator();
        Assert.That(gen2, Is.Not.SameAs(gen1));
        Assert.That(gen2.state, Is.EqualTo(new[] { 686579304, 0 }), "seeded from Python's random after set_random_seed(42)");
    }

    [Test]
    public void Clear_session_forgets_the_global_seed_generator()
    {
        var before = SeedGenerator.global_seed_generator();
        keras.backend.clear_session();
        Assert.That(SeedGenerator.global_seed_generator(), Is.Not.SameAs(before));
    }

    [Test]
    public void Make_default_seed_draws_randint_from_python_random()
    {
        PythonRandom.Global.seed(42);
        long seed1 = SeedGenerator.make_default_seed();
        long seed2 = SeedGenerator.make_default_seed();
        Assert.That(seed1, Is.Not.EqualTo(seed2));
        var expected = new PythonRandom(42);
        Assert.That(new[] { seed1, seed2 }, Is.EqualTo(new[] { expected.randint(1, 1_000_000_000), expected.randint(1, 1_000_000_000) }));
    }

    [Test]
    public void Config_round_trips()
    {
        var gen = new SeedGenerator(seed: 42, name: "sg");
        var config = gen.get_config();
        Assert.That(config["seed"], Is.EqualTo(42L));
        Assert.That(config["name"], Is.EqualTo("sg"));
        var copy = SeedGenerator.from_config(config);
        Assert.That(copy.get_config(), Is.EqualTo(config));
        Assert.That(copy.state, Is.EqualTo(gen.state));
        Assert.That(new SeedGenerator().get_config()["seed"], Is.Null);
        Assert.That(() => SeedGenerator.from_config(new Dictionary<string, object?> { ["invalid_arg"] = 1 }),
            Throws.ArgumentException.With.Message.Contains("Unrecognized keyword arguments"));
    }

    [Test]
    public void Automatic_names_are_unique()
    {
        var a = new SeedGenerator(1);
        var b = new SeedGenerator(1);
        Assert.That(a.name, Does.StartWith("seed_generator"));
        Assert.That(b.name, Is.Not.EqualTo(a.name));
    }
}
