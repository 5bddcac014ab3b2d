namespace KerasPort.Preprocessing.Image;

/// <summary>
/// Keras's listing of a class folder (<c>_iter_valid_files</c>): Python's <c>os.walk</c>, its
/// folders sorted by path and the files of each sorted by name (both by code point, as Python
/// sorts strings); a file counts when its lower-cased name ends with an allowed extension.
/// </summary>
internal static class FileWalk
{
    /// <summary>Paths relative to <paramref name="top"/>, in Keras's order. A missing folder lists nothing, as os.walk.</summary>
    public static List<string> valid_files(string top, IReadOnlyList<string> extensions, bool follow_links)
    {
        var folders = new List<(string root, List<string> files)>();
        walk(top, follow_links, folders, []);
        folders.Sort((a, b) => CodePointComparer.Instance.Compare(a.root, b.root));
        var result = new List<string>();
        foreach (var (root, files) in folders)
        {
            files.Sort(CodePointComparer.Instance);
            foreach (var name in files)
            {
                var lower = name.ToLowerInvariant();
                if (lower.EndsWith(".tiff", StringComparison.Ordinal))
                    ImageDataGenerator.warn("Using \".tiff\" files with multiple bands will cause distortion. Please verify your output.");
                if (extensions.Any(e => lower.EndsWith(e, StringComparison.Ordinal)))
                    result.Add(Path.GetRelativePath(top, Path.Join(root, name)));
            }
        }
        return result;
    }

    // os.walk: an entry is a folder when it resolves to one (links included); linked folders are
    // entered only with follow_links. Unreadable folders are skipped, as os.walk does. A link back
    // to a folder being walked is not entered again (os.walk would loop forever).
    private static void walk(string root, bool follow_links, List<(string, List<string>)> folders, List<string> ancestors)
    {
        var info = new DirectoryInfo(root);
        string real = info.LinkTarget is null ? info.FullName : info.ResolveLinkTarget(true)?.FullName ?? info.FullName;
        if (ancestors.Contains(real)) return;
        FileSystemInfo[] entries;
        try
        {
            entries = info.GetFileSystemInfos();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }
        var files = new List<string>();
        var subdirs = new List<string>();
        foreach (var entry in entries)
        {
            bool is_link = entry.LinkTarget is not null;
            bool is_dir = entry is DirectoryInfo || (is_link && Directory.Exists(entry.FullName));
            if (!is_dir) files.Add(entry.Name);
            else if (follow_links || !is_link) subdirs.Add(Path.Join(root, entry.Name));
        }
        folders.Add((root, files));
        ancestors.Add(real);
        foreach (var sub in subdirs) walk(sub, follow_links, folders, ancestors);
        ancestors.RemoveAt(ancestors.Count - 1);
    }
}

/// <summary>Orders strings by Unicode code point, as Python's <c>sorted</c> does.</summary>
internal sealed class CodePointComparer : IComparer<string>
{
    public static readonly CodePointComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null) return x is null ? (y is null ? 0 : -1) : 1;
        var a = x.EnumerateRunes();
        var b = y.EnumerateRunes();
        while (true)
        {
            bool more_a = a.MoveNext(), more_b = b.MoveNext();
            if (!more_a || !more_b) return more_a ? 1 : more_b ? -1 : 0;
            int c = a.Current.Value.CompareTo(b.Current.Value);
            if (c != 0) return c;
        }
    }
}
