using System.IO.Compression;

namespace KerasPort.Tests.TestSupport;

/// <summary>The <c>config.json</c> of a <c>.keras</c> file: read, or edited into a copy (hand-made bad configs).</summary>
internal static class KerasArchiveEdits
{
    /// <summary>The config.json text of <paramref name="archive"/>.</summary>
    public static string read_config(string archive)
    {
        using var zip = ZipFile.OpenRead(archive);
        using var reader = new StreamReader(zip.GetEntry("config.json")!.Open());
        return reader.ReadToEnd();
    }

    /// <summary>Copies <paramref name="source"/> to <paramref name="target"/> with its config.json text passed through <paramref name="edit"/>.</summary>
    public static void rewrite_config(string source, string target, Func<string, string> edit)
    {
        File.Copy(source, target, overwrite: true);
        using var zip = ZipFile.Open(target, ZipArchiveMode.Update);
        string config = edit(read_config(source));
        zip.GetEntry("config.json")!.Delete();
        using var writer = new StreamWriter(zip.CreateEntry("config.json").Open());
        writer.Write(config);
    }
}
