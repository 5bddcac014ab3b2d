namespace KerasPort.Tests.Stress;

/// <summary>
/// Issue 11's crashes, each in a child process (TestSupport/ChildProcess): each must end in a
/// managed exception that names the culprit, quickly and without taking gigabytes, instead of
/// killing the process.
/// </summary>
public sealed class HostileCaseTests : TempDirectoryTest
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    private static string Hostile(string name) => KerasFixtures.path("hostile", name);

    // Item 1: a 4.7 MB checkpoint (Dense 256-512-512-1 with Adam state, from ModelCheckpoint)
    // loaded through load_model and load_weights 150 times each (it crashed after 70 to 83).
    [Test]
    public void Loading_a_checkpoint_many_times_in_one_process_does_not_crash()
    {
        var child = ChildProcess.run(TimeSpan.FromSeconds(300), "repeat-load", dir, "150");
        child.expect("ok");
        Assert.That(new FileInfo(Path.Combine(dir, "ckpt.keras")).Length, Is.GreaterThan(4_500_000), "the checkpoint of the report (4.7 MB)");
        Assert.That(child.peak_rss_mb, Is.LessThan(1500), "memory stays flat over the loads");
    }

    // Item 2: sizes that cannot be allocated raise, naming the layer and the size.
    [TestCase("dense-units", "System.ArgumentException: Cannot create the weight 'kernel' of layer 'dense' with shape (4, 9223372036854775807)")]
    [TestCase("conv-filters", "System.ArgumentException: Cannot create the weight 'kernel' of layer 'conv2d' with shape (3, 3, 1, 9223372036854775807)")]
    [TestCase("conv-kernel", "System.ArgumentException: Cannot create the weight 'kernel' of layer 'conv2d' with shape (2147483647, 2147483647, 1, 4)")]
    public void Impossible_weight_sizes_raise_naming_the_layer(string @case, string expected)
    {
        ChildProcess.run(Timeout, @case).expect(expected);
    }

    [Test]
    public void A_keras_file_asking_for_a_48_GB_kernel_raises_InsufficientMemoryException()
    {
        var child = ChildProcess.run(Timeout, "huge-keras", dir);
        string result = child.expect("System.InsufficientMemoryException: The model that ");
        Assert.That(result, Does.Contain("huge.keras").And.Contain("shape (60000, 200000)"));
        Assert.That(child.peak_rss_mb, Is.LessThan(1000));
    }

    // Item 3: PIL's "image file is truncated", before any pixel is allocated.
    [TestCase("png_13000_truncated.png")]
    [TestCase("short_idat.png")]
    public void A_png_whose_data_does_not_cover_the_image_is_refused(string file)
    {
        var child = ChildProcess.run(Timeout, "load-img", Hostile(file));
        child.expect($"System.IO.InvalidDataException: image file '{Hostile(file)}' is truncated");
        Assert.That(child.peak_rss_mb, Is.LessThan(500), "nothing near the 1.8 GB the header claims");
    }

    // Item 4: shapes are checked before any data is read; a chunk cannot inflate past its size.
    [TestCase("huge_kernel.weights.h5", "System.ArgumentException: Layer 'dense' weight 0 has shape (4, 4); the file")]
    [TestCase("huge_kernel_gzip.weights.h5", "System.ArgumentException: Layer 'dense' weight 0 has shape (4, 4); the file")]
    [TestCase("bomb_chunk.weights.h5", "System.IO.InvalidDataException: Cannot read '")]
    public void Weights_files_that_declare_more_than_the_model_holds_fail_fast(string file, string expected)
    {
        var child = ChildProcess.run(Timeout, "load-weights", Hostile(file), "4,4");
        string result = child.expect(expected);
        Assert.That(result, Does.Contain(file));
        Assert.That(child.peak_rss_mb, Is.LessThan(500), "the 1 GiB kernel (or 64 MiB chunk) is never allocated");
        Assert.That(child.elapsed, Is.LessThan(TimeSpan.FromSeconds(60)));
    }

    // Item 5: a config.json that inflates past the limit is refused before it is read.
    [Test]
    public void A_keras_file_whose_config_inflates_to_hundreds_of_megabytes_is_refused()
    {
        string path = Path.Combine(dir, "bomb.keras");
        KerasArchiveBombs.write_config_bomb(path, 600L << 20);
        var child = ChildProcess.run(Timeout, "load-model", path);
        string result = child.expect("System.IO.InvalidDataException: Cannot read '");
        Assert.That(result, Does.Contain("config.json member inflates past 32 MiB"));
        Assert.That(child.peak_rss_mb, Is.LessThan(500));
    }
}
