using System.Numerics;
using System.Text.Json.Nodes;
using KerasPort.Utils;

namespace KerasPort.Tests.Utils;

/// <summary>
/// PythonRandom against CPython 3.11's random.Random: tests/fixtures/seeded/python_random.json,
/// recorded by tools/record_python_random.py, replays one script of calls per seed (0, 1, 42,
/// 2**32 - 1, 2**40 + 3, and the module-level stream after random.seed(-42)). Exact comparisons.
/// </summary>
public class PythonRandomTests
{
    public static IEnumerable<TestCaseData> Seeds() =>
        KerasFixtures.Load("seeded", "python_random.json")["cases"]!.AsArray()
            .Select(c => new TestCaseData((string)c!["seed"]!).SetName("python_random_seed_" + (string)c["seed"]!));

    [TestCaseSource(nameof(Seeds))]
    public void Replays_the_recorded_stream(string seed)
    {
        var calls = KerasFixtures.Load("seeded", "python_random.json")["cases"]!.AsArray()
            .Single(c => (string)c!["seed"]! == seed)!["calls"]!.AsArray();
        var r = new PythonRandom(BigInteger.Parse(seed));
        int index = 0;
        foreach (var call in calls)
        {
            string op = (string)call![0]!;
            var args = call[1]!.AsArray().Select(a => (long)(double)a!).ToArray();
            var want = call[2]!;
            string what = $"seed {seed}, call {index++} ({op})";
            switch (op)
            {
                case "random":
                    foreach (var w in want.AsArray()) Assert.That(r.random(), Is.EqualTo((double)w!), what);
                    break;
                case "getrandbits":
                    Assert.That(r.getrandbits((int)args[0]), Is.EqualTo(BigInteger.Parse((string)want!)), what);
                    break;
                case "randint":
                    foreach (var w in want.AsArray()) Assert.That(r.randint(args[0], args[1]), Is.EqualTo((long)w!), what);
                    break;
                case "randrange":
                    foreach (var w in want.AsArray())
                        Assert.That(args.Length == 1 ? r.randrange(args[0]) : r.randrange(args[0], args[1], args[2]), Is.EqualTo((long)w!), what);
                    break;
                case "uniform":
                    foreach (var w in want.AsArray()) Assert.That(r.uniform(-2.0, 3.0), Is.EqualTo((double)w!), what);
                    break;
                case "choice":
                    var items = Enumerable.Range(0, (int)args[0]).ToArray();
                    foreach (var w in want.AsArray()) Assert.That(r.choice(items), Is.EqualTo((int)w!), what);
                    break;
                case "shuffle":
                    var x = Enumerable.Range(0, (int)args[0]).ToList();
                    r.shuffle(x);
                    Assert.That(x, Is.EqualTo(ints(want)), what);
                    break;
                case "sample":
                    Assert.That(r.sample(Enumerable.Range(0, (int)args[0]).ToArray(), (int)args[1]), Is.EqualTo(ints(want)), what);
                    break;
                default:
                    Assert.Fail($"unknown op {op}");
                    break;
            }
        }
    }

    private static int[] ints(JsonNode node) => node.AsArray().Select(n => (int)n!).ToArray();

    [Test]
    public void The_same_seed_gives_the_same_stream_and_reseeding_restarts_it()
    {
        var a = new PythonRandom(7);
        var first = Enumerable.Range(0, 5).Select(_ => a.random()).ToArray();
        a.seed(7);
        Assert.That(Enumerable.Range(0, 5).Select(_ => a.random()), Is.EqualTo(first));
        Assert.That(new PythonRandom(-7).random(), Is.EqualTo(first[0]), "Python seeds with abs(seed)");
    }

    [Test]
    public void Getstate_and_setstate_restore_the_stream()
    {
        var r = new PythonRandom(3);
        r.random();
        var state = r.getstate();
        var next = r.randint(0, 100);
        r.setstate(state);
        Assert.That(r.randint(0, 100), Is.EqualTo(next));
    }

    [Test]
    public void Unseeded_generators_differ()
    {
        Assert.That(new PythonRandom().getrandbits(64), Is.Not.EqualTo(new PythonRandom().getrandbits(64)));
    }

    [Test]
    public void Bad_arguments_raise_as_python_does()
    {
        var r = new PythonRandom(0);
        Assert.That(() => r.randrange(0), Throws.ArgumentException.With.Message.Contains("empty range for randrange()"));
        Assert.That(() => r.randrange(5, 5), Throws.ArgumentException.With.Message.Contains("empty range for randrange (5, 5, 1)"));
        Assert.That(() => r.randrange(0, 10, 0), Throws.ArgumentException.With.Message.Contains("zero step for randrange()"));
        Assert.That(() => r.randint(3, 2), Throws.ArgumentException.With.Message.Contains("empty range"));
        Assert.That(() => r.choice(Array.Empty<int>()), Throws.ArgumentException.With.Message.Contains("Cannot choose from an empty sequence"));
        Assert.That(() => r.sample(new[] { 1, 2 }, 3), Throws.ArgumentException.With.Message.Contains("Sample larger than population or is negative"));
        Assert.That(() => r.getrandbits(-1), Throws.ArgumentException.With.Message.Contains("number of bits must be non-negative"));
    }
}
