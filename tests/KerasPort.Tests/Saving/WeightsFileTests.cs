using System.Security.Cryptography;
using System.Text.Json.Nodes;
using KerasPort.Backend;
using KerasPort.Saving;
using KerasPort.Utils;
using PureHDF;

namespace KerasPort.Tests.Saving;

/// <summary>
/// Keras 3's .weights.h5 files: the three files real Keras wrote (fixtures/files/article) are read
/// and compared with arrays.npz and h5_tree.json; files written by the port must have exactly
/// Keras's tree. (tools/h5_tree.py makes the same comparison with h5py, the library Keras uses.)
/// </summary>
public class WeightsFileTests : TempDirectoryTest
{
    private static readonly string[] KerasFiles = ["article.weights.h5", "article_compiled.weights.h5", "article_fit2.weights.h5"];

    private static string Article(string name) => KerasFixtures.path("files", "article", name);

    private static JsonArray TreeOf(string file) =>
        JsonNode.Parse(File.ReadAllText(Article("h5_tree.json")))!["files"]![file]!["entries"]!.AsArray();

    private static string NumpyDtype(Tensor t) => t.dtype switch
    {
        ScalarType.Float32 => "<f4", ScalarType.Float64 => "<f8", ScalarType.Float16 => "<f2", ScalarType.Int32 => "<i4",
        ScalarType.Int64 => "<i8", ScalarType.Int16 => "<i2", ScalarType.Int8 => "|i1", ScalarType.Byte => "|u1", var d => d.ToString(),
    };

    private static string Sha256(Tensor t)
    {
        var c = t.contiguous();
        var bytes = new byte[c.NumberOfElements * c.ElementSize];
        c.bytes.CopyTo(bytes);
        return Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
    }

    /// <summary>"/layers/dense/vars/1" → ("layers/dense", 1); "/vars/0" → ("", 0).</summary>
    private static (string path, int index) Locate(string datasetPath)
    {
        var parts = datasetPath.Trim('/').Split('/');
        return (string.Join('/', parts[..^2]), int.Parse(parts[^1]));
    }

    [TestCaseSource(nameof(KerasFiles))]
    public void Reads_the_files_Keras_wrote(string file)
    {
        var entries = WeightsFile.read(Article(file)).ToDictionary(e => e.path);
        var npz = Npy.load_npz(Article("arrays.npz"));
        var tree = TreeOf(file);

        var varsGroups = tree.Where(e => ((string)e!["path"]!).EndsWith("/vars")).ToList();
        Assert.That(entries.Keys, Is.EquivalentTo(varsGroups.Select(e => ((string)e!["path"]!)[..^"/vars".Length].Trim('/'))));
        foreach (var g in varsGroups)
        {
            string path = ((string)g!["path"]!)[..^"/vars".Length].Trim('/');
            Assert.That(entries[path].name, Is.EqualTo((string)g["attrs"]!["name"]!["value"]!), path);
            Assert.That(entries[path].variables, Has.Length.EqualTo(g["members"]!.AsArray().Count), path);
        }

        int checkedValues = 0;
        foreach (var d in tree.Where(e => (string)e!["kind"]! == "dataset"))
        {
            var (path, index) = Locate((string)d!["path"]!);
            var t = entries[path].variables[index];
            Assert.That(t.shape, Is.EqualTo(d["shape"]!.AsArray().Select(n => (long)n!).ToArray()), (string)d["path"]!);
            Assert.That(NumpyDtype(t), Is.EqualTo((string)d["dtype"]!), (string)d["path"]!);
            Assert.That(Sha256(t), Is.EqualTo((string)d["sha256_of_c_order_bytes"]!), (string)d["path"]!);
            if (d["npz_key"] is { } key)
            {
                Assert.That(t.eq(npz[(string)key!]).all().item<bool>(), Is.True, $"{d["path"]} == arrays.npz[{key}]");
                checkedValues++;
            }
            if (d["value"] is { } value)
            {
                Assert.That(t.to_type(ScalarType.Float64).item<double>(), Is.EqualTo((double)value), (string)d["path"]!);
                checkedValues++;
            }
        }
        Assert.That(checkedValues, Is.EqualTo(tree.Count(e => (string)e!["kind"]! == "dataset")), "every dataset's values checked");
    }

