using System.Text.Json;
using KerasPort.Data;

namespace KerasPort.Tests.Data;

/// <summary>
/// image_dataset_from_directory: the files, order, labels, class names and seeded splits Keras
/// 3.15 chose for tests/fixtures/image_dataset/tree (more trees in IndexDirectoryTests), the pixels
/// of Keras's torch path (tests/fixtures/image_dataset and image_dataset_pixels), and Keras 3.15.1's
/// keras/src/utils/image_dataset_utils_test.py (24x24 images read at 18x18, as there), test by test;
/// each Keras test runs for format "tf" and "grain", which here yield the same torch-backed Dataset:
/// test_image_dataset_from_directory_no_labels: NoLabels; _binary: LabelModes; test_static_shape_in_graph:
/// ElementSpecAndCountsAsKeras (the (None, 18, 18, 3) spec; tf.function itself is TensorFlow);
/// test_sample_count: ElementSpecAndCountsAsKeras; _multiclass: ElementSpecAndCountsAsKeras and
/// LabelModes; _color_modes: ColorModes; _validation_split: ValidationSplit; _manual_labels: ManualLabels;
/// _follow_links: FollowLinksAndNesting; _no_images: NoImages; _crop_to_aspect_ratio and
/// _pad_to_aspect_ratio: CropAndPadToAspectRatioShapes (and the recorded pixels); _errors: Errors;
/// _not_batched and _shuffle: NotBatchedAndShuffle. Nothing of it is left out.
/// </summary>
[NonParallelizable]
public sealed class ImageDatasetFromDirectoryTests : TempDirectoryTest
{
    private const int Size = 24;

    /// <summary>The size Keras's tests read their 24x24 images at (a resize).</summary>
    private const int Out = 18;
    private static readonly string Tree = KerasFixtures.path("image_dataset", "tree");
    private static readonly JsonElement Expected = JsonDocument.Parse(File.ReadAllText(KerasFixtures.path("image_dataset", "expected.json"))).RootElement;
    private StringWriter _stdout = null!;

    [SetUp]
    public void CaptureOutput()
    {
        _stdout = new StringWriter();
        IoUtils.stdout = _stdout;
    }

    [TearDown]
    public void RestoreOutput()
    {
        IoUtils.stdout = null;
        _stdout.Dispose();
    }

    private static string[] strings(JsonElement e) => e.EnumerateArray().Select(v => v.GetString()!).ToArray();

    private static int[] ints(JsonElement e) => e.EnumerateArray().Select(v => v.GetInt32()).ToArray();

    private static string[] relative(IEnumerable<string> paths) => paths.Select(p => Path.GetRelativePath(Tree, p).Replace('\\', '/')).ToArray();

    private static (long? seed, bool shuffle, double? split, string[]? class_names) args(string name)
    {
        var c = Expected.GetProperty(name).GetProperty("case");
        return (c.TryGetProperty("seed", out var s) ? s.GetInt64() : null, c.GetProperty("shuffle").GetBoolean(),
            c.TryGetProperty("validation_split", out var v) ? v.GetDouble() : null,
            c.TryGetProperty("class_names", out var n) ? strings(n) : null);
    }

    [TestCase("inferred_shuffle")]
    [TestCase("inferred_no_shuffle")]
    [TestCase("class_names_subset")]
    public void FilesLabelsAndClassNamesAreKeras(string name)
    {
        var (seed, shuffle, _, class_names) = args(name);
        var all = Expected.GetProperty(name).GetProperty("expected").GetProperty("all");
        var ds = keras.utils.image_dataset_from_directory(Tree, shuffle: shuffle, seed: seed, class_names: class_names);
        Assert.That(relative(ds.file_paths!), Is.EqualTo(strings(all.GetProperty("files"))));
        Assert.That(ds.class_names, Is.EqualTo(strings(all.GetProperty("class_names"))));
        var (paths, labels, names) = DatasetUtils.index_directory(Tree, "inferred", [".bmp", ".gif", ".jpeg", ".jpg", ".png"], class_names, shuffle, seed, false, false);
        Assert.That(relative(paths), Is.EqualTo(strings(all.GetProperty("files"))));
        Assert.That(labels, Is.EqualTo(ints(all.GetProperty("labels"))));
        Assert.That(names, Is.EqualTo(strings(all.GetProperty("class_names"))));
        Assert.That(_stdout.ToString(), Is.EqualTo($"Found {paths.Length} files belonging to {names!.Length} classes.\n"));
    }

