using System.IO.Compression;

namespace KerasPort.Tests.TestSupport;

/// <summary>Hostile <c>.keras</c> files written on the fly (they compress to a little, and inflate to a lot).</summary>
internal static class KerasArchiveBombs
{
    /// <summary>A <c>.keras</c> whose <c>config.json</c> is <paramref name="bytes"/> of spaces around <c>{}</c>, deflated.</summary>
    public static void write_config_bomb(string path, long bytes)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        using (var writer = new StreamWriter(zip.CreateEntry("metadata.json").Open())) writer.Write("{\"keras_version\": \"3.15.1\"}");
        using var stream = zip.CreateEntry("config.json", CompressionLevel.Fastest).Open();
        var block = new byte[1 << 20];
        Array.Fill(block, (byte)' ');
        stream.WriteByte((byte)'{');
        for (long written = 0; written < bytes; written += block.Length) stream.Write(block);
        stream.WriteByte((byte)'}');
    }
}
