using System.Text.Json;
using KerasPort.Data;

namespace KerasPort.Tests.Data;

/// <summary>
/// Which files, in which order, with which labels and class names image_dataset_from_directory
/// takes from a tree with nested folders, symbolic links (a folder link inside a class, a file link,
/// a folder link as a class), hidden names, upper-case and odd extensions and loose top-level files:
/// labels inferred, as a list or none, class_names given, follow_links on and off, seeded shuffles
/// and training/validation splits, all as Keras 3.15.1's index_directory decided them
/// (tests/fixtures/index_directory, recorded by tools/record_index_directory.py).
/// </summary>
[NonParallelizable]
public sealed class IndexDirectoryTests : TempDirectoryTest
{
    private static readonly JsonElement Recorded = JsonDocument.Parse(File.ReadAllText(KerasFixtures.path("index_directory", "expected.json"))).RootElement;

    private static string[] strings(JsonElement e) => e.EnumerateArray().Select(v => v.GetString()!).ToArray();

    private static int[]? ints(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.EnumerateArray().Select(v => v.GetInt32()).ToArray();

    private static IEnumerable<TestCaseData> Cases() =>
        Recorded.GetProperty("cases").EnumerateArray().Select(c => new TestCaseData(c.GetProperty("name").GetString()).SetName($"IndexDirectory_{c.GetProperty("name").GetString()}"));

    /// <summary>The recorded tree, rebuilt with empty files (index_directory reads names only) and the same links.</summary>
    private string build_tree()
    {
        var tree = Recorded.GetProperty("tree");
        var root = Path.Combine(dir, "tree");
        foreach (var d in strings(tree.GetProperty("dirs"))) Directory.CreateDirectory(Path.Combine(root, d));
        foreach (var f in strings(tree.GetProperty("files"))) File.WriteAllBytes(Path.Combine(root, f), []);
        foreach (var link in tree.GetProperty("links").EnumerateArray())
        {
            var (name, target) = (Path.Combine(root, link[0].GetString()!), link[1].GetString()!);
            if (Directory.Exists(Path.Combine(Path.GetDirectoryName(name)!, target))) Directory.CreateSymbolicLink(name, target);
            else File.CreateSymbolicLink(name, target);
        }
        return root;
    }

    private static string[] relative(string root, IEnumerable<string> paths) => paths.Select(p => Path.GetRelativePath(root, p).Replace('\\', '/')).ToArray();

    [TestCaseSource(nameof(Cases))]
    public void FilesLabelsClassNamesAndSplitsAreKeras(string name)
    {
        var recorded = Recorded.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        var c = recorded.GetProperty("case");
        var expected = recorded.GetProperty("expected");
        var root = build_tree();
        object? labels = !c.TryGetProperty("labels", out var l) ? "inferred" : l.ValueKind == JsonValueKind.Null ? null : ints(l);
        var class_names = c.TryGetProperty("class_names", out var n) ? strings(n) : null;
        bool shuffle = c.TryGetProperty("shuffle", out var s) && s.GetBoolean();
        long? seed = c.TryGetProperty("seed", out var sd) ? sd.GetInt64() : null;
        bool follow_links = c.TryGetProperty("follow_links", out var fl) && fl.GetBoolean();
        double? split = c.TryGetProperty("validation_split", out var v) ? v.GetDouble() : null;
        var formats = strings(Recorded.GetProperty("formats"));

        var (paths, labels_out, names) = DatasetUtils.index_directory(root, labels, formats, class_names, shuffle, seed, follow_links, verbose: false);
        var all = expected.GetProperty("all");
        Assert.That(relative(root, paths), Is.EqualTo(strings(all.GetProperty("files"))));
        Assert.That(labels_out, Is.EqualTo(ints(all.GetProperty("labels"))));
        Assert.That(names, Is.EqualTo(all.GetProperty("class_names").ValueKind == JsonValueKind.Null ? null : strings(all.GetProperty("class_names"))));

        // The dataset itself holds the same files (its subset when split), in the same order.
        string? label_mode = labels is null ? null : "int";
        foreach (var subset in split is null ? new string?[] { null } : ["training", "validation"])
        {
            var ds = labels is int[] list
                ? keras.utils.image_dataset_from_directory(root, list, label_mode: label_mode, shuffle: shuffle, seed: seed, follow_links: follow_links, validation_split: split, subset: subset, verbose: false)
                : keras.utils.image_dataset_from_directory(root, (string?)labels, label_mode: label_mode, class_names: class_names, shuffle: shuffle, seed: seed,
                    follow_links: follow_links, validation_split: split, subset: subset, verbose: false);
            var part = subset is null ? all : expected.GetProperty(subset);
            Assert.That(relative(root, ds.file_paths!), Is.EqualTo(strings(part.GetProperty("files"))), subset);
            if (subset is not null)
            {
                var (_, subset_labels) = DatasetUtils.get_training_or_validation_split(paths, labels_out, split, subset);
                Assert.That(subset_labels, Is.EqualTo(ints(part.GetProperty("labels"))), subset);
            }
            Assert.That(ds.class_names, Is.EqualTo(names));
        }
    }
}
