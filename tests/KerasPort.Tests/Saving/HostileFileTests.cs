using System.IO.Compression;
using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Optimizers;
using KerasPort.Saving;
using KerasPort.Utils;

namespace KerasPort.Tests.Saving;

/// <summary>
/// Issue 11, in process (the crash cases also run in child processes: Stress/HostileCaseTests):
/// loads release every native tensor they make, files are checked before anything big is
/// allocated, and every file error is an InvalidDataException naming the file.
/// </summary>
[NonParallelizable] // counts libtorch's live tensors
public sealed class HostileFileTests : TempDirectoryTest
{
    private static Sequential Model(bool compile = true)
    {
        var model = new Sequential([keras.Input([8]), new Dense(16, activation: "relu"), new Dense(1)]);
        if (compile)
        {
            model.compile(optimizer: new Adam(), loss: "mse");
            model.optimizer!.build(model.trainable_weights);
        }
        return model;
    }

    /// <summary>
    /// How many tensors <paramref name="action"/> left to the garbage collector instead of disposing
    /// them: it runs with the collector held off, then a collection finalizes what it dropped.
    /// (libtorch's live count cannot be compared directly: TorchSharp counts each Parameter twice.)
    /// </summary>
    private static long TensorsLeftToTheFinalizer(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.That(GC.TryStartNoGCRegion(200L << 20), Is.True);
        try
        {
            action();
        }
        finally
        {
            if (System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.NoGCRegion) GC.EndNoGCRegion();
        }
        long after = torch.Tensor.TotalCount;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return after - torch.Tensor.TotalCount;
    }

    // Item 1: the tensors a load reads from the file, and set_weights' conversions, are disposed.
    [Test]
    public void load_weights_leaves_no_tensor_behind()
    {
        using var model = Model();
        string path = Path.Combine(dir, "m.weights.h5");
        model.save_weights(path);
        model.load_weights(path);
        Assert.That(TensorsLeftToTheFinalizer(() =>
        {
            for (int i = 0; i < 5; i++) model.load_weights(path);
        }), Is.Zero);
    }

    [Test]
    public void save_weights_and_save_leave_no_tensor_behind()
    {
        using var model = Model();
        model.save_weights(Path.Combine(dir, "warm.weights.h5"));
        Assert.That(TensorsLeftToTheFinalizer(() =>
        {
            for (int i = 0; i < 3; i++)
            {
                model.save_weights(Path.Combine(dir, "m.weights.h5"));
                model.save(Path.Combine(dir, "m.keras"));
            }
        }), Is.Zero);
    }

    // Item 12: a model loaded and disposed gives back every tensor it held.
    [Test]
    public void A_loaded_model_disposed_releases_its_weights()
    {
        string path = Path.Combine(dir, "m.keras");
        using (var model = Model(compile: false)) model.save(path);
        keras.models.load_model(path).Dispose();
        Assert.That(TensorsLeftToTheFinalizer(() =>
        {
            for (int i = 0; i < 3; i++)
            {
                using var loaded = keras.models.load_model(path, compile: false);
                Assert.That(loaded.layers.All(l => !l.disposed), Is.True);
            }
        }), Is.Zero);
    }

    [Test]
    public void Dispose_releases_the_weights_and_is_idempotent()
    {
        var model = Model();
        var kernel = ((Dense)model.layers[0]).kernel!;
        model.Dispose();
        Assert.That(kernel.IsInvalid, Is.True);
        Assert.That(model.disposed && model.layers.All(l => l.disposed), Is.True);
        Assert.DoesNotThrow(model.Dispose);
    }

