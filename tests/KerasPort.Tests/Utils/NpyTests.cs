using KerasPort.Utils;

namespace KerasPort.Tests.Utils;

public class NpyTests
{
    [Test]
    public void Loads_a_compressed_npz_written_by_numpy()
    {
        var arrays = Npy.load_npz(KerasFixtures.path("fit/v01_article_l1l2_adam/data.npz"));
        Assert.That(arrays["x"].shape, Is.EqualTo(new long[] { 120, 60 }));
        Assert.That(arrays["x"].dtype, Is.EqualTo(ScalarType.Float32));
        Assert.That(arrays["w0_0"].shape, Is.EqualTo(new long[] { 60, 60 }));
    }

    [Test]
    public void Loads_int32_labels()
    {
        var arrays = Npy.load_npz(KerasFixtures.path("fit/v07_multiclass_sparse_categorical/data.npz"));
        Assert.That(arrays["y"].dtype, Is.EqualTo(ScalarType.Int32));
        Assert.That(arrays["y"].dim(), Is.EqualTo(1));
    }

    [TestCase(ScalarType.Float32)]
    [TestCase(ScalarType.Float64)]
    [TestCase(ScalarType.Int64)]
    [TestCase(ScalarType.Byte)]
    public void Round_trips_through_npy_and_npz(ScalarType dtype)
    {
        var original = torch.arange(24, dtype: ScalarType.Float64).reshape(2, 3, 4).to_type(dtype);
        string dir = Path.Combine(Path.GetTempPath(), "kp-npy-" + Guid.NewGuid());
        Directory.CreateDirectory(dir);
        try
        {
            Npy.save(Path.Combine(dir, "a.npy"), original);
            Assert.That(Npy.load(Path.Combine(dir, "a.npy")).eq(original).all().item<bool>(), Is.True);
            Npy.savez(Path.Combine(dir, "b.npz"), new Dictionary<string, Tensor> { ["a"] = original, ["s"] = torch.tensor(3.5) }, compressed: true);
            var back = Npy.load_npz(Path.Combine(dir, "b.npz"));
            Assert.That(back["a"].eq(original).all().item<bool>(), Is.True);
            Assert.That(back["s"].dim(), Is.Zero);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void Rejects_a_file_that_is_not_npy()
    {
        using var stream = new MemoryStream(new byte[64]);
        Assert.Throws<InvalidDataException>(() => Npy.read(stream));
    }
}
