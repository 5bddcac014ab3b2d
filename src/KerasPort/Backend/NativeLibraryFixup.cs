using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using System.Security.Cryptography;
using KerasPort.Build;

namespace KerasPort.Backend
{

/// <summary>
/// The load-time half of the GLIBCXX_3.4.32 fix-up (DESIGN.md, "The engine"). TorchSharp 0.107.0's
/// <c>libLibTorchSharp.so</c> asks for <c>GLIBCXX_3.4.32</c> for a marker symbol it never calls;
/// where the system's libstdc++ lacks that version, this writes a copy with the requirement
/// marked weak into a per-user cache folder, loads it, and answers TorchSharp's own load of
/// <c>LibTorchSharp</c> with it. It runs as a module initializer, so it reaches every kind of
/// program (package or project reference, <c>dotnet run</c>, a test host) before KerasPort's
/// first TorchSharp call. The build-time step (buildTransitive/KerasPort.targets) fixes the
/// output copy instead, where MSBuild runs it; then this finds nothing to do.
/// </summary>
internal static class NativeLibraryFixup
{
    /// <summary>TorchSharp's native library on Linux.</summary>
    internal const string LibraryFile = "libLibTorchSharp.so";

    /// <summary>The one version requirement that the fix-up weakens.</summary>
    internal const string MissingVersion = "GLIBCXX_3.4.32";

    private static readonly object _lock = new();
    private static bool _applied;
    private static IntPtr _patched;

