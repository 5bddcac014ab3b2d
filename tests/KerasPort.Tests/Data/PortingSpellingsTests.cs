using KerasPort.Callbacks;
using KerasPort.Data;
using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Optimizers;
using fashion_mnist = KerasPort.keras.datasets.fashion_mnist;

namespace KerasPort.Tests.Data;

/// <summary>
/// The C# spellings of PORTING.md sections 1-4 for the data pipelines of P3
/// (overfit_and_underfit) and P4 (images/classification), written as the ports write them:
/// they must compile and behave as Keras (element deconstruction, map by arity, AUTOTUNE,
/// unpacked evaluate results, fit on an endless dataset bounded by steps_per_epoch).
/// </summary>
[NonParallelizable]
public sealed class PortingSpellingsTests : TempDirectoryTest
{
    private const int FEATURES = 28;

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
