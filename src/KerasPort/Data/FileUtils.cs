using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using KerasPort.Callbacks;

namespace KerasPort.Data;

/// <summary>
/// Keras's <c>keras/src/utils/file_utils.py</c> behind <c>get_file</c>: the cache folder, file
/// hashes, and archive extraction that never writes outside its target folder.
/// </summary>
internal static class FileUtils
{
    /// <summary>Keras's <c>config.keras_home()</c>: <c>$KERAS_HOME</c>, else <c>~/.keras</c> (<c>/tmp/.keras</c> when the home folder is not writable).</summary>
    public static string keras_home()
    {
        var env = Environment.GetEnvironmentVariable("KERAS_HOME");
        if (!string.IsNullOrEmpty(env)) return env;
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (string.IsNullOrEmpty(home) || !is_writable(home)) home = "/tmp";
        return Path.Combine(home, ".keras");
    }

    /// <summary>Python's <c>os.path.expanduser</c> for a leading <c>~</c>.</summary>
    public static string expanduser(string path)
    {
        if (path != "~" && !path.StartsWith("~/", StringComparison.Ordinal)) return path;
        return Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + path[1..];
    }

    /// <summary>Python's <c>os.access(path, os.W_OK)</c> on a folder: it exists and a file can be made in it.</summary>
    public static bool is_writable(string directory)
    {
        if (!Directory.Exists(directory)) return false;
        var probe = Path.Combine(directory, $".kp-write-probe-{Guid.NewGuid():N}");
        try
        {
            using (File.Create(probe)) { }
            File.Delete(probe);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Keras's <c>resolve_hasher</c>: sha256 when asked, or for "auto" with a 64-character hash; md5 otherwise.</summary>
    public static HashAlgorithm resolve_hasher(string algorithm, string? file_hash = null)
    {
        if (algorithm == "sha256") return SHA256.Create();
        if (algorithm == "auto" && file_hash is { Length: 64 }) return SHA256.Create();
        return MD5.Create();
    }

    /// <summary>Keras's <c>hash_file</c>: the lower-case hex digest of the file (sha256 by default).</summary>
    public static string hash_file(string fpath, string algorithm = "sha256") => hash_file(fpath, resolve_hasher(algorithm));

    private static string hash_file(string fpath, HashAlgorithm hasher)
    {
        using (hasher)
        using (var stream = File.OpenRead(fpath))
            return Convert.ToHexStringLower(hasher.ComputeHash(stream));
    }

    /// <summary>Keras's <c>validate_file</c>: whether the file's hash (sha256 or md5, "auto" by length) equals <paramref name="file_hash"/>.</summary>
    public static bool validate_file(string fpath, string file_hash, string algorithm = "auto") =>
        hash_file(fpath, resolve_hasher(algorithm, file_hash)) == file_hash;

    /// <summary>Python's <c>os.path.realpath</c>: absolute, normalised, every symbolic link on the way resolved.</summary>
    public static string resolve_path(string path)
    {
        // Components are walked in order, as realpath does: a ".." after a link leaves the link's
        // target, not the folder that holds the link.
        var absolute = Path.IsPathRooted(path) ? path : Path.Combine(Environment.CurrentDirectory, path);
        var root = Path.GetPathRoot(absolute)!;
        var current = root;
        int links = 0;
        var pending = new Stack<string>();
        void push(string p)
        {
            foreach (var part in p.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse()) pending.Push(part);
        }
        push(absolute[root.Length..]);
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part == ".") continue;
            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? root;
                continue;
            }
            var next = Path.Combine(current, part);
            if (new FileInfo(next).LinkTarget is { } target && links++ < 40)
            {
                // The link's target replaces it, read from the folder that holds the link.
                if (Path.IsPathRooted(target)) current = Path.GetPathRoot(target)!;
                push(Path.IsPathRooted(target) ? target[Path.GetPathRoot(target)!.Length..] : target);
                continue;
            }
            current = next;
        }
        return current;
    }

    /// <summary>Keras's <c>resolve_sub_path</c>: the resolved path when it stays inside <paramref name="base_dir"/> (already resolved), else null.</summary>
    public static string? resolve_sub_path(string base_dir, string relative_path)
    {
        var path = resolve_path(Path.Combine(base_dir, relative_path));
        return is_within(path, base_dir) ? path : null;
    }

    private static bool is_within(string path, string base_dir) =>
        path == base_dir || path.StartsWith(base_dir.EndsWith(Path.DirectorySeparatorChar) ? base_dir : base_dir + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>
    /// Keras's <c>is_link_in_dir</c>: a hard link's name and target both inside the folder (the
    /// target read from the folder's root); a symbolic link's name inside, and its target, read
    /// from the link's own folder, inside too.
    /// </summary>
    public static bool is_link_in_dir(bool is_symlink, string name, string linkname, string base_dir)
    {
        if (!is_symlink)
            return resolve_sub_path(base_dir, name) is not null && resolve_sub_path(base_dir, linkname) is not null;
        var destination = resolve_sub_path(base_dir, name);
        if (destination is null) return false;
        var link = resolve_path(Path.Combine(Path.GetDirectoryName(destination)!, linkname));
        return is_within(link, base_dir);
    }

    /// <summary>
    /// Keras's <c>extract_archive</c>: tries each format ("auto" is tar then zip; "tar" covers
    /// .tar and .tar.gz) and extracts the first that matches into <paramref name="path"/>; false
    /// when none matches or <paramref name="archive_format"/> is null. Every member is checked
    /// before anything is written: a member (or a link target) that would land outside
    /// <paramref name="path"/> refuses the whole archive with an error naming the member, where
    /// Keras skips it with a warning, and the folder is not made. A failure while writing removes
    /// <paramref name="path"/>, as Keras does.
    /// </summary>
    public static bool extract_archive(string file_path, string path, string? archive_format = "auto")
    {
        if (archive_format is null) return false;
        if (!File.Exists(file_path))
            throw new FileNotFoundException($"No such file or directory: '{file_path}'", file_path);
        string[] formats = archive_format == "auto" ? ["tar", "zip"] : [archive_format];
        foreach (var format in formats)
        {
            bool matches = format switch
            {
                "tar" => is_tarfile(file_path),
                "zip" => is_zipfile(file_path),
                _ => throw new ArgumentException($"Invalid value received for argument archive_format. Expected \"auto\", \"tar\", \"zip\" or null. Received: archive_format={format}", nameof(archive_format)),
            };
            if (!matches) continue;
            var members = format == "tar" ? tar_members(file_path) : zip_members(file_path);
            var base_dir = resolve_path(path);
            // Checked before the folder is made, so a refused archive leaves nothing behind.
            check_members(file_path, members, base_dir);
            try
            {
                Directory.CreateDirectory(base_dir);
                if (format == "tar") extract_tar(file_path, base_dir);
                else extract_zip(file_path, base_dir);
            }
            catch
            {
                if (File.Exists(path)) File.Delete(path);
                else if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
                throw;
            }
            return true;
        }
        return false;
    }

    private sealed record Member(string name, bool is_symlink, bool is_hardlink, string? linkname);

    private static void check_members(string archive, List<Member> members, string base_dir)
    {
        // A member whose path goes through a link of the same archive could be redirected once
        // the link exists on disk: the check cannot see that, so such a member is refused.
        var links = members.Where(m => m.is_symlink).Select(m => normalize(m.name)).ToHashSet();
        foreach (var m in members)
        {
            bool safe = m.is_symlink || m.is_hardlink
                ? is_link_in_dir(m.is_symlink, m.name, m.linkname ?? "", base_dir)
                : resolve_sub_path(base_dir, m.name) is not null;
            var parts = normalize(m.name).Split('/');
            for (int i = 1; i < parts.Length && safe; i++)
                if (links.Contains(string.Join('/', parts[..i]))) safe = false;
            if (!safe)
                throw new InvalidDataException($"Invalid path during archive extraction: '{m.name}' in {archive} would be written outside {base_dir}" +
                    (m.linkname is null ? "" : $" or links to '{m.linkname}' outside it") + ". Nothing was extracted.");
        }
    }

    private static string normalize(string name) => string.Join('/', name.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != "."));

    /// <summary>Python's <c>zipfile.is_zipfile</c>: the file has a readable zip directory.</summary>
    public static bool is_zipfile(string file_path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(file_path);
            _ = zip.Entries.Count;
            return true;
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return false;
        }
    }

    /// <summary>Python's <c>tarfile.is_tarfile</c>: the file (gzip-compressed or not) starts with a valid tar header.</summary>
    public static bool is_tarfile(string file_path)
    {
        try
        {
            using var stream = open_tar_stream(file_path);
            using var reader = new TarReader(stream);
            return reader.GetNextEntry() is not null;
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or IOException or EndOfStreamException or ArgumentException)
        {
            return false;
        }
    }

    private static Stream open_tar_stream(string file_path)
    {
        var file = File.OpenRead(file_path);
        var magic = new byte[2];
        int read = file.Read(magic);
        file.Position = 0;
        return read == 2 && magic[0] == 0x1f && magic[1] == 0x8b ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    private static List<Member> tar_members(string file_path)
    {
        using var stream = open_tar_stream(file_path);
        using var reader = new TarReader(stream);
        var members = new List<Member>();
        while (reader.GetNextEntry() is { } entry)
            members.Add(new Member(entry.Name, entry.EntryType == TarEntryType.SymbolicLink, entry.EntryType == TarEntryType.HardLink,
                entry.EntryType is TarEntryType.SymbolicLink or TarEntryType.HardLink ? entry.LinkName : null));
        return members;
    }

    private static List<Member> zip_members(string file_path)
    {
        using var zip = ZipFile.OpenRead(file_path);
        return zip.Entries.Select(e => new Member(e.FullName, false, false, null)).ToList();
    }

    private static void extract_tar(string file_path, string base_dir)
    {
        using var stream = open_tar_stream(file_path);
        using var reader = new TarReader(stream);
        while (reader.GetNextEntry() is { } entry)
        {
            var target = Path.Combine(base_dir, normalize(entry.Name));
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    Directory.CreateDirectory(target);
                    break;
                case TarEntryType.SymbolicLink:
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    if (File.Exists(target) || Directory.Exists(target)) File.Delete(target);
                    File.CreateSymbolicLink(target, entry.LinkName);
                    break;
                case TarEntryType.HardLink:
                    // Python's "data" filter extracts a hard link as a copy of its target.
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.Copy(Path.Combine(base_dir, normalize(entry.LinkName)), target, overwrite: true);
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    using (var output = File.Create(target))
                        entry.DataStream?.CopyTo(output);
                    break;
                default:
                    // Devices, fifos and global headers are not data: Python's "data" filter refuses or skips them too.
                    break;
            }
        }
    }

    private static void extract_zip(string file_path, string base_dir)
    {
        using var zip = ZipFile.OpenRead(file_path);
        foreach (var entry in zip.Entries)
        {
            var target = Path.Combine(base_dir, normalize(entry.FullName));
            if (entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\'))
            {
                Directory.CreateDirectory(target);
                continue;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            entry.ExtractToFile(target, overwrite: true);
        }
    }

    /// <summary>Python's <c>warnings.warn</c> for get_file.</summary>
    public static void warn(string message) => Callback.warn(message);
}
