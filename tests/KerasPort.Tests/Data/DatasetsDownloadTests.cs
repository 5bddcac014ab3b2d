using KerasPort.Data;
using KerasPort.Data.Datasets;

namespace KerasPort.Tests.Data;

/// <summary>
/// keras.datasets.*.load_data with an empty cache: each loader downloads through get_file from
/// Keras 3.15.1's own URLs (keras/src/datasets/*.py), here answered by a real HTTP server on
/// 127.0.0.1 serving the tiny stand-ins of tests/fixtures/datasets at the same paths, and leaves
/// the cache laid out exactly as Keras's (the fixture cache, which Keras's loaders read); a second
/// call downloads nothing.
/// </summary>
[NonParallelizable]
public sealed class DatasetsDownloadTests : TempDirectoryTest
{
    private static readonly string FixtureCache = KerasFixtures.path("datasets", "home", "datasets");
    private LocalHttpServer _server = null!;
    private TinyKerasCache _cache = null!;

    /// <summary>Keras's URL of each fixture file (relative to the cache's datasets folder), as keras/src/datasets spells it.</summary>
    private static readonly Dictionary<string, string> KerasUrls = new()
    {
        ["mnist.npz"] = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz",
        ["boston_housing.npz"] = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/boston_housing.npz",
        ["imdb.npz"] = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/imdb.npz",
        ["imdb_word_index.json"] = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/imdb_word_index.json",
        ["reuters.npz"] = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/reuters.npz",
        ["reuters_word_index.json"] = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/reuters_word_index.json",
        ["fashion-mnist/train-labels-idx1-ubyte.gz"] = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/train-labels-idx1-ubyte.gz",
        ["fashion-mnist/train-images-idx3-ubyte.gz"] = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/train-images-idx3-ubyte.gz",
        ["fashion-mnist/t10k-labels-idx1-ubyte.gz"] = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/t10k-labels-idx1-ubyte.gz",
        ["fashion-mnist/t10k-images-idx3-ubyte.gz"] = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/t10k-images-idx3-ubyte.gz",
        ["cifar-10-batches-py-target_archive"] = "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz",
        ["cifar-100-python-target_archive"] = "https://www.cs.toronto.edu/~kriz/cifar-100-python.tar.gz",
    };

    /// <summary>The server's path for a URL: its host, then its path.</summary>
    private static string served_path(Uri uri) => uri.Host + uri.AbsolutePath;

    [SetUp]
    public void StartServer()
    {
        _server = new LocalHttpServer();
        foreach (var (file, url) in KerasUrls)
            _server.files[served_path(new Uri(url))] = File.ReadAllBytes(Path.Combine(FixtureCache, file));
        keras.utils.origin_resolver = uri => new Uri(_server.url + served_path(uri));
        _cache = new TinyKerasCache(Path.Combine(dir, "home"));
    }

    [TearDown]
    public void StopServer()
    {
        keras.utils.origin_resolver = uri => uri;
        _server.Dispose();
        _cache.Dispose();
    }

    private static IEnumerable<TestCaseData> Loaders()
    {
        yield return new TestCaseData((Action)(() => keras.datasets.mnist.load_data()), new[] { "mnist.npz" }).SetName("Downloads_mnist");
        yield return new TestCaseData((Action)(() => keras.datasets.fashion_mnist.load_data()),
            new[] { "fashion-mnist/train-labels-idx1-ubyte.gz", "fashion-mnist/train-images-idx3-ubyte.gz", "fashion-mnist/t10k-labels-idx1-ubyte.gz", "fashion-mnist/t10k-images-idx3-ubyte.gz" }).SetName("Downloads_fashion_mnist");
        yield return new TestCaseData((Action)(() => keras.datasets.cifar10.load_data()), new[] { "cifar-10-batches-py-target_archive" }).SetName("Downloads_cifar10");
        yield return new TestCaseData((Action)(() => keras.datasets.cifar100.load_data()), new[] { "cifar-100-python-target_archive" }).SetName("Downloads_cifar100");
        yield return new TestCaseData((Action)(() => keras.datasets.boston_housing.load_data()), new[] { "boston_housing.npz" }).SetName("Downloads_boston_housing");
        yield return new TestCaseData((Action)(() => { keras.datasets.imdb.load_data(); keras.datasets.imdb.get_word_index(); }), new[] { "imdb.npz", "imdb_word_index.json" }).SetName("Downloads_imdb");
        yield return new TestCaseData((Action)(() => { keras.datasets.reuters.load_data(); keras.datasets.reuters.get_word_index(); }), new[] { "reuters.npz", "reuters_word_index.json" }).SetName("Downloads_reuters");
    }

    [TestCaseSource(nameof(Loaders))]
    public void DownloadsFromKerasUrlsIntoKerasCacheLayout(Action load, string[] files)
    {
        load();
        var cache = Path.Combine(dir, "home", "datasets");
        foreach (var file in files)
        {
            Assert.That(_server.requests.GetValueOrDefault(served_path(new Uri(KerasUrls[file]))), Is.EqualTo(1), KerasUrls[file]);
            Assert.That(File.ReadAllBytes(Path.Combine(cache, file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(FixtureCache, file))), file);
        }
        Assert.That(_server.requests.Values.Sum(), Is.EqualTo(files.Length), "only the loader's own files are fetched");
        // The archives are extracted beside themselves, where Keras's loaders look.
        foreach (var archive in files.Where(f => f.EndsWith("_archive")))
            Assert.That(Directory.Exists(Path.Combine(cache, archive[..^"_archive".Length])), archive);
        load();
        Assert.That(_server.requests.Values.Sum(), Is.EqualTo(files.Length), "a filled cache is reused");
    }
}
