using KerasPort.Preprocessing.Image;

namespace KerasPort.Tests.Preprocessing.Image;

public class DataFrameIteratorTests : TempDirectoryTest
{
    [SetUp]
    public void MakeFiles()
    {
        foreach (var f in new[] { "a.png", "b.png", "c.jpg", "d.png", "e.png" }) File.WriteAllText(Path.Combine(dir, f), "");
    }

    private static Dictionary<string, object?> row(string file, object? label, object? weight = null) =>
        new() { ["filename"] = file, ["class"] = label, ["w"] = weight ?? 1.0 };

    private static (DataFrameIterator it, string printed) open(Func<DataFrameIterator> make)
    {
        var previous = Console.Out;
        var output = new StringWriter();
        Console.SetOut(output);
        try { return (make(), output.ToString().TrimEnd()); }
        finally { Console.SetOut(previous); }
    }

    [Test]
    public void Categorical_classes_are_the_sorted_names_and_invalid_files_are_dropped()
    {
        var rows = new[] { row("b.png", "dog"), row("a.png", "cat"), row("missing.png", "cat"), row("notes.txt", "cat"), row("c.jpg", "Ant") };
        var (it, printed) = open(() => new ImageDataGenerator().flow_from_dataframe(rows, dir, shuffle: false));
        using var _ = it;
        Assert.That(printed, Is.EqualTo("Found 3 validated image filenames belonging to 3 classes."));
        Assert.That(it.filenames, Is.EqualTo(new[] { "b.png", "a.png", "c.jpg" }));
        Assert.That(it.class_indices.Keys, Is.EqualTo(new[] { "Ant", "cat", "dog" }));
        Assert.That(it.classes!.Select(c => c.Single()), Is.EqualTo(new[] { 2, 1, 0 }));
        Assert.That(it.filepaths[0], Is.EqualTo(Path.Join(dir, "b.png")));
    }

    [Test]
    public void Given_classes_keep_their_order_and_drop_rows_without_one()
    {
        var rows = new[] { row("a.png", "cat"), row("b.png", "dog"), row("c.jpg", "bird"), row("d.png", new[] { "dog", "bird" }) };
        var (it, _) = open(() => new ImageDataGenerator().flow_from_dataframe(rows, dir, classes: ["dog", "cat"], shuffle: false));
        using var __ = it;
        Assert.That(it.filenames, Is.EqualTo(new[] { "a.png", "b.png", "d.png" }));
        Assert.That(it.class_indices, Is.EqualTo(new Dictionary<string, int> { ["dog"] = 0, ["cat"] = 1 }));
        Assert.That(it.classes![2], Is.EqualTo(new[] { 0 }), "multi-label rows keep only listed classes");
    }

    [Test]
    public void Subsets_take_slices_of_the_rows_after_filtering()
    {
        var rows = new[] { row("a.png", "x"), row("b.png", "y"), row("c.jpg", "x"), row("d.png", "y"), row("e.png", "x") };
        var g = new ImageDataGenerator(validation_split: 0.4);
        var (validation, _) = open(() => g.flow_from_dataframe(rows, dir, subset: "validation"));
        var (training, _) = open(() => g.flow_from_dataframe(rows, dir, subset: "training"));
        Assert.That(validation.filenames, Is.EqualTo(new[] { "a.png", "b.png" }));
        Assert.That(training.filenames, Is.EqualTo(new[] { "c.jpg", "d.png", "e.png" }));
    }

    [Test]
    public void Raw_targets_and_weights_are_numeric_columns_and_unvalidated_names_are_kept()
    {
        var rows = new[] { row("a.png", 1.5, 2.0), row("zz.png", 2.5, 3.0) };
        var (it, printed) = open(() => new ImageDataGenerator().flow_from_dataframe(rows, dir, class_mode: "raw",
                                                                                      weight_col: "w", validate_filenames: false));
        using var _ = it;
        Assert.That(printed, Is.EqualTo("Found 2 non-validated image filenames."));
        Assert.That(it.class_indices, Is.Empty);
        Assert.That(it.classes, Is.Null);
    }