    [TestCaseSource(nameof(KerasFiles))]
    public void Writes_exactly_the_tree_Keras_writes(string file)
    {
        var keras = WeightsFile.read(Article(file));
        string written = Path.Combine(dir, file);
        WeightsFile.write(written, keras.Select(e => (e.path, e.name!, e.variables)).ToList());
        AssertSameTree(written, file);
    }

    /// <summary>The HDF5 tree of <paramref name="written"/> (groups, attributes, datasets, dtypes, layouts, values) is h5_tree.json's for <paramref name="file"/>.</summary>
    internal static void AssertSameTree(string written, string file)
    {
        var expected = TreeOf(file);
        var actual = new List<JsonObject>();
        using (var h5 = H5File.OpenRead(written)) Dump(h5, "/", actual);
        Assert.That(actual.Select(e => (string)e["path"]!), Is.EqualTo(expected.Select(e => (string)e!["path"]!)));
        for (int i = 0; i < actual.Count; i++)
        {
            var e = expected[i]!;
            var a = actual[i];
            string where = (string)e["path"]!;
            Assert.That((string)a["kind"]!, Is.EqualTo((string)e["kind"]!), where);
            Assert.That(a["attrs"]!.ToJsonString(), Is.EqualTo(AttrsAsPureHdfSeesThem(e["attrs"]!.AsObject())), where);
            if ((string)e["kind"]! == "group")
                Assert.That(a["members"]!.ToJsonString(), Is.EqualTo(e["members"]!.ToJsonString()), where);
            else
                foreach (var key in new[] { "shape", "dtype", "layout", "chunks", "compression", "sha256_of_c_order_bytes" })
                    Assert.That(a[key]?.ToJsonString(), Is.EqualTo(e[key]?.ToJsonString()), $"{where} {key}");
        }
    }

    // PureHDF does not expose a string's charset; tools/h5_tree.py checks it (UTF-8) with h5py.
    private static string AttrsAsPureHdfSeesThem(JsonObject attrs) => new JsonObject(attrs.Select(kv =>
        KeyValuePair.Create(kv.Key, (JsonNode?)new JsonObject
        {
            ["shape"] = kv.Value!["shape"]!.DeepClone(),
            ["value"] = kv.Value["value"]!.DeepClone(),
            ["variable_length_string"] = (string?)kv.Value["hdf5_type"] == "string" && (bool)kv.Value["variable_length"]!,
        }))).ToJsonString();

    private static void Dump(IH5Group group, string path, List<JsonObject> output)
    {
        var members = group.Children().Select(c => c.Name).OrderBy(n => n, StringComparer.Ordinal).ToList();
        output.Add(new JsonObject
        {
            ["path"] = path, ["kind"] = "group", ["attrs"] = Attrs(group),
            ["members"] = new JsonArray(members.Select(m => (JsonNode)m).ToArray()),
        });
        foreach (var name in members)
        {
            string child = path == "/" ? "/" + name : path + "/" + name;
            var obj = group.Get(name);
            if (obj is IH5Group sub) { Dump(sub, child, output); continue; }
            var d = (IH5Dataset)obj;
            var t = WeightsFile.read_dataset(d, child);
            output.Add(new JsonObject
            {
                ["path"] = child, ["kind"] = "dataset", ["attrs"] = Attrs(d),
                ["shape"] = new JsonArray(t.shape.Select(s => (JsonNode)s).ToArray()),
                ["dtype"] = NumpyDtype(t),
                ["layout"] = d.Layout.Class switch { H5DataLayoutClass.Contiguous => "contiguous", H5DataLayoutClass.Compact => "compact", var c => c.ToString().ToLowerInvariant() },
                ["chunks"] = d.Layout.Class == H5DataLayoutClass.Chunked ? new JsonArray(d.Layout.Chunks.Select(c => (JsonNode)c).ToArray()) : null,
                ["compression"] = null, // PureHDF writes filters only on chunked datasets
                ["sha256_of_c_order_bytes"] = Sha256(t),
            });
        }
    }

