using KerasPort.Build;

namespace KerasPort.Tests.Backend;

/// <summary>The build marks GLIBCXX_3.4.32 weak in the output copy of libLibTorchSharp.so, only where needed.</summary>
[Platform(Include = "Linux", Reason = "the fix-up concerns Linux's libstdc++ only")]
public class NativeFixupTests
{
    private const string Version = "GLIBCXX_3.4.32";

    private static string OutputCopy()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.That(File.Exists(path), Is.True, "libLibTorchSharp.so is missing from the test output");
        return path;
    }

    [Test]
    public void TorchSharp_loads_and_computes()
    {
        using var t = torch.arange(1, 5, dtype: ScalarType.Float32);
        Assert.That(t.sum().item<float>(), Is.EqualTo(10f));
    }

    [Test]
    public void Output_copy_is_weak_exactly_when_the_system_lacks_the_version()
    {
        var needs = ElfVersionNeeds.Read(File.ReadAllBytes(OutputCopy())).Where(r => r.Version == Version).ToList();
        Assert.That(needs, Is.Not.Empty, "TorchSharp 0.107.0 is expected to require " + Version);
        bool systemHasIt = ElfVersionNeeds.SystemLibStdCxxProvides(Version);
        Assert.That(needs.All(r => r.IsWeak), Is.EqualTo(!systemHasIt));
    }

    [Test]
    public void Only_the_one_requirement_is_weakened()
    {
        var needs = ElfVersionNeeds.Read(File.ReadAllBytes(OutputCopy()));
        Assert.That(needs.Where(r => r.IsWeak && r.Version != Version), Is.Empty);
        Assert.That(needs.Select(r => r.File), Does.Contain("libstdc++.so.6"));
    }

    [Test]
    public void MarkWeak_sets_the_flag_and_is_idempotent()
    {
        byte[] elf = File.ReadAllBytes(OutputCopy());
        ElfVersionNeeds.MarkWeak(elf, Version);
        Assert.That(ElfVersionNeeds.Read(elf).Where(r => r.Version == Version).All(r => r.IsWeak), Is.True);
        Assert.That(ElfVersionNeeds.MarkWeak(elf, Version), Is.Zero);
    }

    [Test]
    public void NeededLibraries_lists_DT_NEEDED_in_order()
    {
        // readelf -d libLibTorchSharp.so (TorchSharp 0.107.0) lists these NEEDED entries.
        Assert.That(ElfVersionNeeds.NeededLibraries(File.ReadAllBytes(OutputCopy())), Is.EqualTo(new[]
        {
            "libtorch.so", "libc10.so", "libtorch_cpu.so", "libstdc++.so.6", "libm.so.6", "libgcc_s.so.1",
            "libc.so.6", "ld-linux-x86-64.so.2",
        }));
    }

    [Test]
    public void Read_rejects_a_file_that_is_not_ELF()
    {
        Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.Read(new byte[128]));
        Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.NeededLibraries(new byte[128]));
    }
}
