using System.Security.Cryptography;
using KerasPort.Backend;
using KerasPort.Build;

namespace KerasPort.Tests.Backend;

/// <summary>
/// The load-time fix-up's decision and its cache, on copies of TorchSharp's libLibTorchSharp.so.
/// (Loading the patched copy is proved end to end by .ci/consumer-check.sh: in this test host
/// TorchSharp's library is already loaded, and a second copy must not be.)
/// </summary>
[Platform(Include = "Linux", Reason = "the fix-up concerns Linux's libstdc++ only")]
[NonParallelizable] // one test sets XDG_CACHE_HOME
public class NativeLibraryFixupTests : TempDirectoryTest
{
    private const string Version = NativeLibraryFixup.MissingVersion;

    private const string LoaderError =
        "Unable to load shared library '/app/libLibTorchSharp.so' or one of its dependencies. ...\n" +
        "/lib/x86_64-linux-gnu/libstdc++.so.6: version `GLIBCXX_3.4.32' not found (required by /app/libLibTorchSharp.so)";

    /// <summary>TorchSharp's library as shipped: the test output's copy with the build's weak flag cleared again.</summary>
    private static byte[] Shipped()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", NativeLibraryFixup.LibraryFile);
        Assert.That(File.Exists(path), Is.True, "libLibTorchSharp.so is missing from the test output");
        byte[] elf = File.ReadAllBytes(path);
        foreach (var r in ElfVersionNeeds.Read(elf).Where(r => r.Version == Version && r.IsWeak))
            elf[r.FlagsOffset] &= unchecked((byte)~ElfVersionNeeds.VER_FLG_WEAK);
        Assert.That(ElfVersionNeeds.Read(elf).Where(r => r.Version == Version).Any(r => !r.IsWeak), Is.True,
            "TorchSharp 0.107.0 is expected to require " + Version);
        return elf;
    }

    private static string HashFolder(byte[] elf) => Convert.ToHexStringLower(SHA256.HashData(elf));

    [Test]
    public void NeedsPatch_only_where_the_shipped_library_fails_for_the_one_version()
    {
        byte[] shipped = Shipped();
        byte[] weak = (byte[])shipped.Clone();
        ElfVersionNeeds.MarkWeak(weak, Version);

        Assert.That(NativeLibraryFixup.NeedsPatch(shipped, () => LoaderError), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(NativeLibraryFixup.NeedsPatch(shipped, () => null), Is.False, "it loaded");
            Assert.That(NativeLibraryFixup.NeedsPatch(shipped,
                () => "libtorch_cpu.so: cannot open shared object file: No such file or directory"), Is.False, "another failure");
            Assert.That(NativeLibraryFixup.NeedsPatch(shipped,
                () => LoaderError.Replace("3.4.32", "3.4.31")), Is.False, "another missing version");
        });
    }

    [Test]
    public void NeedsPatch_does_not_load_a_copy_already_fixed()
    {
        byte[] weak = Shipped();
        ElfVersionNeeds.MarkWeak(weak, Version);
        int loads = 0;
        Assert.That(NativeLibraryFixup.NeedsPatch(weak, () => { loads++; return LoaderError; }), Is.False);
        Assert.That(loads, Is.Zero);
    }

    [Test]
    public void WritePatchedCopy_writes_the_weak_copy_in_a_folder_named_by_the_hash()
    {
        byte[] shipped = Shipped();
        string path = NativeLibraryFixup.WritePatchedCopy(shipped, dir);

        Assert.That(path, Is.EqualTo(Path.Combine(dir, HashFolder(shipped), NativeLibraryFixup.LibraryFile)));
        byte[] copy = File.ReadAllBytes(path);
        Assert.That(copy, Has.Length.EqualTo(shipped.Length));
        var changed = Enumerable.Range(0, copy.Length).Where(i => copy[i] != shipped[i]).ToList();
        var flags = ElfVersionNeeds.Read(shipped).Where(r => r.Version == Version).Select(r => r.FlagsOffset).ToList();
        Assert.That(changed, Has.Count.EqualTo(flags.Count), "only the flags of that version change");
        Assert.That(changed.Select(i => (long)i), Is.EquivalentTo(flags));

        var before = ElfVersionNeeds.Read(shipped);
        var after = ElfVersionNeeds.Read(copy);
        Assert.That(after.Where(r => r.Version == Version).All(r => r.IsWeak), Is.True);
        Assert.That(after.Where(r => r.Version != Version).Select(r => r.Flags),
            Is.EqualTo(before.Where(r => r.Version != Version).Select(r => r.Flags)));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(path)!), Is.EqualTo(new[] { path }), "no temporary file is left");
    }

    [Test]
    public void WritePatchedCopy_reuses_a_good_copy_and_replaces_a_damaged_one()
    {
        byte[] shipped = Shipped();
        string path = NativeLibraryFixup.WritePatchedCopy(shipped, dir);
        byte[] good = File.ReadAllBytes(path);
        var stamp = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, stamp);

        Assert.That(NativeLibraryFixup.WritePatchedCopy(shipped, dir), Is.EqualTo(path));
        Assert.That(File.GetLastWriteTimeUtc(path), Is.EqualTo(stamp), "a good copy is not written again");

        File.WriteAllBytes(path, good[..1000]);
        Assert.That(NativeLibraryFixup.WritePatchedCopy(shipped, dir), Is.EqualTo(path));
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(good), "a damaged copy is replaced");
    }

    [Test]
    public void Each_original_gets_its_own_folder()
    {
        byte[] shipped = Shipped();
        byte[] other = (byte[])shipped.Clone();
        other[^1] ^= 0xff;
        string a = NativeLibraryFixup.WritePatchedCopy(shipped, dir);
        string b = NativeLibraryFixup.WritePatchedCopy(other, dir);
        Assert.That(Path.GetDirectoryName(a), Is.Not.EqualTo(Path.GetDirectoryName(b)));
        Assert.That(File.Exists(a) && File.Exists(b), Is.True);
    }

    [Test]
    public void CacheRoot_is_the_users_cache_folder()
    {
        string? before = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        try
        {
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", dir);
            Assert.That(NativeLibraryFixup.CacheRoot(), Is.EqualTo(Path.Combine(dir, "kerasport", "native")));

            // The XDG rule: a relative XDG_CACHE_HOME is ignored, and ~/.cache is used.
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", "relative/cache");
            string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            Assert.That(NativeLibraryFixup.CacheRoot(), Is.EqualTo(Path.Combine(home, ".cache", "kerasport", "native")));
        }
        finally
        {
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", before);
        }
    }
}
