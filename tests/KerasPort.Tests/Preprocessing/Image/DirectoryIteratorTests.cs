using System.Text.Json.Nodes;
using KerasPort.Preprocessing.Image;

namespace KerasPort.Tests.Preprocessing.Image;

public class DirectoryIteratorTests
{
    private static IEnumerable<TestCaseData> DirectoryCases() => ImageCase.OfKind("flow_from_directory");

    private static (DirectoryIterator it, string printed) open(FlowCase c, ImageDataGenerator g)
    {
        var a = c.flow_args;
        var size = a["target_size"]!.AsArray().Select(v => (int)v!).ToArray();
        var previous = Console.Out;
        var output = new StringWriter();
        Console.SetOut(output);
        try
        {
            var it = g.flow_from_directory(Path.Combine(c.folder, (string)c.json["directory"]!),
                target_size: size,
                color_mode: (string?)a["color_mode"] ?? "rgb",
                classes: a["classes"]?.AsArray().Select(v => (string)v!).ToArray(),
                class_mode: a.ContainsKey("class_mode") ? (string?)a["class_mode"] : "categorical",
                batch_size: a["batch_size"] is { } bs ? (int)bs : 32,
                shuffle: a["shuffle"] is not { } sh || (bool)sh,
                seed: FlowCase.opt_long(a, "seed"),
                follow_links: a["follow_links"] is { } fl && (bool)fl,
                subset: (string?)a["subset"],
                interpolation: (string?)a["interpolation"] ?? "nearest",
                keep_aspect_ratio: a["keep_aspect_ratio"] is { } k && (bool)k);
            return (it, output.ToString());
        }
        finally
        {
            Console.SetOut(previous);
        }
    }

    /// <summary>Every recorded flow_from_directory case: the listing, exactly.</summary>
    [TestCaseSource(nameof(DirectoryCases))]
    public void Lists_files_and_classes_as_keras(string name)
    {
        var c = FlowCase.load(name);
        var (it, printed) = open(c, c.generator());
        using var _ = it;
        Assert.That(printed, Is.EqualTo(((string)c.json["printed"]!).Replace("\n", Environment.NewLine)));
        Assert.That(it.samples, Is.EqualTo((int)c.json["samples"]!));
        Assert.That(it.num_classes, Is.EqualTo((int)c.json["num_classes"]!));
        var indices = c.json["class_indices"]!.AsObject().Select(p => (p.Key, (int)p.Value!)).ToList();
        Assert.That(it.class_indices.Select(p => (p.Key, p.Value)).ToList(), Is.EqualTo(indices));
        Assert.That(it.filenames, Is.EqualTo(c.json["filenames"]!.AsArray().Select(v => (string)v!).ToList()));
        Assert.That(it.classes, Is.EqualTo(c.array("classes")!.data<int>().ToArray()));
        Assert.That(it.image_shape, Is.EqualTo(c.json["image_shape"]!.AsArray().Select(v => (long)v!).ToArray()));
        Assert.That(it.Count, Is.EqualTo((int)c.json["len"]!));
    }

    /// <summary>
    /// Every recorded flow_from_directory case: each batch's images (1e-5 of the scale), labels
    /// exactly, and the index order.
    /// </summary>
    [TestCaseSource(nameof(DirectoryCases))]
    public void Batches_match_keras(string name)
    {
        var c = FlowCase.load(name);
        var (it, _) = open(c, c.generator());
        using var __ = it;
        for (int k = 0; k < c.num_batches; k++)
        {
            var batch = c.by_next ? it.next() : it[k];
            var index = c.array($"batch{k}_index")!.data<long>().Select(i => (int)i).ToArray();
            Assert.That(contains_run(it.index_array!, index), Is.True, $"batch {k}: index order");
            Compare.images(batch.x, c.array($"batch{k}_x")!, $"batch {k} x");
            if (c.array($"batch{k}_y") is { } y)
            {
                if ((string?)c.flow_args["class_mode"] == "input") Compare.images(batch.y!, y, $"batch {k} y");
                else Compare.exact(batch.y!, y, $"batch {k} y");
            }
            else
            {
                Assert.That(batch.y, Is.Null);
            }
        }
    }

    private static bool contains_run(int[] all, int[] run)
    {
        for (int s = 0; s + run.Length <= all.Length; s++)
            if (all.AsSpan(s, run.Length).SequenceEqual(run)) return true;
        return run.Length == 0;
    }

    private string _root = "";

    [SetUp]
    public void MakeTree() => _root = Path.Combine(Path.GetTempPath(), "kp-dir-" + Guid.NewGuid());

