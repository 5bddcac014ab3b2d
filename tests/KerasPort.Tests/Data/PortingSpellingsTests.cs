using KerasPort.Callbacks;
using KerasPort.Data;
using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Optimizers;
using fashion_mnist = KerasPort.keras.datasets.fashion_mnist;

namespace KerasPort.Tests.Data;

/// <summary>
/// The C# spellings of PORTING.md sections 1-4 (get_file, keras.datasets, load_img/img_to_array,
/// image_dataset_from_directory, Dataset, fit/evaluate on a Dataset) for the data lines of P1-P6,
/// written as the ports write them, with Keras's real URLs: they must compile and behave as Keras
/// (a filled cache is used without a download, extraction beside the archive, element
/// deconstruction, map by arity, AUTOTUNE, "both" unpacking, unpacked evaluate results, fit on an
/// endless dataset bounded by steps_per_epoch). No line reaches the network: get_file's fetches
/// fail here, so a line that tried to download would fail its test.
/// </summary>
[NonParallelizable]
public sealed class PortingSpellingsTests : TempDirectoryTest
{
    private const int FEATURES = 28;
    private string? _previous_home;

    [SetUp]
    public void UseATemporaryKerasHome()
    {
        _previous_home = Environment.GetEnvironmentVariable("KERAS_HOME");
        Environment.SetEnvironmentVariable("KERAS_HOME", Path.Combine(dir, "home"));
        keras.utils.origin_resolver = uri => throw new InvalidOperationException($"PortingSpellingsTests must not download ({uri}).");
        IoUtils.stdout = TextWriter.Null;
    }

    [TearDown]
    public void RestoreKerasHome()
    {
        Environment.SetEnvironmentVariable("KERAS_HOME", _previous_home);
        keras.utils.origin_resolver = uri => uri;
        KerasPort.Data.Datasets.DatasetFiles.verify_hashes = true;
        IoUtils.stdout = null;
    }