    // Item 4: a file's shapes are checked before its data is read.
    [Test]
    public void A_huge_declared_kernel_fails_on_its_shape_without_reading_it()
    {
        using var model = new Sequential([keras.Input([4]), new Dense(4)]);
        string path = KerasFixtures.path("hostile", "huge_kernel.weights.h5");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var e = Assert.Throws<ArgumentException>(() => model.load_weights(path));
        Assert.That(e!.Message, Does.Contain("has shape (4, 4); the file").And.Contain(path).And.Contain("(16384, 16384)"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
    }

    // Items 4 and 7: corrupt and truncated files, and a gzip chunk that inflates past its size.
    [Test]
    public void Corrupt_weights_files_raise_InvalidDataException_naming_the_file()
    {
        using var model = Model(compile: false);
        string corrupt = Path.Combine(dir, "corrupt.weights.h5");
        File.WriteAllBytes(corrupt, [1, 2, 3, 4, 5]);
        var e = Assert.Throws<InvalidDataException>(() => model.load_weights(corrupt));
        Assert.That(e!.Message, Does.StartWith($"Cannot read '{corrupt}': it is not a readable Keras weights file (HDF5)"));
        Assert.That(e.InnerException, Is.Not.Null);
        Assert.That((string?)e.Data["filepath"], Is.EqualTo(corrupt));

        string good = Path.Combine(dir, "good.weights.h5"), truncated = Path.Combine(dir, "truncated.weights.h5");
        model.save_weights(good);
        var bytes = File.ReadAllBytes(good);
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        e = Assert.Throws<InvalidDataException>(() => model.load_weights(truncated));
        Assert.That(e!.Message, Does.StartWith($"Cannot read '{truncated}'"));
        Assert.Throws<InvalidDataException>(() => WeightsFile.read(truncated));

        using var small = new Sequential([keras.Input([4]), new Dense(4)]);
        string bomb = KerasFixtures.path("hostile", "bomb_chunk.weights.h5");
        e = Assert.Throws<InvalidDataException>(() => small.load_weights(bomb));
        Assert.That(e!.Message, Does.StartWith($"Cannot read '{bomb}'").And.Contain("inflates to more than its declared 64 bytes"));
    }

    // Item 5: archive members are bounded, configs may hold NaN and Infinity, errors name the file.
    [Test]
    public void A_config_past_the_limit_is_refused_naming_the_file()
    {
        string path = Path.Combine(dir, "bomb.keras");
        KerasArchiveBombs.write_config_bomb(path, KerasArchive.max_config_bytes + (1 << 20));
        var e = Assert.Throws<InvalidDataException>(() => keras.models.load_model(path));
        Assert.That(e!.Message, Is.EqualTo($"Cannot read '{path}': its config.json member inflates past 32 MiB, more than a Keras config needs (KerasArchive.max_config_bytes)."));
    }

    [Test]
    public void Configs_read_NaN_and_Infinity_as_Python_json_does()
    {
        var values = (List<object?>)KerasJson.loads("[NaN, Infinity, -Infinity, \"NaN\", {\"a\": -Infinity}, 1.5, 2]")!;
        Assert.That(double.IsNaN((double)values[0]!), Is.True);
        Assert.That(values[1], Is.EqualTo(double.PositiveInfinity));
        Assert.That(values[2], Is.EqualTo(double.NegativeInfinity));
        Assert.That(values[3], Is.EqualTo("NaN"));
        Assert.That(((Dictionary<string, object?>)values[4]!)["a"], Is.EqualTo(double.NegativeInfinity));
        Assert.That(values[5], Is.EqualTo(1.5));
        Assert.That(values[6], Is.EqualTo(2L));
        // The round trip of a non-finite value, as Keras's files carry it.
        Assert.That(KerasJson.dumps(KerasJson.loads("{\"value\": NaN}")), Is.EqualTo("{\"value\": NaN}"));
        var constant = Deserialization.deserialize_keras_object(KerasJson.loads(
            "{\"module\": \"keras.initializers\", \"class_name\": \"Constant\", \"config\": {\"value\": Infinity}, \"registered_name\": null}"));
        Assert.That(constant, Is.InstanceOf<KerasPort.Initializers.Constant>());
    }

    [Test]
    public void Bad_keras_archives_raise_InvalidDataException_naming_the_file()
    {
        string path = Path.Combine(dir, "m.keras");
        using (var model = Model()) model.save(path);
        string broken = Path.Combine(dir, "broken.keras");
        KerasArchiveEdits.rewrite_config(path, broken, _ => "{\"module\": \"keras\", ");
        var e = Assert.Throws<InvalidDataException>(() => keras.models.load_model(broken));
        Assert.That(e!.Message, Does.StartWith($"Cannot read '{broken}': its config.json is not valid JSON"));

        string bad_value = Path.Combine(dir, "bad_value.keras");
        KerasArchiveEdits.rewrite_config(path, bad_value, config => config.Replace("\"units\": 16", "\"units\": -16"));
        e = Assert.Throws<InvalidDataException>(() => keras.models.load_model(bad_value));
        Assert.That(e!.Message, Does.StartWith($"Cannot read '{bad_value}': its config.json describes no model KerasPort can build: Received an invalid value for argument units"));
        Assert.That(e.InnerException, Is.InstanceOf<ArgumentException>());

        string no_weights = Path.Combine(dir, "no_weights.keras");
        File.Copy(path, no_weights);
        using (var zip = ZipFile.Open(no_weights, ZipArchiveMode.Update)) zip.GetEntry("model.weights.h5")!.Delete();
        e = Assert.Throws<InvalidDataException>(() => keras.models.load_model(no_weights));
        Assert.That(e!.Message, Does.StartWith($"Cannot read '{no_weights}': it has no model.weights.h5 member"));

        string not_zip = Path.Combine(dir, "not_zip.keras");
        File.WriteAllText(not_zip, "hello");
        e = Assert.Throws<InvalidDataException>(() => keras.models.load_model(not_zip));
        Assert.That(e!.Message, Does.StartWith($"Cannot read '{not_zip}': it is not a `.keras` zip file"));
    }
}
