using System.Text;
using KerasPort.Utils;

namespace KerasPort.Tests.Utils;

/// <summary>Issue 11, item 6: Npy.load on broken files raises one InvalidDataException that names the file.</summary>
public sealed class NpyHostileTests : TempDirectoryTest
{
    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>A version 1.0 .npy file with <paramref name="header"/> (padded as numpy pads it) and <paramref name="data"/>.</summary>
    private static byte[] Npy1(string header, byte[] data)
    {
        int total = 10 + header.Length + 1;
        header = header.PadRight(header.Length + (64 - total % 64) % 64) + "\n";
        return [0x93, .. "NUMPY"u8, 1, 0, .. BitConverter.GetBytes((ushort)header.Length), .. Encoding.ASCII.GetBytes(header), .. data];
    }

    private void AssertRefused(string path, string problem)
    {
        var e = Assert.Throws<InvalidDataException>(() => Npy.load(path));
        Assert.That(e!.Message, Does.StartWith($"Cannot read '{path}': ").And.Contain(problem));
    }

    [Test]
    public void A_truncated_file_names_the_file()
    {
        string good = Path.Combine(dir, "good.npy");
        Npy.save(good, torch.arange(100, dtype: ScalarType.Float32));
        var bytes = File.ReadAllBytes(good);
        AssertRefused(Write("short_data.npy", bytes[..(bytes.Length - 10)]), "only 390 bytes of data follow");
        AssertRefused(Write("short_header.npy", bytes[..40]), "the file ends inside its .npy header (truncated)");
        AssertRefused(Write("empty.npy", []), "the file ends inside its .npy header");
    }

    [Test]
    public void A_lying_header_fails_before_allocating()
    {
        var path = Write("lying.npy", Npy1("{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 100000), }", new byte[16]));
        AssertRefused(path, "declares 10000000000 elements of '<f4' (40000000000 bytes) but only 16 bytes of data follow");
    }

    [TestCase("(-3, 4)", "invalid shape")]
    [TestCase("(4611686018427387904, 4)", "whose size overflows")]
    [TestCase("(9223372036854775808,)", "invalid shape")]
    [TestCase("(3, x)", "invalid shape")]
    public void Negative_overflowing_and_unparsable_shapes_name_the_file(string shape, string problem)
    {
        AssertRefused(Write("shape.npy", Npy1($"{{'descr': '<f4', 'fortran_order': False, 'shape': {shape}, }}", new byte[64])), problem);
    }

    [Test]
    public void A_garbage_header_names_the_file()
    {
        AssertRefused(Write("garbage.npy", Npy1("hello, world", new byte[8])), "its header is not a numpy header");
        AssertRefused(Write("magic.npy", "not a numpy file at all"u8.ToArray()), "it is not a .npy file (bad magic string)");
        byte[] long_header = [0x93, .. "NUMPY"u8, 2, 0, .. BitConverter.GetBytes(int.MaxValue)];
        AssertRefused(Write("long_header.npy", long_header), "its header is 2147483647 bytes long; numpy reads at most 10000");
        AssertRefused(Write("dtype.npy", Npy1("{'descr': '<c16', 'fortran_order': False, 'shape': (2,), }", new byte[32])), "unsupported dtype '<c16'");
    }

    [Test]
    public void A_broken_npz_names_the_file_and_its_member()
    {
        string path = Write("broken.npz", "PK not really"u8.ToArray());
        var e = Assert.Throws<InvalidDataException>(() => Npy.load_npz(path));
        Assert.That(e!.Message, Does.StartWith($"Cannot read '{path}': it is not a .npz (zip) file"));

        string npz = Path.Combine(dir, "lying.npz");
        using (var zip = System.IO.Compression.ZipFile.Open(npz, System.IO.Compression.ZipArchiveMode.Create))
        using (var stream = zip.CreateEntry("x.npy").Open())
            stream.Write(Npy1("{'descr': '<f8', 'fortran_order': False, 'shape': (1000000,), }", new byte[8]));
        e = Assert.Throws<InvalidDataException>(() => Npy.load_npz(npz));
        Assert.That(e!.Message, Does.StartWith($"Cannot read '{npz}:x.npy': ").And.Contain("but only 8 bytes of data follow"));
    }

    [Test]
    public void Good_files_still_read_including_scalars_and_empty_arrays()
    {
        foreach (var array in new[] { torch.tensor(3.5), torch.zeros(0, 3), torch.arange(6, dtype: ScalarType.Int64).reshape(2, 3) })
        {
            string path = Path.Combine(dir, "ok.npy");
            Npy.save(path, array);
            using var back = Npy.load(path);
            Assert.That(back.shape, Is.EqualTo(array.shape));
            Assert.That(back.eq(array).all().item<bool>(), Is.True);
        }
    }
}