    [TestCase("split_seeded")]
    [TestCase("split_no_shuffle")]
    public void SplitsAreKeras(string name)
    {
        var (seed, shuffle, split, _) = args(name);
        var expected = Expected.GetProperty(name).GetProperty("expected");
        var training = keras.utils.image_dataset_from_directory(Tree, shuffle: shuffle, seed: seed, validation_split: split, subset: "training");
        var validation = keras.utils.image_dataset_from_directory(Tree, shuffle: shuffle, seed: seed, validation_split: split, subset: "validation");
        Assert.That(relative(training.file_paths!), Is.EqualTo(strings(expected.GetProperty("training").GetProperty("files"))));
        Assert.That(relative(validation.file_paths!), Is.EqualTo(strings(expected.GetProperty("validation").GetProperty("files"))));
        var (train_ds, val_ds) = keras.preprocessing.image_dataset_from_directory(Tree, shuffle: shuffle, seed: seed, validation_split: split, subset: "both");
        Assert.That(train_ds.file_paths, Is.EqualTo(training.file_paths));
        Assert.That(val_ds.file_paths, Is.EqualTo(validation.file_paths));
        Assert.That(val_ds.class_names, Is.EqualTo(new[] { "birds", "cats", "dogs" }));
        int n_train = training.file_paths!.Length, n_val = validation.file_paths!.Length;
        Assert.That(_stdout.ToString(), Is.EqualTo(
            $"Found 21 files belonging to 3 classes.\nUsing {n_train} files for training.\n" +
            $"Found 21 files belonging to 3 classes.\nUsing {n_val} files for validation.\n" +
            $"Found 21 files belonging to 3 classes.\nUsing {n_train} files for training.\nUsing {n_val} files for validation.\n"));
        var (paths, labels, _) = DatasetUtils.index_directory(Tree, "inferred", [".bmp", ".gif", ".jpeg", ".jpg", ".png"], null, shuffle, seed, false, false);
        var (_, train_labels) = DatasetUtils.get_training_or_validation_split(paths, labels, split, "training");
        var (_, val_labels) = DatasetUtils.get_training_or_validation_split(paths, labels, split, "validation");
        Assert.That(train_labels, Is.EqualTo(ints(expected.GetProperty("training").GetProperty("labels"))));
        Assert.That(val_labels, Is.EqualTo(ints(expected.GetProperty("validation").GetProperty("labels"))));
    }

    private static IEnumerable<TestCaseData> PixelCases() =>
        Expected.GetProperty("pixels").GetProperty("cases").EnumerateArray().Select(c => new TestCaseData(
            c.GetProperty("array").GetString(), c.GetProperty("image_size")[0].GetInt32(), c.GetProperty("image_size")[1].GetInt32(),
            c.GetProperty("interpolation").GetString(), c.GetProperty("crop_to_aspect_ratio").GetBoolean(),
            c.GetProperty("pad_to_aspect_ratio").GetBoolean(), c.GetProperty("color_mode").GetString()).SetName($"Pixels_{c.GetProperty("array").GetString()}"));

    /// <summary>
    /// The decoded and resized pixels of the first files, as Keras's load_img + img_to_array +
    /// keras.ops.image.resize (torch backend) computed them. Tolerance 1e-3 on 0-255 values: both
    /// sides interpolate in float32 with torch's kernels; only summation order may differ.
    /// </summary>
    [TestCaseSource(nameof(PixelCases))]
    public void PixelsAreKeras(string array, int height, int width, string interpolation, bool crop, bool pad, string color_mode)
    {
        var files = strings(Expected.GetProperty("pixels").GetProperty("files"));
        var expected = KerasPort.Utils.Npy.load_npz(KerasFixtures.path("image_dataset", "pixels.npz"))[array];
        var ds = keras.utils.image_dataset_from_directory(Tree, shuffle: false, batch_size: files.Length, image_size: (height, width),
            interpolation: interpolation, crop_to_aspect_ratio: crop, pad_to_aspect_ratio: pad, color_mode: color_mode, verbose: false);
        Assert.That(relative(ds.file_paths!.Take(files.Length)), Is.EqualTo(files));
        var (images, _) = ds.First();
        Assert.That(images.shape, Is.EqualTo(expected.shape));
        Assert.That((images - expected).abs().max().item<float>(), Is.LessThanOrEqualTo(1e-3f));
    }