    private static JsonObject Attrs(IH5Object obj) => new(obj.Attributes().Select(a =>
        KeyValuePair.Create(a.Name, (JsonNode?)new JsonObject
        {
            ["shape"] = new JsonArray(a.Space.Type == H5DataspaceType.Scalar ? [] : a.Space.Dimensions.Select(x => (JsonNode)x).ToArray()),
            ["value"] = a.Read<string>(),
            ["variable_length_string"] = a.Type.Class == H5DataTypeClass.VariableLength, // and read as a string above
        })));

    [Test]
    public void Round_trips_every_supported_dtype_and_scalars()
    {
        var variables = new[]
        {
            torch.randn(3, 4, 2), torch.randn(5, dtype: ScalarType.Float64), torch.tensor(new[] { 1.5f, -2f }).to_type(ScalarType.Float16),
            torch.tensor(7), torch.tensor(new long[] { 1, -2, long.MaxValue }), torch.tensor(new byte[] { 0, 255 }),
            torch.tensor(new sbyte[] { -128, 127 }), torch.tensor(new short[] { -3, 4 }), torch.tensor(0.001f),
        };
        string path = Path.Combine(dir, "all.weights.h5");
        WeightsFile.write(path, [("layers/x", "x", variables), ("", "model", [])]);
        var back = WeightsFile.read(path);
        Assert.That(back.Select(e => (e.path, e.name)), Is.EqualTo(new[] { ("layers/x", (string?)"x"), ("", "model") }));
        for (int i = 0; i < variables.Length; i++)
        {
            Assert.That(back[0].variables[i].dtype, Is.EqualTo(variables[i].dtype), $"variable {i}");
            Assert.That(back[0].variables[i].shape, Is.EqualTo(variables[i].shape), $"variable {i}");
            Assert.That(back[0].variables[i].eq(variables[i]).all().item<bool>(), Is.True, $"variable {i}");
        }
    }

    [Test]
    public void Keeps_Keras_order_of_more_than_ten_variables()
    {
        var variables = Enumerable.Range(0, 12).Select(i => torch.full(2, (float)i)).ToArray();
        string path = Path.Combine(dir, "many.weights.h5");
        WeightsFile.write(path, [("optimizer", "adam", variables)]);
        var back = WeightsFile.read(path).Single().variables;
        Assert.That(back.Select(t => t[0].item<float>()), Is.EqualTo(Enumerable.Range(0, 12).Select(i => (float)i)));
    }

    [Test]
    public void Names_layer_paths_from_class_names_as_Keras()
    {
        // Keras's naming.to_snake_case and saving_lib._get_unique_name, as in h5_tree.json.
        Assert.That(WeightsFile.container_paths("layers", ["Dense", "Dropout", "Dense", "Dropout", "Dense"]),
            Is.EqualTo(new[] { "layers/dense", "layers/dropout", "layers/dense_1", "layers/dropout_1", "layers/dense_2" }));
        Assert.That(WeightsFile.container_paths("layers", ["Conv2D", "MaxPooling2D", "BatchNormalization", "LSTM"]),
            Is.EqualTo(new[] { "layers/conv2d", "layers/max_pooling2d", "layers/batch_normalization", "layers/lstm" }));
        Assert.That(GlobalState.to_snake_case("RMSprop"), Is.EqualTo("rm_sprop"));
    }