    [Test]
    public void Rejects_values_of_the_wrong_kind_as_keras_does()
    {
        var g = new ImageDataGenerator();
        Assert.That(Assert.Throws<ArgumentException>(() => g.flow_from_dataframe([row("a.png", "x"), row("b.png", "y"), row("c.jpg", "z")], dir, class_mode: "binary"))!.Message,
                    Does.StartWith("If class_mode=\"binary\" there must be 2 classes. Found 3 classes."));
        Assert.That(Assert.Throws<ArgumentException>(() => g.flow_from_dataframe([row("a.png", 3)], dir, class_mode: "sparse"))!.Message,
                    Does.StartWith("If class_mode=\"sparse\", y_col=\"class\" column values must be strings."));
        Assert.That(Assert.Throws<ArgumentException>(() => g.flow_from_dataframe([new Dictionary<string, object?> { ["filename"] = 7, ["class"] = "x" }], dir))!.Message,
                    Does.StartWith("All values in column x_col=filename must be strings."));
        Assert.That(Assert.Throws<ArgumentException>(() => g.flow_from_dataframe([row("a.png", "x", "heavy")], dir, weight_col: "w"))!.Message,
                    Does.StartWith("Column weight_col=w must be numeric."));
        Assert.Throws<ArgumentException>(() => g.flow_from_dataframe([row("a.png", "x")], dir, class_mode: "multi_output"));
        Assert.That(Assert.Throws<ArgumentException>(() => g.flow_from_dataframe([row("a.png", "x")], dir, y_col: "label"))!.Message,
                    Does.Contain("\"label\""));
    }

    [Test]
    public void Batches_carry_labels_per_class_mode_and_the_weights()
    {
        foreach (var (f, colour) in new[] { ("r.png", "red"), ("g.png", "lime"), ("b.png", "blue") })
            KerasPort.Imaging.Image.@new("RGB", (5, 4), colour).save(Path.Combine(dir, f));
        var rows = new[] { row("r.png", "warm", 0.5), row("g.png", "cold", 2.0), row("b.png", "cold", 3.0) };
        var g = new ImageDataGenerator();
        var (categorical, _) = open(() => g.flow_from_dataframe(rows, dir, target_size: [4, 5], weight_col: "w", shuffle: false));
        var (x, y, w) = categorical.next();
        Assert.That(x.shape, Is.EqualTo(new long[] { 3, 4, 5, 3 }));
        Assert.That(x[0, 0, 0].data<float>().ToArray(), Is.EqualTo(new float[] { 255, 0, 0 }));
        Assert.That(y!.data<float>().ToArray(), Is.EqualTo(new float[] { 0, 1, 1, 0, 1, 0 }));
        Assert.That(w!.data<double>().ToArray(), Is.EqualTo(new[] { 0.5, 2.0, 3.0 }));
        var (sparse, _) = open(() => g.flow_from_dataframe(rows, dir, target_size: [4, 5], class_mode: "sparse", shuffle: false));
        Assert.That(sparse.next().y!.data<float>().ToArray(), Is.EqualTo(new float[] { 1, 0, 0 }));
        var raw_rows = rows.Select((r, i) => new Dictionary<string, object?>(r) { ["class"] = new[] { i, 10 * i } }).ToArray();
        var (raw, _) = open(() => g.flow_from_dataframe(raw_rows, dir, target_size: [4, 5], class_mode: "raw", shuffle: false));
        var ry = raw.next().y!;
        Assert.That(ry.dtype, Is.EqualTo(ScalarType.Int64));
        Assert.That(ry.data<long>().ToArray(), Is.EqualTo(new long[] { 0, 0, 1, 10, 2, 20 }));
        var (none, _) = open(() => g.flow_from_dataframe(rows, dir, target_size: [4, 5], class_mode: null));
        Assert.That(none.next().y, Is.Null);
    }
}