    private static readonly JsonElement MorePixels = JsonDocument.Parse(File.ReadAllText(KerasFixtures.path("image_dataset_pixels", "cases.json"))).RootElement;

    private static IEnumerable<TestCaseData> MorePixelCases() =>
        MorePixels.GetProperty("cases").EnumerateArray().Select(c => new TestCaseData(c.GetProperty("array").GetString()).SetName($"MorePixels_{c.GetProperty("array").GetString()}"));

    /// <summary>
    /// Every image of the tree as Keras's own per-file loader on the torch path (_load_image_grain)
    /// gave it: bicubic, upsampling, crop and pad to the aspect ratio, rgba, grayscale, channels_first
    /// (tools/record_image_dataset_pixels.py). Same tolerance as above.
    /// </summary>
    [TestCaseSource(nameof(MorePixelCases))]
    public void MorePixelsAreKeras(string array)
    {
        var c = MorePixels.GetProperty("cases").EnumerateArray().Single(e => e.GetProperty("array").GetString() == array);
        var expected = KerasPort.Utils.Npy.load_npz(KerasFixtures.path("image_dataset_pixels", "pixels.npz"))[array];
        var ds = keras.utils.image_dataset_from_directory(Tree, shuffle: false, batch_size: 8,
            image_size: (c.GetProperty("image_size")[0].GetInt32(), c.GetProperty("image_size")[1].GetInt32()),
            interpolation: c.GetProperty("interpolation").GetString()!, crop_to_aspect_ratio: c.GetProperty("crop_to_aspect_ratio").GetBoolean(),
            pad_to_aspect_ratio: c.GetProperty("pad_to_aspect_ratio").GetBoolean(), color_mode: c.GetProperty("color_mode").GetString()!,
            data_format: c.GetProperty("data_format").GetString(), verbose: false);
        Assert.That(relative(ds.file_paths!), Is.EqualTo(strings(MorePixels.GetProperty("files"))));
        var images = cat(ds.Select(e => e[0]).ToList(), 0);
        Assert.That(images.shape, Is.EqualTo(expected.shape));
        Assert.That((images - expected).abs().max().item<float>(), Is.LessThanOrEqualTo(1e-3f));
    }

    [Test]
    public void CropAndPadToAspectRatioShapes()
    {
        // Keras's test_image_dataset_from_directory_crop_to_aspect_ratio and _pad_to_aspect_ratio.
        var directory = prepare_directory(num_classes: 2, count: 5);
        foreach (var (crop, pad) in new[] { (true, false), (false, true) })
        {
            var batch = keras.utils.image_dataset_from_directory(directory, batch_size: 5, image_size: (Out, Out), crop_to_aspect_ratio: crop, pad_to_aspect_ratio: pad).First();
            Assert.That(batch, Has.Length.EqualTo(2));
            Assert.That(batch[0].shape, Is.EqualTo(new long[] { 5, Out, Out, 3 }));
        }
    }

    [Test]
    public void AFileThatIsNotAnImageIsNamed()
    {
        // A .jpg holding text: the error names the file, when the dataset reads it (as Keras's
        // dataset fails on iteration) and from load_img.
        var directory = prepare_directory(num_classes: 2, count: 4);
        var bad = Path.Combine(directory, "class_1", "broken.jpg");
        File.WriteAllText(bad, "<html>not an image</html>");
        var ds = keras.utils.image_dataset_from_directory(directory, batch_size: 8, image_size: (Out, Out), shuffle: false, verbose: false);
        Assert.That(ds.file_paths, Does.Contain(bad));
        var e = Assert.Catch<Exception>(() => ds.First());
        Assert.That(e!.ToString(), Does.Contain($"cannot identify image file '{bad}'"));
        Assert.That(Assert.Throws<InvalidDataException>(() => keras.utils.load_img(bad))!.Message, Does.Contain(bad));
        // A PNG named .jpg is read by its content, as PIL reads it.
        var png_as_jpg = Path.Combine(dir, "really_a_png.jpg");
        keras.utils.save_img(png_as_jpg, ones(4, 4, 3) * 7, file_format: "png", scale: false);
        Assert.That(keras.utils.img_to_array(keras.utils.load_img(png_as_jpg)).equal(ones(4, 4, 3) * 7).all().item<bool>(), Is.True);
    }