    // A library should not normally have a module initializer (CA2255), but this one must run
    // before TorchSharp's first native call, whichever KerasPort type a program touches first.
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "must run before TorchSharp loads its native library")]
    internal static void Initialize()
    {
        ThreadPolicy.apply(); // before the fix-up loads libtorch: OpenMP reads its wait policy at load time
        EnsureApplied();
    }

    /// <summary>
    /// Applies the fix-up once per process (later calls return at once). Code that may call
    /// TorchSharp before this module's initializer has run (another module initializer) calls
    /// it first. Never throws: a failure is reported on standard error, and TorchSharp's own
    /// load then fails with its message.
    /// </summary>
    internal static void EnsureApplied()
    {
        lock (_lock)
        {
            if (_applied) return;
            _applied = true;
            if (!OperatingSystem.IsLinux()) return;
            try
            {
                Apply();
            }
            catch (Exception e) // a module initializer that throws breaks every use of the library
            {
                Console.Error.WriteLine($"KerasPort: could not load a copy of {LibraryFile} with {MissingVersion} marked weak: {e.Message}");
            }
        }
    }

    private static void Apply()
    {
        var dirs = SearchDirectories();
        string? shipped = FindIn(dirs, LibraryFile);
        if (shipped is null) return; // TorchSharp reports a missing runtime better than we could
        byte[] elf = File.ReadAllBytes(shipped);
        if (!NeedsPatch(elf, () => TryLoad(shipped))) return;

        // The copy lives in another folder, where its RUNPATH ($ORIGIN) finds no libtorch: load its
        // dependencies from where they were shipped first, so the loader matches them by name.
        foreach (string needed in ElfVersionNeeds.NeededLibraries(elf))
        {
            string? path = FindIn([Path.GetDirectoryName(shipped)!, .. dirs], needed);
            if (path is not null) NativeLibrary.Load(path);
        }
        _patched = NativeLibrary.Load(WritePatchedCopy(elf, CacheRoot()));

        // TorchSharp binds its P/Invokes through the per-assembly resolver, and its own
        // NativeLibrary.TryLoad("LibTorchSharp", assembly, ...) (which skips that resolver) through
        // the load context's event, raised once the regular probing has failed. KerasPort binds
        // one entry point of that library itself (RecycledHostTensors).
        Assembly torchSharp = typeof(TorchSharp.torch).Assembly;
        foreach (var assembly in new[] { torchSharp, typeof(NativeLibraryFixup).Assembly })
        {
            try
            {
                NativeLibrary.SetDllImportResolver(assembly, (name, _, _) => Resolve(name));
            }
            catch (InvalidOperationException)
            {
                // The application set its own resolver for this assembly; the event below still answers.
            }
        }
        (AssemblyLoadContext.GetLoadContext(torchSharp) ?? AssemblyLoadContext.Default)
            .ResolvingUnmanagedDll += (_, name) => Resolve(name);
    }

    private static IntPtr Resolve(string name) =>
        name is "LibTorchSharp" or "libLibTorchSharp" or LibraryFile ? _patched : IntPtr.Zero;

    /// <summary>
    /// True when the ELF image <paramref name="elf"/> still requires <see cref="MissingVersion"/>
    /// strongly and loading it fails for that version: <paramref name="try_load"/> loads it and
    /// returns the loader's message, or null when it loaded; it is called only for such an image,
    /// so a copy that the build already fixed costs no load here. Any other failure is left for
    /// TorchSharp to report.
    /// </summary>
    internal static bool NeedsPatch(byte[] elf, Func<string?> try_load) =>
        ElfVersionNeeds.Read(elf).Any(r => r.Version == MissingVersion && !r.IsWeak)
        && try_load() is { } error
        && error.Contains($"version `{MissingVersion}' not found", StringComparison.Ordinal);

    /// <summary>
    /// Writes <paramref name="original"/> with <see cref="MissingVersion"/> marked weak to
    /// <c>cacheRoot/&lt;SHA-256 of the original&gt;/libLibTorchSharp.so</c> and returns that path.
    /// A copy already there with the right bytes is reused; anything else there is replaced.
    /// The file appears whole or not at all (written to a temporary name, then renamed), so
    /// processes starting together never load a half-written copy.
    /// </summary>
    internal static string WritePatchedCopy(byte[] original, string cacheRoot)
    {
        byte[] patched = (byte[])original.Clone();
        ElfVersionNeeds.MarkWeak(patched, MissingVersion);
        string dir = Path.Combine(cacheRoot, Convert.ToHexStringLower(SHA256.HashData(original)));
        string path = Path.Combine(dir, LibraryFile);
        if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(patched)) return path;

        Directory.CreateDirectory(dir);
        string temp = Path.Combine(dir, $"{LibraryFile}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temp, patched);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp); // no-op once renamed
        }
        return path;
    }

    /// <summary>
    /// The per-user cache folder for patched copies: <c>$XDG_CACHE_HOME/kerasport/native</c>, else
    /// <c>~/.cache/kerasport/native</c>, else (no home folder) a per-user folder in the temporary folder.
    /// </summary>
    internal static string CacheRoot()
    {
        string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string root =
            !string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg) ? xdg :
            !string.IsNullOrEmpty(home) ? Path.Combine(home, ".cache") :
            Path.Combine(Path.GetTempPath(), "kerasport-" + Environment.UserName);
        return Path.Combine(root, "kerasport", "native");
    }

    /// <summary>The loader's message when <paramref name="path"/> does not load, else null.</summary>
    private static string? TryLoad(string path)
    {
        try
        {
            NativeLibrary.Load(path); // stays loaded: TorchSharp loads the same file next
            return null;
        }
        catch (DllNotFoundException e)
        {
            return e.Message;
        }
    }

    /// <summary>Where the host looks for native assets (deps.json's folders), then TorchSharp's own folder.</summary>
    private static List<string> SearchDirectories()
    {
        var dirs = new List<string>();
        if (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") is string listed)
            dirs.AddRange(listed.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        string torchSharpDir = Path.GetDirectoryName(typeof(TorchSharp.torch).Assembly.Location) is { Length: > 0 } d
            ? d : AppContext.BaseDirectory;
        dirs.Add(torchSharpDir);
        dirs.Add(Path.Combine(torchSharpDir, "runtimes", "linux-x64", "native"));
        return dirs;
    }

    private static string? FindIn(IEnumerable<string> dirs, string file) =>
        dirs.Select(dir => Path.Combine(dir, file)).FirstOrDefault(File.Exists);
}
}
