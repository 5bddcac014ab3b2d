using System.IO.Compression;
using System.Text.Json;
using KerasPort.Utils;

namespace KerasPort.Tests.Utils;

/// <summary>
/// RandomState against numpy 1.24's legacy RandomState: the recorded nprand_* cases of the image
/// reference set, and extra sequences from tools/record_nprand_extra.py. All comparisons are exact.
/// </summary>
public class RandomStateTests
{
    public static IEnumerable<TestCaseData> NumpyRandomCases()
    {
        using var index = JsonDocument.Parse(File.ReadAllText(KerasFixtures.path("image", "index.json")));
        foreach (var c in index.RootElement.GetProperty("cases").EnumerateArray())
            if (c.GetProperty("kind").GetString() == "numpy_random")
                yield return new TestCaseData(c.GetProperty("name").GetString()).SetName("nprand_" + c.GetProperty("name").GetString());
    }

    [TestCaseSource(nameof(NumpyRandomCases))]
    public void Matches_recorded_numpy_case(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(KerasFixtures.path("image", name, "case.json")));
        var root = doc.RootElement;
        var ops = root.GetProperty("ops").EnumerateArray().ToArray();
        int seedIndex = 0;
        foreach (var expected in root.GetProperty("expected").EnumerateArray())
        {
            long seed = expected.GetProperty("seed").GetInt64();
            var rs = new RandomState(seed);
            var (key, pos) = rs.get_state();
            Assert.That(pos, Is.EqualTo(expected.GetProperty("state_pos").GetInt32()));
            Assert.That(key, Is.EqualTo(ReadUInt32Array(KerasFixtures.path("image", name, "data.npz"), $"state_key_seed{seedIndex}")), $"key after seed {seed}");
            var results = expected.GetProperty("results").EnumerateArray().ToArray();
            for (int i = 0; i < ops.Length; i++)
            {
                var op = ops[i];
                var want = results[i];
                string what = $"seed {seed}, op {i} ({op.GetProperty("op").GetString()})";
                switch (op.GetProperty("op").GetString())
                {
                    case "raw_uint32":
                        Assert.That(rs.next_uint32(), Is.EqualTo(want.GetProperty("value").GetUInt32()), what);
                        break;
                    case "random_sample":
                        Assert.That(rs.random_sample(), Is.EqualTo(want.GetProperty("value").GetDouble()), what);
                        break;
                    case "random":
                        Assert.That(rs.random(), Is.EqualTo(want.GetProperty("value").GetDouble()), what);
                        break;
                    case "uniform":
                        Assert.That(rs.uniform(op.GetProperty("low").GetDouble(), op.GetProperty("high").GetDouble()),
                            Is.EqualTo(want.GetProperty("value").GetDouble()), what);
                        break;
                    case "uniform_size":
                        Assert.That(rs.uniform(op.GetProperty("low").GetDouble(), op.GetProperty("high").GetDouble(), op.GetProperty("size").GetInt32()),
                            Is.EqualTo(want.GetProperty("value").EnumerateArray().Select(v => v.GetDouble()).ToArray()), what);
                        break;
                    case "randint":
                        Assert.That(rs.randint(op.GetProperty("low").GetInt64(), op.GetProperty("high").GetInt64()),
                            Is.EqualTo(want.GetProperty("value").GetInt64()), what);
                        break;
                    case "choice_int":
                        Assert.That(rs.choice(op.GetProperty("a").GetInt64()), Is.EqualTo(want.GetProperty("value").GetInt64()), what);
                        break;
                    case "choice_list":
                        var list = op.GetProperty("a").EnumerateArray().Select(v => v.GetDouble()).ToArray();
                        Assert.That(rs.choice(list), Is.EqualTo(want.GetProperty("value").GetDouble()), what);
                        break;
                    case "permutation":
                        Assert.That(rs.permutation(op.GetProperty("n").GetInt32()),
                            Is.EqualTo(want.GetProperty("value").EnumerateArray().Select(v => v.GetInt32()).ToArray()), what);
                        break;
                    default:
                        Assert.Fail($"unknown op in fixture: {what}");
                        break;
                }
                Assert.That(rs.get_state().pos, Is.EqualTo(want.GetProperty("pos_after").GetInt32()), "position after " + what);
            }
            seedIndex++;
        }
    }

    public static IEnumerable<TestCaseData> ExtraCases()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(KerasFixtures.path("random", "nprand_extra.json")));
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
            yield return new TestCaseData(c.GetProperty("seed").GetInt64()).SetName($"nprand_extra_seed{c.GetProperty("seed").GetInt64()}");
    }

    [TestCaseSource(nameof(ExtraCases))]
    public void Matches_extra_numpy_sequences(long seed)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(KerasFixtures.path("random", "nprand_extra.json")));
        var c = doc.RootElement.GetProperty("cases").EnumerateArray().Single(e => e.GetProperty("seed").GetInt64() == seed);
        var want = c.GetProperty("results").EnumerateArray().ToDictionary(
            r => r.GetProperty("op").GetString()!, r => r.GetProperty("value").EnumerateArray().ToArray());
        var rs = new RandomState(seed);
        // The order of the ops below is the order of the recording script.
        Assert.That(Enumerable.Range(0, 700).Select(_ => (long)rs.next_uint32()), Is.EqualTo(want["uint32_x700"].Select(v => v.GetInt64())));
        Assert.That(Enumerable.Range(0, 5).Select(_ => rs.randint(-5, (1L << 40) + 3)), Is.EqualTo(want["randint_big"].Select(v => v.GetInt64())));
        Assert.That(Enumerable.Range(0, 3).Select(_ => rs.randint(0, 1L << 32)), Is.EqualTo(want["randint_full32"].Select(v => v.GetInt64())));
        Assert.That(Enumerable.Range(0, 5).Select(_ => rs.randint(17)), Is.EqualTo(want["randint_one_arg"].Select(v => v.GetInt64())));
        Assert.That(Enumerable.Range(0, 3).Select(_ => rs.randint(5, 6)), Is.EqualTo(want["randint_single_value"].Select(v => v.GetInt64())));
        Assert.That(Enumerable.Range(0, 5).Select(_ => rs.standard_normal()), Is.EqualTo(want["standard_normal"].Select(v => v.GetDouble())));
        Assert.That(Enumerable.Range(0, 3).Select(_ => rs.normal(2.0, 3.0)), Is.EqualTo(want["normal"].Select(v => v.GetDouble())));
        Assert.That(Enumerable.Range(0, 3).Select(_ => rs.uniform()), Is.EqualTo(want["uniform_default"].Select(v => v.GetDouble())));
        var list = Enumerable.Range(0, 20).ToArray();
        rs.shuffle(list);
        Assert.That(list, Is.EqualTo(want["shuffle_list20"].Select(v => v.GetInt32())));
        Assert.That(rs.permutation(1000).Take(50), Is.EqualTo(want["permutation_1000_head"].Select(v => v.GetInt32())));
        Assert.That((long)rs.next_uint32(), Is.EqualTo(want["after_uint32"][0].GetInt64()));
    }

    [Test]
    public void Reseeding_repeats_the_stream_and_drops_the_cached_normal()
    {
        var rs = new RandomState(3);
        double first = rs.standard_normal();
        rs.seed(3);
        Assert.That(rs.standard_normal(), Is.EqualTo(first));
        rs.standard_normal(); // leaves no cache: pairs are drawn two at a time
        rs.standard_normal();
        rs.seed(3);
        Assert.That(rs.standard_normal(), Is.EqualTo(first));
    }

    [TestCase(-1L)]
    [TestCase(4294967296L)]
    public void Rejects_seeds_outside_uint32(long seed)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new RandomState(seed));
        Assert.That(ex!.Message, Does.Contain("2**32 - 1"));
        Assert.Throws<ArgumentOutOfRangeException>(() => keras.utils.set_random_seed(seed));
    }

    [Test]
    public void Rejects_empty_ranges_and_lists()
    {
        var rs = new RandomState(0);
        Assert.Throws<ArgumentException>(() => rs.randint(5, 5));
        Assert.Throws<ArgumentException>(() => rs.randint(0));
        Assert.Throws<ArgumentException>(() => rs.choice(Array.Empty<int>()));
        Assert.Throws<ArgumentException>(() => rs.choice(0L));
    }

    [Test]
    public void Unseeded_generators_differ()
    {
        Assert.That(new RandomState().next_uint32() == new RandomState().next_uint32() &&
                    new RandomState().next_uint32() == new RandomState().next_uint32(), Is.False);
    }

    [Test]
    public void Set_random_seed_seeds_numpy_global_and_torch()
    {
        keras.utils.set_random_seed(42);
        double a = RandomState.Global.random_sample();
        float t = torch.rand(1).item<float>();
        keras.utils.set_random_seed(42);
        Assert.That(RandomState.Global.random_sample(), Is.EqualTo(a));
        Assert.That(torch.rand(1).item<float>(), Is.EqualTo(t));
        Assert.That(a, Is.EqualTo(new RandomState(42).random_sample()));
    }

    // Npy has no uint32; the key arrays are plain little-endian '<u4' .npy entries.
    private static uint[] ReadUInt32Array(string npzPath, string name)
    {
        using var zip = ZipFile.OpenRead(npzPath);
        using var stream = zip.GetEntry(name + ".npy")!.Open();
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        var bytes = memory.ToArray();
        int headerLength = BitConverter.ToUInt16(bytes, 8);
        string header = System.Text.Encoding.ASCII.GetString(bytes, 10, headerLength);
        Assert.That(header, Does.Contain("'<u4'"));
        return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(bytes.AsSpan(10 + headerLength)).ToArray();
    }
}