    [Test]
    public void InterpolationsTheTorchBackendLacksFailAsKeras()
    {
        // Accepted by image_dataset_from_directory's check (its list is tf.image's), then refused
        // by keras.ops.image.resize on the torch backend when an image is resized, as in Keras.
        var directory = prepare_directory(num_classes: 2, count: 2);
        var ds = keras.utils.image_dataset_from_directory(directory, image_size: (Out, Out), interpolation: "area", verbose: false);
        Assert.That(Assert.Catch<Exception>(() => ds.First())!.ToString(), Does.Contain("Invalid value for argument `interpolation`"));
        ds = keras.utils.image_dataset_from_directory(directory, image_size: (Out, Out), interpolation: "lanczos3", verbose: false);
        Assert.That(Assert.Catch<Exception>(() => ds.First())!.ToString(), Does.Contain("Lanczos interpolation is not supported by the PyTorch backend"));
    }

    [Test]
    public void OnlyTheBothSubsetUnpacks()
    {
        var single = keras.utils.image_dataset_from_directory(Tree, seed: 1, validation_split: 0.2, subset: "training", verbose: false);
        Assert.Throws<InvalidOperationException>(() => { var (a, b) = single; });
        var both = keras.utils.image_dataset_from_directory(Tree, seed: 1, validation_split: 0.2, subset: "both", verbose: false);
        Assert.Throws<InvalidOperationException>(() => both.cardinality());
        Assert.Throws<InvalidOperationException>(() => both.First());
    }

    /// <summary>Keras's test helper: <paramref name="count"/> random 24x24 images spread over class folders (jpg for rgb, png otherwise).</summary>
    private string prepare_directory(int num_classes = 2, bool nested_dirs = false, string color_mode = "rgb", int count = 16)
    {
        var root = Path.Combine(dir, $"tree-{Guid.NewGuid():N}");
        var paths = new List<string>();
        for (int c = 0; c < num_classes; c++)
        {
            var cls = $"class_{c}";
            var class_paths = nested_dirs
                ? new[] { cls, Path.Combine(cls, "subfolder_1"), Path.Combine(cls, "subfolder_2"), Path.Combine(cls, "subfolder_1", "sub-subfolder") }
                : new[] { cls };
            foreach (var p in class_paths) Directory.CreateDirectory(Path.Combine(root, p));
            paths.AddRange(class_paths);
        }
        int channels = color_mode switch { "grayscale" => 1, "rgba" => 4, _ => 3 };
        var g = new torch.Generator(7);
        for (int i = 0; i < count; i++)
        {
            using var img = randint(0, 256, [Size, Size, channels], generator: g).to_type(ScalarType.Float32);
            keras.utils.save_img(Path.Combine(root, paths[i % paths.Count], $"image_{i}.{(color_mode == "rgb" ? "jpg" : "png")}"), img, scale: false);
        }
        return root;
    }

    [Test]
    public void NoLabels()
    {
        var directory = prepare_directory();
        for (int i = 0; i < 3; i++)
            keras.utils.save_img(Path.Combine(directory, $"image_{i}.jpg"), ones(Size, Size, 3) * 100, scale: false);
        var dataset = keras.utils.image_dataset_from_directory(directory, batch_size: 5, image_size: (Out, Out), labels: null);
        Assert.That(dataset.class_names, Is.Null);
        var batch = dataset.First();
        Assert.That(batch, Has.Length.EqualTo(1));
        Assert.That(batch[0].shape, Is.EqualTo(new long[] { 5, Out, Out, 3 }));
        Assert.That(batch[0].dtype, Is.EqualTo(ScalarType.Float32));
        // labels=None indexes every file below the folder: its own three and the sixteen of the class folders.
        Assert.That(dataset.Sum(b => b[0].shape[0]), Is.EqualTo(19));
        Assert.That(_stdout.ToString(), Does.StartWith("Found 19 files.\n"));
    }