    [TearDown]
    public void RemoveTree()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, true);
    }

    private void touch(string relative)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "");
    }

    private DirectoryIterator quiet(Func<DirectoryIterator> make)
    {
        var previous = Console.Out;
        Console.SetOut(TextWriter.Null);
        try { return make(); }
        finally { Console.SetOut(previous); }
    }

    [Test]
    public void Sorts_by_code_point_walks_recursively_and_matches_extensions_as_keras()
    {
        foreach (var f in new[] { "cat/2.png", "cat/10.png", "cat/B.JPG", "cat/a.jpeg", "cat/notes.txt", "cat/xpng",
                                  "cat/sub/z.bmp", "cat/sub-dir/y.tif", "cat/sub/deeper/x.ppm", "Bird/b.tiff", "_empty/readme.md" })
            touch(f);
        using var it = quiet(() => new ImageDataGenerator().flow_from_directory(_root, shuffle: false));
        Assert.That(it.class_indices.Keys, Is.EqualTo(new[] { "Bird", "_empty", "cat" }));
        Assert.That(it.filenames, Is.EqualTo(new[]
        {
            "Bird/b.tiff",
            "cat/10.png", "cat/2.png", "cat/B.JPG", "cat/a.jpeg", "cat/xpng",
            // Folders sort by their whole path: ".../sub" < ".../sub-dir" < ".../sub/deeper".
            "cat/sub/z.bmp", "cat/sub-dir/y.tif", "cat/sub/deeper/x.ppm",
        }.Select(p => p.Replace('/', Path.DirectorySeparatorChar))));
        Assert.That(it.classes, Is.EqualTo(new[] { 0, 2, 2, 2, 2, 2, 2, 2, 2 }));
        Assert.That(it.num_classes, Is.EqualTo(3));
    }

    [Test]
    public void Explicit_classes_set_the_label_order_and_subsets_split_each_class()
    {
        for (int i = 0; i < 4; i++) { touch($"a/{i}.png"); touch($"b/{i}.png"); }
        var g = new ImageDataGenerator();
        using var all = quiet(() => g.flow_from_directory(_root, classes: ["b", "a"], shuffle: false));
        Assert.That(all.class_indices, Is.EqualTo(new Dictionary<string, int> { ["b"] = 0, ["a"] = 1 }));
        Assert.That(all.filenames[0], Is.EqualTo(Path.Join("b", "0.png")));
        Assert.That(all.classes, Is.EqualTo(new[] { 0, 0, 0, 0, 1, 1, 1, 1 }));
    }

    [Test]
    public void Follows_linked_folders_only_when_asked()
    {
        touch("real/cat/x.png");
        touch("data/cat/y.png");
        Directory.CreateSymbolicLink(Path.Combine(_root, "data/cat/linked"), Path.Combine(_root, "real/cat"));
        var g = new ImageDataGenerator();
        using var plain = quiet(() => g.flow_from_directory(Path.Combine(_root, "data")));
        Assert.That(plain.filenames, Is.EqualTo(new[] { Path.Join("cat", "y.png") }));
        // A link back up the tree is not walked twice.
        Directory.CreateSymbolicLink(Path.Combine(_root, "real/cat/loop"), Path.Combine(_root, "real/cat"));
        using var followed = quiet(() => g.flow_from_directory(Path.Combine(_root, "data"), follow_links: true));
        Assert.That(followed.filenames, Is.EqualTo(new[] { Path.Join("cat", "y.png"), Path.Join("cat", "linked", "x.png") }));
    }

    [Test]
    public void Rejects_a_missing_directory_and_bad_arguments()
    {
        var g = new ImageDataGenerator();
        var missing = Path.Combine(_root, "nowhere");
        Assert.That(Assert.Throws<DirectoryNotFoundException>(() => g.flow_from_directory(missing))!.Message, Does.Contain(missing));
        touch("a/x.png");
        Assert.That(Assert.Throws<ArgumentException>(() => g.flow_from_directory(_root, color_mode: "cmyk"))!.Message,
                    Does.StartWith("Invalid color mode: cmyk"));
        Assert.That(Assert.Throws<ArgumentException>(() => g.flow_from_directory(_root, class_mode: "raw"))!.Message,
                    Does.StartWith("Invalid class_mode: raw"));
        Assert.That(Assert.Throws<ArgumentException>(() => g.flow_from_directory(_root, subset: "test"))!.Message,
                    Does.StartWith("Invalid subset name: test"));
        Assert.That(Assert.Throws<ArgumentException>(() => g.flow_from_directory(_root, subset: "validation"))!.ParamName,
                    Is.EqualTo("subset"));
        Assert.That(Assert.Throws<ArgumentException>(() => g.flow_from_directory(_root, target_size: [0, 4]))!.ParamName,
                    Is.EqualTo("target_size"));
    }

    [Test]
    public void A_file_that_is_not_an_image_fails_with_its_path()
    {
        touch("a/broken.png");
        using var it = quiet(() => new ImageDataGenerator().flow_from_directory(_root, target_size: (4, 4)));
        var e = Assert.Throws<IOException>(() => it.next());
        Assert.That(e!.Message, Does.Contain(Path.Join(_root, "a", "broken.png")));
    }
}
