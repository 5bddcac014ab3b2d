using System.IO.Compression;
using PureHDF.Filters;

namespace KerasPort.Saving;

/// <summary>
/// HDF5's deflate filter for reading, bounded: a chunk inflates to at most its declared size.
/// PureHDF's own filter inflates a chunk to whatever length its stream gives, so a small
/// compressed chunk could make it allocate gigabytes; HDF5 itself never produces more than the
/// chunk size, so refusing more changes nothing for a real file. Writing stays PureHDF's.
/// Registered (process-wide, for PureHDF's filter id 1) by the first weights file read.
/// </summary>
internal sealed class BoundedDeflateFilter : IH5Filter
{
    private static readonly DeflateFilter Writer = new();
    private static int _registered;

    public ushort FilterId => DeflateFilter.Id;

    public string Name => "deflate";

    public static void register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0) H5Filter.Register(new BoundedDeflateFilter());
    }

    public Memory<byte> Filter(FilterInfo info)
    {
        if (!info.Flags.HasFlag(H5FilterFlags.Decompress)) return Writer.Filter(info);
        var output = new byte[info.ChunkSize];
        using var source = new MemoryStream(info.Buffer.ToArray(), writable: false);
        using var inflater = new ZLibStream(source, CompressionMode.Decompress);
        int filled = 0;
        while (filled < output.Length)
        {
            int n = inflater.Read(output, filled, output.Length - filled);
            if (n == 0) break;
            filled += n;
        }
        Span<byte> probe = stackalloc byte[1];
        if (inflater.Read(probe) != 0)
            throw new InvalidDataException($"A deflate-compressed chunk inflates to more than its declared {info.ChunkSize} bytes.");
        return output.AsMemory(0, filled);
    }

    public uint[] GetParameters(uint[] chunkDimensions, uint typeSize, Dictionary<string, object>? options) =>
        Writer.GetParameters(chunkDimensions, typeSize, options);
}