    [Test]
    public void LabelModes()
    {
        var directory = prepare_directory(num_classes: 2);
        var ds = keras.utils.image_dataset_from_directory(directory, batch_size: 8, image_size: (Out, Out), label_mode: "int");
        var (images, labels) = ds.First();
        Assert.That(images.shape, Is.EqualTo(new long[] { 8, Out, Out, 3 }));
        Assert.That(labels.shape, Is.EqualTo(new long[] { 8 }));
        Assert.That(labels.dtype, Is.EqualTo(ScalarType.Int32));
        (images, labels) = keras.utils.image_dataset_from_directory(directory, batch_size: 8, image_size: (Out, Out), label_mode: "binary").First();
        Assert.That(labels.shape, Is.EqualTo(new long[] { 8, 1 }));
        Assert.That(labels.dtype, Is.EqualTo(ScalarType.Float32));
        (images, labels) = keras.utils.image_dataset_from_directory(directory, batch_size: 8, image_size: (Out, Out), label_mode: "categorical").First();
        Assert.That(labels.shape, Is.EqualTo(new long[] { 8, 2 }));
        Assert.That(labels.dtype, Is.EqualTo(ScalarType.Float32));
        Assert.That(labels.sum(1).data<float>().ToArray(), Is.All.EqualTo(1f));
    }

    [Test]
    public void ElementSpecAndCountsAsKeras()
    {
        var directory = prepare_directory(num_classes: 4, count: 15);
        var ds = keras.utils.image_dataset_from_directory(directory, batch_size: 8, image_size: (Out, Out), label_mode: "int");
        Assert.That(ds.element_spec[0].shape, Is.EqualTo(new long?[] { null, Out, Out, 3 }));
        Assert.That(ds.ToString(), Is.EqualTo($"<PrefetchDataset element_spec=(TensorSpec(shape=(None, {Out}, {Out}, 3), dtype=tf.float32, name=None), TensorSpec(shape=(None,), dtype=tf.int32, name=None))>"));
        Assert.That(ds.cardinality(), Is.EqualTo(2));
        var unlabelled = keras.utils.image_dataset_from_directory(directory, batch_size: 8, image_size: (Out, Out), label_mode: null);
        Assert.That(unlabelled.Sum(b => b[0].shape[0]), Is.EqualTo(15));
        var (_, categorical) = keras.utils.image_dataset_from_directory(directory, batch_size: 8, image_size: (Out, Out), label_mode: "categorical").First();
        Assert.That(categorical.shape, Is.EqualTo(new long[] { 8, 4 }));
    }

    [TestCase("rgba", 4)]
    [TestCase("grayscale", 1)]
    public void ColorModes(string color_mode, int channels)
    {
        var directory = prepare_directory(num_classes: 4, color_mode: color_mode);
        var (images, _) = keras.utils.image_dataset_from_directory(directory, batch_size: 8, image_size: (Out, Out), color_mode: color_mode).First();
        Assert.That(images.shape, Is.EqualTo(new long[] { 8, Out, Out, channels }));
        var (first, _) = keras.utils.image_dataset_from_directory(directory, batch_size: 8, image_size: (Out, Out), color_mode: color_mode, data_format: "channels_first").First();
        Assert.That(first.shape, Is.EqualTo(new long[] { 8, channels, Out, Out }));
    }

    [Test]
    public void PixelsAreLoadImgsInFilePathOrder()
    {
        var directory = prepare_directory(num_classes: 3, count: 7, color_mode: "rgba");
        var ds = keras.utils.image_dataset_from_directory(directory, batch_size: 3, image_size: (Size, Size), shuffle: false, color_mode: "rgb");
        var images = cat(ds.Select(e => e[0]).ToList(), 0);
        var labels = cat(ds.Select(e => e[1]).ToList(), 0);
        Assert.That(ds.file_paths!.Select(p => Path.GetFileName(Path.GetDirectoryName(p))), Is.Ordered);
        for (int i = 0; i < ds.file_paths!.Length; i++)
        {
            var expected = keras.utils.img_to_array(keras.utils.load_img(ds.file_paths[i]));
            Assert.That(images[i].equal(expected).all().item<bool>(), Is.True, ds.file_paths[i]);
            Assert.That(labels[i].item<int>(), Is.EqualTo(int.Parse(Path.GetFileName(Path.GetDirectoryName(ds.file_paths[i]))!["class_".Length..])));
        }
    }

