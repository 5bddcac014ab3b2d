using System.IO.Compression;

namespace KerasPort.Tests.TestSupport;

/// <summary>Copies of a <c>.keras</c> file with an edited <c>config.json</c> (hand-made bad configs).</summary>
internal static class KerasArchiveEdits
{
    /// <summary>Copies <paramref name="source"/> to <paramref name="target"/> with its config.json text passed through <paramref name="edit"/>.</summary>
    public static void rewrite_config(string source, string target, Func<string, string> edit)
    {
        File.Copy(source, target, overwrite: true);
        using var zip = ZipFile.Open(target, ZipArchiveMode.Update);
        string config;
        using (var reader = new StreamReader(zip.GetEntry("config.json")!.Open())) config = reader.ReadToEnd();
        zip.GetEntry("config.json")!.Delete();
        using var writer = new StreamWriter(zip.CreateEntry("config.json").Open());
        writer.Write(edit(config));
    }
}
