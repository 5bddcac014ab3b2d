using System.Text.Json;
using KerasPort.Data;
using KerasPort.Data.Datasets;
using KerasPort.Utils;

namespace KerasPort.Tests.Data;

/// <summary>
/// keras.datasets.*.load_data on tiny files in Keras's cache formats (tests/fixtures/datasets),
/// copied into a temporary KERAS_HOME, against what Keras 3.15.1's loaders returned for the same
/// files; and Keras's npz_utils_test (ragged object arrays, numeric arrays, pickle gadgets).
/// </summary>
[NonParallelizable]
public sealed class DatasetsTests : TempDirectoryTest
{
    private static readonly JsonElement Expected = JsonDocument.Parse(File.ReadAllText(KerasFixtures.path("datasets", "expected.json"))).RootElement;
    private TinyKerasCache _cache = null!;

    [SetUp]
    public void UseTinyCache()
    {
        copy(KerasFixtures.path("datasets", "home"), Path.Combine(dir, "home"));
        _cache = new TinyKerasCache(Path.Combine(dir, "home"));
    }

    [TearDown]
    public void RestoreCache() => _cache.Dispose();

    private static void copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        foreach (var d in Directory.GetDirectories(from)) copy(d, Path.Combine(to, Path.GetFileName(d)));
    }

    private static readonly Dictionary<string, ScalarType> DTypes = new()
    {
        ["uint8"] = ScalarType.Byte, ["int64"] = ScalarType.Int64, ["float64"] = ScalarType.Float64, ["float32"] = ScalarType.Float32,
    };

    private static void AssertArray(Tensor actual, JsonElement expected, string what)
    {
        Assert.That(actual.dtype, Is.EqualTo(DTypes[expected.GetProperty("dtype").GetString()!]), what);
        Assert.That(actual.shape, Is.EqualTo(expected.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray()), what);
        var values = expected.GetProperty("values").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        using var flat = actual.flatten().to_type(ScalarType.Float64);
        Assert.That(flat.data<double>().ToArray(), Is.EqualTo(values), what);
    }

    private static void AssertSequences(int[][] actual, JsonElement expected, string what)
    {
        Assert.That(expected.GetProperty("dtype").GetString(), Is.EqualTo("object"));
        var values = expected.GetProperty("values").EnumerateArray().Select(s => s.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToArray();
        Assert.That(actual, Is.EqualTo(values), what);
    }

    private static void AssertSplit(((Tensor x_train, Tensor y_train), (Tensor x_test, Tensor y_test)) actual, string name)
    {
        var e = Expected.GetProperty(name);
        var ((x_train, y_train), (x_test, y_test)) = actual;
        AssertArray(x_train, e.GetProperty("x_train"), name + " x_train");
        AssertArray(y_train, e.GetProperty("y_train"), name + " y_train");
        AssertArray(x_test, e.GetProperty("x_test"), name + " x_test");
        AssertArray(y_test, e.GetProperty("y_test"), name + " y_test");
    }

    private static void AssertSequenceSplit(((int[][] x_train, Tensor y_train), (int[][] x_test, Tensor y_test)) actual, string name)
    {
        var e = Expected.GetProperty(name);
        var ((x_train, y_train), (x_test, y_test)) = actual;
        AssertSequences(x_train, e.GetProperty("x_train"), name + " x_train");
        AssertArray(y_train, e.GetProperty("y_train"), name + " y_train");
        AssertSequences(x_test, e.GetProperty("x_test"), name + " x_test");
        AssertArray(y_test, e.GetProperty("y_test"), name + " y_test");
    }

    [Test]
    public void Mnist() => AssertSplit(keras.datasets.mnist.load_data(), "mnist");

    [Test]
    public void FashionMnistDeconstructsAsPythonUnpacks()
    {
        var ((train_images, train_labels), (test_images, test_labels)) = keras.datasets.fashion_mnist.load_data();
        AssertSplit(((train_images, train_labels), (test_images, test_labels)), "fashion_mnist");
        Assert.That(train_images.shape[1..], Is.EqualTo(new long[] { 28, 28 }));
    }

    [Test]
    public void Cifar10() => AssertSplit(keras.datasets.cifar10.load_data(), "cifar10");

    [Test]
    public void Cifar100()
    {
        AssertSplit(keras.datasets.cifar100.load_data(), "cifar100_fine");
        AssertSplit(keras.datasets.cifar100.load_data(label_mode: "coarse"), "cifar100_coarse");
        var e = Assert.Throws<ArgumentException>(() => keras.datasets.cifar100.load_data(label_mode: "medium"));
        Assert.That(e!.Message, Does.StartWith("`label_mode` must be one of `\"fine\"`, `\"coarse\"`. Received: label_mode=medium."));
    }

    [Test]
    public void BostonHousing()
    {
        AssertSplit(keras.datasets.boston_housing.load_data(), "boston_housing");
        AssertSplit(keras.datasets.boston_housing.load_data(test_split: 0.3, seed: 7), "boston_housing_split");
        Assert.Throws<ArgumentException>(() => keras.datasets.boston_housing.load_data(test_split: 1));
    }

    [Test]
    public void Imdb()
    {
        AssertSequenceSplit(keras.datasets.imdb.load_data(), "imdb");
        AssertSequenceSplit(keras.datasets.imdb.load_data(num_words: 20, skip_top: 3, maxlen: 9, seed: 5), "imdb_options");
        AssertSequenceSplit(keras.datasets.imdb.load_data(num_words: 25, oov_char: null, start_char: null, index_from: 0), "imdb_no_oov");
        Assert.Throws<ArgumentException>(() => keras.datasets.imdb.load_data(maxlen: 2));
        var index = keras.datasets.imdb.get_word_index();
        Assert.That(index, Is.EqualTo(Expected.GetProperty("imdb_word_index").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32())));
    }

    [Test]
    public void Reuters()
    {
        AssertSequenceSplit(keras.datasets.reuters.load_data(), "reuters");
        AssertSequenceSplit(keras.datasets.reuters.load_data(num_words: 30, skip_top: 2, maxlen: 10, test_split: 0.4, seed: 3), "reuters_options");
        Assert.That(keras.datasets.reuters.get_word_index()["the"], Is.EqualTo(1));
        Assert.That(keras.datasets.reuters.get_label_names(), Has.Length.EqualTo(46));
        Assert.That(keras.datasets.reuters.get_label_names()[3], Is.EqualTo("earn"));
    }

    [Test]
    public void AFileThatIsNotWhatItsNameSaysIsNamed()
    {
        var path = Path.Combine(dir, "home", "datasets", "mnist.npz");
        File.WriteAllText(path, "<html>not a zip</html>");
        var e = Assert.Throws<InvalidDataException>(() => keras.datasets.mnist.load_data());
        Assert.That(e!.Message, Does.StartWith(path));
        var idx = Path.Combine(dir, "home", "datasets", "fashion-mnist", "train-labels-idx1-ubyte.gz");
        File.WriteAllText(idx, "not gzip");
        e = Assert.Throws<InvalidDataException>(() => keras.datasets.fashion_mnist.load_data());
        Assert.That(e!.Message, Does.StartWith(idx));
    }

    [Test]
    public void NpzLoadsRaggedObjectArrays()
    {
        // npz_utils_test.test_loads_ragged_object_arrays
        var loaded = Npy.load_npz_with_objects(KerasFixtures.path("datasets", "npz_utils", "ragged.npz"));
        Assert.That(DatasetFiles.sequences(loaded["x"], "x", "ragged.npz"), Is.EqualTo(new[] { new[] { 1, 14, 22 }, new[] { 1, 194 }, new[] { 1, 14, 47, 8 } }));
        Assert.That(((Tensor)loaded["y"]).data<long>().ToArray(), Is.EqualTo(new long[] { 1, 0, 1 }));
    }

    [Test]
    public void NpzLoadsNumericArrays()
    {
        // npz_utils_test.test_loads_numeric_arrays
        var path = Path.Combine(dir, "numeric.npz");
        Npy.savez(path, new Dictionary<string, Tensor> { ["a"] = arange(10), ["b"] = ones(3, 4) });
        var loaded = Npy.load_npz_with_objects(path);
        Assert.That(((Tensor)loaded["a"]).data<long>().ToArray(), Is.EqualTo(Enumerable.Range(0, 10).Select(i => (long)i)));
        Assert.That(((Tensor)loaded["b"]).shape, Is.EqualTo(new long[] { 3, 4 }));
        Assert.That(((Tensor)loaded["b"]).dtype, Is.EqualTo(ScalarType.Float32));
    }

    [Test]
    public void NpzRefusesPickleGadgets()
    {
        // npz_utils_test.test_rejects_pickle_gadget: the payload names os.system (posix.system).
        var e = Assert.Throws<InvalidDataException>(() => Npy.load_npz_with_objects(KerasFixtures.path("datasets", "npz_utils", "evil.npz")));
        Assert.That(e!.Message, Does.StartWith("Refusing to deserialize `posix.system` while loading a Keras dataset."));
    }

    [Test]
    public void ATruncatedPickleIsAClearError()
    {
        var path = Path.Combine(dir, "batch");
        File.WriteAllBytes(path, [0x80, 0x02, (byte)'}', (byte)'q', 0]);
        var e = Assert.Throws<InvalidDataException>(() => Cifar.load_batch(path));
        Assert.That(e!.Message, Does.StartWith(path));
    }
}