    [Test]
    public void A_failed_write_leaves_the_previous_file_and_no_temporary_file()
    {
        string path = Path.Combine(dir, "good.weights.h5");
        WeightsFile.write(path, [("layers/dense", "dense", [torch.ones(2)])]);
        byte[] before = File.ReadAllBytes(path);

        Assert.Throws<ArgumentException>(() => WeightsFile.write(path, [("layers/dense", "dense", [torch.ones(2, dtype: ScalarType.ComplexFloat32)])]));
        Assert.Throws<InvalidOperationException>(() => WeightsFile.WriteAtomically(path, temp =>
        {
            temp.Write(new byte[10]); // half a file, then a crash
            throw new InvalidOperationException("crash");
        }));

        Assert.That(File.ReadAllBytes(path), Is.EqualTo(before));
        Assert.That(Directory.GetFiles(dir), Is.EqualTo(new[] { path }));
    }

    // Issue 11, item 10: a save killed mid-write leaves its temporary file; the next save of the
    // same target removes it, and nothing else (other names, a save still writing).
    [Test]
    public void The_next_save_removes_the_temporary_files_of_a_killed_save_and_nothing_else()
    {
        string path = Path.Combine(dir, "ckpt.weights.h5");
        string stale = Path.Combine(dir, $".ckpt.weights.h5.{Guid.NewGuid():N}.tmp");
        string other_target = Path.Combine(dir, $".other.weights.h5.{Guid.NewGuid():N}.tmp");
        string user_file = Path.Combine(dir, ".ckpt.weights.h5.mine.tmp");
        string in_progress = Path.Combine(dir, $".ckpt.weights.h5.{Guid.NewGuid():N}.tmp");
        foreach (var f in new[] { stale, other_target, user_file }) File.WriteAllBytes(f, new byte[10]);
        using (var writing = new FileStream(in_progress, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
        {
            WeightsFile.write(path, [("layers/dense", "dense", [torch.ones(2)])]);
            Assert.That(File.Exists(in_progress), Is.True, "another save still writing keeps its file");
        }
        Assert.That(File.Exists(stale), Is.False, "the killed save's temporary file is gone");
        Assert.That(File.Exists(other_target) && File.Exists(user_file), Is.True, "other names are left alone");
        Assert.That(WeightsFile.read(path).Single().variables[0].shape, Is.EqualTo(new long[] { 2 }));
    }

    [Test]
    public void Overwrites_an_existing_file_completely()
    {
        string path = Path.Combine(dir, "w.weights.h5");
        WeightsFile.write(path, [("layers/a", "a", [torch.ones(100, 100)])]);
        WeightsFile.write(path, [("layers/b", "b", [torch.zeros(2)])]);
        Assert.That(WeightsFile.read(path).Select(e => e.path), Is.EqualTo(new[] { "layers/b" }));
    }

    [Test]
    public void Refuses_bad_arguments_as_Keras()
    {
        var e = Assert.Throws<ArgumentException>(() => WeightsFile.write(Path.Combine(dir, "w.h5"), []));
        Assert.That(e!.Message, Does.StartWith("The filename must end in `.weights.h5`. Received: filepath="));
        Assert.Throws<ArgumentException>(() => WeightsFile.write(Path.Combine(dir, "d.weights.h5"), [("layers/a", "a", []), ("layers/a/", "a", [])]));

        string existing = Path.Combine(dir, "e.weights.h5");
        WeightsFile.write(existing, []);
        Assert.Throws<IOException>(() => WeightsFile.write(existing, [], overwrite: false));

        Directory.CreateDirectory(Path.Combine(dir, "dir.weights.h5"));
        Assert.Throws<IOException>(() => WeightsFile.write(Path.Combine(dir, "dir.weights.h5"), []));
        Assert.Throws<FileNotFoundException>(() => WeightsFile.read(Path.Combine(dir, "missing.weights.h5")));
    }
}