    [Test]
    public void ValidationSplit()
    {
        var directory = prepare_directory(num_classes: 2, count: 10);
        var (images, _) = keras.utils.image_dataset_from_directory(directory, batch_size: 10, image_size: (Out, Out), validation_split: 0.2, subset: "training", seed: 1337).First();
        Assert.That(images.shape[0], Is.EqualTo(8));
        (images, _) = keras.utils.image_dataset_from_directory(directory, batch_size: 10, image_size: (Out, Out), validation_split: 0.2, subset: "validation", seed: 1337).First();
        Assert.That(images.shape[0], Is.EqualTo(2));
        var (train_dataset, val_dataset) = keras.utils.image_dataset_from_directory(directory, batch_size: 10, image_size: (Out, Out), validation_split: 0.2, subset: "both", seed: 1337);
        Assert.That(train_dataset.First()[0].shape[0], Is.EqualTo(8));
        Assert.That(val_dataset.First()[0].shape[0], Is.EqualTo(2));
        Assert.That(train_dataset.file_paths!.Intersect(val_dataset.file_paths!), Is.Empty);
    }

    [Test]
    public void ManualLabels()
    {
        var directory = prepare_directory(num_classes: 1, count: 4);
        var e = Assert.Throws<ArgumentException>(() => keras.utils.image_dataset_from_directory(directory, batch_size: 8, image_size: (Out, Out), labels: new[] { 0, 1, 0 }, shuffle: false));
        Assert.That(e!.Message, Does.Contain("match the number of files"));
        var dataset = keras.utils.image_dataset_from_directory(directory, batch_size: 8, image_size: (Out, Out), labels: new[] { 0, 1, 0, 1 }, shuffle: false);
        Assert.That(dataset.class_names, Is.EqualTo(new[] { "0", "1" }));
        var (images, labels) = dataset.First();
        Assert.That(images.shape, Is.EqualTo(new long[] { 4, Out, Out, 3 }));
        Assert.That(labels.data<int>().ToArray(), Is.EqualTo(new[] { 0, 1, 0, 1 }));
        directory = prepare_directory(num_classes: 3, count: 6);
        (images, labels) = keras.utils.image_dataset_from_directory(directory, batch_size: 8, image_size: (Out, Out), labels: new[] { 0, 1, 0, 1, 1, 1 }, shuffle: false).First();
        Assert.That(labels.data<int>().ToArray(), Is.EqualTo(new[] { 0, 1, 0, 1, 1, 1 }));
    }

    [Test]
    public void FollowLinksAndNesting()
    {
        var directory = prepare_directory(num_classes: 2, count: 25, nested_dirs: true);
        var dataset = keras.utils.image_dataset_from_directory(directory, batch_size: 8, image_size: (Out, Out), label_mode: null, follow_links: true);
        Assert.That(dataset.Sum(b => b[0].shape[0]), Is.EqualTo(25));
        Directory.CreateSymbolicLink(Path.Combine(directory, "class_0", "linked"), Path.Combine(directory, "class_1", "subfolder_1"));
        Assert.That(keras.utils.image_dataset_from_directory(directory, label_mode: null, follow_links: false, verbose: false).file_paths, Has.Length.EqualTo(25));
        Assert.That(keras.utils.image_dataset_from_directory(directory, label_mode: null, follow_links: true, verbose: false).file_paths!.Length, Is.GreaterThan(25));
    }

    [Test]
    public void NotBatchedAndShuffle()
    {
        var directory = prepare_directory(num_classes: 2, count: 2);
        var sample = keras.utils.image_dataset_from_directory(directory, batch_size: null, image_size: (Out, Out), label_mode: null, shuffle: false).First();
        Assert.That(sample[0].dim(), Is.EqualTo(3));

        directory = prepare_directory(num_classes: 2, count: 25, nested_dirs: true);
        var ordered = keras.utils.image_dataset_from_directory(directory, batch_size: 8, image_size: (Out, Out), label_mode: null, follow_links: true, shuffle: false);
        Assert.That(cat(ordered.Select(b => b[0]).ToList(), 0).equal(cat(ordered.Select(b => b[0]).ToList(), 0)).all().item<bool>(), Is.True);
        var shuffled = keras.utils.image_dataset_from_directory(directory, batch_size: 8, image_size: (Out, Out), label_mode: null, follow_links: true, shuffle: true, seed: 1337);
        // Each epoch draws a new order (tf.data's reshuffle_each_iteration), over the same images.
        var a = cat(shuffled.Select(b => b[0]).ToList(), 0);
        var b2 = cat(shuffled.Select(b => b[0]).ToList(), 0);
        Assert.That(a.equal(b2).all().item<bool>(), Is.False);
        Assert.That(a.sum().item<float>(), Is.EqualTo(b2.sum().item<float>()).Within(1e-2));
    }