    /// <summary>Puts <paramref name="content"/> in the Keras cache as <c>datasets/<paramref name="name"/></c>, as an earlier run would have.</summary>
    private string cached(string name, byte[] content)
    {
        var path = Path.Combine(dir, "home", "datasets", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>A .tgz of <paramref name="folder"/> (its name as the top folder), as flower_photos.tgz is laid out.</summary>
    private static byte[] tgz(string folder)
    {
        using var buffer = new MemoryStream();
        using (var gz = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            System.Formats.Tar.TarFile.CreateFromDirectory(folder, gz, includeBaseDirectory: true);
        return buffer.ToArray();
    }

    [Test]
    public void P1MnistBodyAndLoadData()
    {
        var fixture = File.ReadAllBytes(KerasFixtures.path("datasets", "home", "datasets", "mnist.npz"));
        var cached_path = cached("mnist.npz", fixture);
        var path = keras.utils.get_file(fname: "mnist.npz", origin: "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz");
        Assert.That(path, Is.EqualTo(cached_path));
        var arrays = KerasPort.Utils.Npy.load_npz(path);
        Assert.That(arrays.Keys, Is.EquivalentTo(new[] { "x_train", "y_train", "x_test", "y_test" }));
        // load_data(path) itself checks the real file's SHA-256: the tiny stand-in cannot pass it.
        KerasPort.Data.Datasets.DatasetFiles.verify_hashes = false;
        var ((x_train, y_train), (x_test, y_test)) = keras.datasets.mnist.load_data(path: "mnist.npz");
        Assert.That(x_train.equal(arrays["x_train"]).all().item<bool>() && y_test.equal(arrays["y_test"]).all().item<bool>(), Is.True);
        Assert.That(y_train.shape[0], Is.EqualTo(x_train.shape[0]));
        Assert.That(x_test.shape[1..], Is.EqualTo(new long[] { 28, 28 }));
    }

    [Test]
    public void P3P4P6GetFileOfACachedFile()
    {
        var higgs = cached("HIGGS.csv.gz", [1, 2, 3]);
        var gz = keras.utils.get_file("HIGGS.csv.gz", "http://mlphysics.ics.uci.edu/data/higgs/HIGGS.csv.gz");
        Assert.That(gz, Is.EqualTo(higgs));
        var sunflower = Path.Combine(dir, "sun.png");
        keras.utils.save_img(sunflower, ones(30, 40, 3) * 200, scale: false);
        cached("Red_sunflower", File.ReadAllBytes(sunflower));
        var sunflower_url = "https://storage.googleapis.com/download.tensorflow.org/example_images/592px-Red_sunflower.jpg";
        var sunflower_path = keras.utils.get_file("Red_sunflower", origin: sunflower_url);
        int img_height = 18, img_width = 20;
        var img = keras.utils.load_img(sunflower_path, target_size: (img_height, img_width));
        var img_array = keras.utils.img_to_array(img);
        Assert.That(img_array.shape, Is.EqualTo(new long[] { 18, 20, 3 }));
        Assert.That(img_array.equal(ones(18, 20, 3) * 200).all().item<bool>(), Is.True);
        var zip = cached("kagglecatsanddogs_5340.zip", [4, 5]);
        var zip_path = keras.utils.get_file("kagglecatsanddogs_5340.zip", origin: "https://download.microsoft.com/download/3/E/1/3E1C3F21-ECDB-4869-8368-6DEBA77B919F/kagglecatsanddogs_5340.zip");
        Assert.That(zip_path, Is.EqualTo(zip));
    }

    [Test]
    public void P5FlowersBothSubsetsAndPrepare()
    {
        cached("flower_photos.tgz", tgz(image_tree(5)));
        var dataset_url = "https://storage.googleapis.com/download.tensorflow.org/example_images/flower_photos.tgz";
        var data_dir = keras.utils.get_file("flower_photos.tgz", origin: dataset_url, extract: true);
        data_dir = Path.Combine(Path.GetDirectoryName(data_dir)!, "flower_photos_extracted", "flower_photos");
        Assert.That(Directory.GetDirectories(data_dir).Select(Path.GetFileName), Is.EquivalentTo(new[] { "daisy", "roses", "tulips" }));

        var (train_ds, val_ds) = keras.utils.image_dataset_from_directory(data_dir, validation_split: 0.2, subset: "both", seed: 123, image_size: (32, 32), batch_size: null);
        Assert.That(train_ds.file_paths!.Length + val_ds.file_paths!.Length, Is.EqualTo(15));
        var test_ds = val_ds.skip(2);
        val_ds = val_ds.take(2);
        var (image, label) = train_ds.First();
        Assert.That(image.shape, Is.EqualTo(new long[] { 32, 32, 3 }));
        Assert.That(label.shape, Is.Empty);

        var AUTOTUNE = Dataset.AUTOTUNE;
        var resize_and_rescale = new Sequential([new Resizing(16, 16), new Rescaling(1.0 / 255)]);
        var data_augmentation = new Sequential([new RandomFlip("horizontal_and_vertical")]);
        var aug_ds = train_ds.map((x, y) => (resize_and_rescale.__call__(x, training: true), y));
        Assert.That(aug_ds.First()[0].shape, Is.EqualTo(new long[] { 16, 16, 3 }));
        Dataset prepare(Dataset ds, bool shuffle = false, bool augment = false)
        {
            ds = ds.map((x, y) => (resize_and_rescale.__call__(x), y), num_parallel_calls: AUTOTUNE);
            if (shuffle) ds = ds.shuffle(1000);
            ds = ds.batch(4);
            if (augment) ds = ds.map((x, y) => (data_augmentation.__call__(x, training: true), y), num_parallel_calls: AUTOTUNE);
            return ds.prefetch(buffer_size: AUTOTUNE);
        }
        train_ds = prepare(train_ds, shuffle: true, augment: true);
        val_ds = prepare(val_ds);
        test_ds = prepare(test_ds);
        var (images, labels) = train_ds.First();
        Assert.That(images.shape[1..], Is.EqualTo(new long[] { 16, 16, 3 }));
        Assert.That(images.max().item<float>(), Is.LessThanOrEqualTo(1f));

        keras.utils.set_random_seed(3);
        using var model = new Sequential([new Flatten(), new Dense(3)]);
        model.compile(optimizer: "adam", loss: new KerasPort.Losses.SparseCategoricalCrossentropy(from_logits: true), metrics: ["accuracy"]);
        using var warnings = CapturedWarnings.of_callbacks();
        var history = model.fit(train_ds, validation_data: val_ds, epochs: 2, verbose: 0);
        Assert.That(history.history["val_accuracy"], Has.Count.EqualTo(2));
        var (loss, acc) = model.evaluate(test_ds, verbose: 0);
        Assert.That(double.IsFinite(loss) && acc is >= 0 and <= 1);
    }

    [Test]
    public void P6PetImagesPipeline()
    {
        var pets = Path.Combine(dir, "PetImages");
        foreach (var (cls, value) in new[] { ("Cat", 40f), ("Dog", 220f) })
        {
            Directory.CreateDirectory(Path.Combine(pets, cls));
            for (int i = 0; i < 5; i++) keras.utils.save_img(Path.Combine(pets, cls, $"{i}.jpg"), ones(24, 24, 3) * value, scale: false);
        }
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = dir;
        try
        {
            var image_size = (20, 20);
            int batch_size = 4;
            var (train_ds, val_ds) = keras.preprocessing.image_dataset_from_directory("PetImages", validation_split: 0.2, subset: "both", seed: 1337, image_size: image_size, batch_size: batch_size);
            Assert.That(train_ds.class_names, Is.EqualTo(new[] { "Cat", "Dog" }));
            foreach (var (images, _) in train_ds.take(1)) Assert.That(images.shape[1..], Is.EqualTo(new long[] { 20, 20, 3 }));
            var data_augmentation = new Sequential([new RandomFlip("horizontal")]);
            train_ds = train_ds.map((img, label) => (data_augmentation.__call__(img), label), num_parallel_calls: Dataset.AUTOTUNE);
            train_ds = train_ds.prefetch(Dataset.AUTOTUNE);
            val_ds = val_ds.prefetch(buffer_size: 32);
            keras.utils.set_random_seed(6);
            using var model = new Sequential([keras.Input([20, 20, 3]), new Rescaling(1.0 / 255), new Flatten(), new Dense(1)]);
            model.compile(optimizer: new Adam(3e-4), loss: new KerasPort.Losses.BinaryCrossentropy(from_logits: true), metrics: [new KerasPort.Metrics.BinaryAccuracy(name: "acc")]);
            var epochs = 2;
            var callbacks = new List<Callback> { new LambdaCallback() };
            // As P6 writes it: int32 labels [batch] against logits [batch, 1], as Keras's loss takes them.
            var history = model.fit(train_ds, epochs: epochs, callbacks: callbacks, validation_data: val_ds);
            Assert.That(history.history.Keys, Is.EquivalentTo(new[] { "loss", "acc", "val_loss", "val_acc" }));
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    private static Dataset CsvDataset(Tensor table) => Dataset.from_tensor_slices(table.unbind(1));

    private static (Tensor, Tensor) pack_row(params Tensor[] row)
    {
        var label = row[0];
        var features = stack(row[1..], 1);
        return (features, label);
    }

    [Test]
    public void P2FashionMnist()
    {
        var home = Path.Combine(dir, "home", "datasets", "fashion-mnist");
        Directory.CreateDirectory(home);
        foreach (var f in Directory.GetFiles(KerasFixtures.path("datasets", "home", "datasets", "fashion-mnist")))
            File.Copy(f, Path.Combine(home, Path.GetFileName(f)));
        var previous = Environment.GetEnvironmentVariable("KERAS_HOME");
        Environment.SetEnvironmentVariable("KERAS_HOME", Path.Combine(dir, "home"));
        try
        {
            var ((train_images, train_labels), (test_images, test_labels)) = fashion_mnist.load_data();
            Assert.That(train_images.shape, Is.EqualTo(new long[] { 4, 28, 28 }));
            Assert.That(train_labels.dtype, Is.EqualTo(ScalarType.Byte));
            Assert.That(test_images.shape[0], Is.EqualTo(test_labels.shape[0]));
        }
        finally
        {
            Environment.SetEnvironmentVariable("KERAS_HOME", previous);
        }
    }

    [Test]
    public void P3Pipeline()
    {
        var g = new torch.Generator(11);
        var table = rand([300, FEATURES + 1], generator: g);
        table[.., 0] = table[.., 1].gt(0.5).to_type(ScalarType.Float32);
        int N_VALIDATION = 50, N_TRAIN = 200, BUFFER_SIZE = 100, BATCH_SIZE = 25, STEPS_PER_EPOCH = N_TRAIN / BATCH_SIZE;

        var ds = CsvDataset(table);
        var packed_ds = ds.batch(100).map(pack_row).unbatch();
        Tensor features = null!, label = null!;
        foreach (var element in packed_ds.batch(10).take(1))
        {
            (features, label) = element;
        }
        Assert.That(features.shape, Is.EqualTo(new long[] { 10, FEATURES }));
        Assert.That(label.shape, Is.EqualTo(new long[] { 10 }));

        var validate_ds = packed_ds.take(N_VALIDATION).cache();
        var train_ds = packed_ds.skip(N_VALIDATION).take(N_TRAIN).cache();
        using (var shown = new StringWriter())
        {
            var stdout = Console.Out;
            Console.SetOut(shown);
            Console.WriteLine(train_ds);
            Console.SetOut(stdout);
            Assert.That(shown.ToString(), Does.StartWith("<CacheDataset element_spec="));
        }
        Assert.That(train_ds.ToString(), Is.EqualTo("<CacheDataset element_spec=(TensorSpec(shape=(28,), dtype=tf.float32, name=None), TensorSpec(shape=(), dtype=tf.float32, name=None))>"));
        validate_ds = validate_ds.batch(BATCH_SIZE);
        train_ds = train_ds.shuffle(BUFFER_SIZE).repeat().batch(BATCH_SIZE);
        Assert.That(train_ds.cardinality(), Is.EqualTo(Dataset.INFINITE));

        keras.utils.set_random_seed(1);
        var model = new Sequential([keras.Input([FEATURES]), new Dense(16, activation: "elu"), new Dense(1)]);
        model.compile(optimizer: new Adam(0.001), loss: new KerasPort.Losses.BinaryCrossentropy(from_logits: true),
            metrics: [new KerasPort.Metrics.BinaryCrossentropy(from_logits: true, name: "binary_crossentropy"), "accuracy"]);
        var early_stopping = new EarlyStopping(monitor: "val_binary_crossentropy", patience: 200);
        using var warnings = CapturedWarnings.of_callbacks();
        KerasPort.Models.Model.reset_ran_out_warning();
        var history = model.fit(train_ds.map((x, y) => (x, y.unsqueeze(-1))), steps_per_epoch: STEPS_PER_EPOCH, epochs: 3,
            validation_data: validate_ds.map((x, y) => (x, y.unsqueeze(-1))), callbacks: [early_stopping], verbose: 0);
        Assert.That(history.history.Keys, Is.EquivalentTo(new[] { "loss", "binary_crossentropy", "accuracy", "val_loss", "val_binary_crossentropy", "val_accuracy" }));
        Assert.That(history.history["loss"], Has.Count.EqualTo(3));
        // validate_ds has no known length (unbatch): Keras warns once when its pass ends.
        Assert.That(warnings.lines().Count(l => l.StartsWith("Your input ran out of data")), Is.EqualTo(1));
    }

    private string image_tree(int per_class)
    {
        var root = Path.Combine(dir, "flower_photos");
        var g = new torch.Generator(5);
        foreach (var cls in new[] { "daisy", "roses", "tulips" })
        {
            Directory.CreateDirectory(Path.Combine(root, cls));
            for (int i = 0; i < per_class; i++)
                keras.utils.save_img(Path.Combine(root, cls, $"{i}.png"), randint(0, 256, [20, 20, 3], generator: g).to_type(ScalarType.Float32), scale: false);
        }
        return root;
    }

    [Test]
    public void P4Pipeline()
    {
        var data_dir = image_tree(6);
        int batch_size = 4, img_height = 20, img_width = 20;
        IoUtils.stdout = TextWriter.Null;
        try
        {
            var train_ds = keras.utils.image_dataset_from_directory(data_dir, validation_split: 0.2, subset: "training", seed: 123,
                image_size: (img_height, img_width), batch_size: batch_size);
            var val_ds = keras.utils.image_dataset_from_directory(data_dir, validation_split: 0.2, subset: "validation", seed: 123,
                image_size: (img_height, img_width), batch_size: batch_size);
            var class_names = train_ds.class_names!;
            Assert.That(class_names.Length, Is.EqualTo(3));
            Assert.That(class_names[0], Is.EqualTo("daisy"));
            foreach (var element in train_ds)
            {
                var (image_batch, labels_batch) = element;
                Assert.That(image_batch.shape, Is.EqualTo(new long[] { 4, 20, 20, 3 }));
                Assert.That(labels_batch.shape, Is.EqualTo(new long[] { 4 }));
                break;
            }
            var AUTOTUNE = Dataset.AUTOTUNE;
            train_ds = train_ds.cache().shuffle(1000).prefetch(buffer_size: AUTOTUNE);
            val_ds = val_ds.cache().prefetch(buffer_size: AUTOTUNE);
            var normalization_layer = new Dense(3);
            var normalized_ds = train_ds.map((x, y) => (normalization_layer.__call__(x), y));
            var (first_images, first_labels) = normalized_ds.First();
            Assert.That(first_images.shape[1..], Is.EqualTo(new long[] { 20, 20, 3 }));
            foreach (var (images, _) in train_ds.take(1)) Assert.That(images.shape[1..], Is.EqualTo(new long[] { 20, 20, 3 }));

            keras.utils.set_random_seed(2);
            var model = new Sequential([keras.Input([img_height, img_width, 3]), new Flatten(), new Dense(class_names.Length)]);
            model.compile(optimizer: "adam", loss: new KerasPort.Losses.SparseCategoricalCrossentropy(from_logits: true), metrics: ["accuracy"]);
            using var warnings = CapturedWarnings.of_callbacks();
            var history = model.fit(train_ds.map((x, y) => (x / 255, y), num_parallel_calls: AUTOTUNE), validation_data: val_ds.map((x, y) => (x / 255, y)), epochs: 2, verbose: 0);
            Assert.That(history.history["val_accuracy"], Has.Count.EqualTo(2));
            var test_ds = val_ds.skip(1);
            var (loss, acc) = model.evaluate(test_ds.map((x, y) => (x / 255, y)), verbose: 0);
            Assert.That(double.IsFinite(loss) && acc >= 0);
        }
        finally
        {
            IoUtils.stdout = null;
        }
    }
}