    [Test]
    public void NoImages()
    {
        var directory = prepare_directory(num_classes: 2, count: 0);
        var e = Assert.Throws<ArgumentException>(() => keras.utils.image_dataset_from_directory(directory));
        Assert.That(e!.Message, Does.StartWith("No images found in directory"));
    }

    [Test]
    public void Errors()
    {
        var directory = prepare_directory(num_classes: 3, count: 5);
        void raises(string pattern, TestDelegate call) => Assert.That(Assert.Throws<ArgumentException>(call)!.Message, Does.Contain(pattern));
        raises("`labels` argument should be", () => keras.utils.image_dataset_from_directory(directory, labels: "other"));
        raises("`label_mode` argument must be", () => keras.utils.image_dataset_from_directory(directory, label_mode: "other"));
        raises("`color_mode` must be one of", () => keras.utils.image_dataset_from_directory(directory, color_mode: "other"));
        raises("only pass `class_names` if `labels=\"inferred\"`", () => keras.utils.image_dataset_from_directory(directory, labels: new[] { 0, 0, 1, 1, 1 }, class_names: ["class_0", "class_1", "class_2"]));
        raises("Expected the lengths of `labels` to match the number of files", () => keras.utils.image_dataset_from_directory(directory, labels: new[] { 0, 0, 1, 1 }));
        raises("`class_names` passed did not match", () => keras.utils.image_dataset_from_directory(directory, class_names: ["class_0", "wrong_class"]));
        raises("there must be exactly 2", () => keras.utils.image_dataset_from_directory(directory, label_mode: "binary"));
        raises("`validation_split` must be between 0 and 1", () => keras.utils.image_dataset_from_directory(directory, validation_split: 2));
        raises("`subset` must be either \"training\", \"validation\" or \"both\"", () => keras.utils.image_dataset_from_directory(directory, validation_split: 0.2, subset: "other"));
        raises("`validation_split` must be set", () => keras.utils.image_dataset_from_directory(directory, validation_split: 0.0, subset: "training"));
        raises("must provide a `seed`", () => keras.utils.image_dataset_from_directory(directory, validation_split: 0.2, subset: "training"));
        raises("Only one of `pad_to_aspect_ratio`, `crop_to_aspect_ratio`", () => keras.utils.image_dataset_from_directory(directory, crop_to_aspect_ratio: true, pad_to_aspect_ratio: true));
        raises("Argument `interpolation` should be one of", () => keras.utils.image_dataset_from_directory(directory, interpolation: "cubic"));
    }

    [Test]
    public void FitsAModel()
    {
        var directory = prepare_directory(num_classes: 2, count: 8);
        var (train_ds, val_ds) = keras.utils.image_dataset_from_directory(directory, validation_split: 0.25, subset: "both", seed: 123, image_size: (Out, Out), batch_size: 4, verbose: false);
        var model = new KerasPort.Models.Sequential([keras.Input([Out, Out, 3]), new KerasPort.Layers.Flatten(), new KerasPort.Layers.Dense(2)]);
        model.compile(optimizer: new KerasPort.Optimizers.Adam(), loss: new KerasPort.Losses.SparseCategoricalCrossentropy(from_logits: true), metrics: ["accuracy"]);
        using var warnings = CapturedWarnings.of_callbacks();
        var history = model.fit(train_ds.map((x, y) => (x / 255, y)), validation_data: val_ds.map((x, y) => (x / 255, y)), epochs: 2, verbose: 0);
        Assert.That(history.history.Keys, Is.EquivalentTo(new[] { "loss", "accuracy", "val_loss", "val_accuracy" }));
        var (loss, acc) = model.evaluate(val_ds.map((x, y) => (x / 255, y)), verbose: 0);
        Assert.That(double.IsFinite(loss) && acc is >= 0 and <= 1);
    }
}
