using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using TorchSharp;

namespace KerasPort.Utils;

/// <summary>
/// numpy's <c>.npy</c> and <c>.npz</c> files (format 1.0 to 3.0, little-endian, C order), so
/// arrays move between Python and C#: <c>np.save</c>/<c>np.load</c>/<c>np.savez</c> in C#.
/// </summary>
public static partial class Npy
{
    private static readonly (string Descr, torch.ScalarType Type, int Size)[] Types =
    {
        ("<f4", torch.ScalarType.Float32, 4), ("<f8", torch.ScalarType.Float64, 8),
        ("<f2", torch.ScalarType.Float16, 2), ("<i8", torch.ScalarType.Int64, 8),
        ("<i4", torch.ScalarType.Int32, 4), ("<i2", torch.ScalarType.Int16, 2),
        ("|i1", torch.ScalarType.Int8, 1), ("|u1", torch.ScalarType.Byte, 1),
        ("|b1", torch.ScalarType.Bool, 1),
    };

    /// <summary>Reads one <c>.npy</c> file into a new CPU tensor of the same dtype and shape.</summary>
    public static torch.Tensor load(string path)
    {
        using var stream = File.OpenRead(path);
        return read(stream, path);
    }

    /// <summary>Reads every array of a <c>.npz</c> file (plain or compressed), keyed by name without <c>.npy</c>.</summary>
    public static Dictionary<string, torch.Tensor> load_npz(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var arrays = new Dictionary<string, torch.Tensor>();
        foreach (var entry in zip.Entries)
        {
            if (!entry.FullName.EndsWith(".npy", StringComparison.Ordinal)) continue;
            using var stream = entry.Open();
            arrays[entry.FullName[..^4]] = read(stream, $"{path}:{entry.FullName}");
        }
        return arrays;
    }

    /// <summary>Writes <paramref name="array"/> as a version 1.0 <c>.npy</c> file.</summary>
    public static void save(string path, torch.Tensor array)
    {
        string temp = path + ".tmp";
        using (var stream = File.Create(temp)) write(stream, array);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Writes several arrays as a <c>.npz</c> file (<c>np.savez</c>, or <c>np.savez_compressed</c>).</summary>
    public static void savez(string path, IReadOnlyDictionary<string, torch.Tensor> arrays, bool compressed = false)
    {
        string temp = path + ".tmp";
        using (var zip = ZipFile.Open(temp, ZipArchiveMode.Create))
        {
            foreach (var (name, array) in arrays)
            {
                var entry = zip.CreateEntry(name + ".npy", compressed ? CompressionLevel.Optimal : CompressionLevel.NoCompression);
                using var stream = entry.Open();
                write(stream, array);
            }
        }
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Reads one array in <c>.npy</c> format from <paramref name="stream"/>; <paramref name="source"/> names it in errors.</summary>
    public static torch.Tensor read(Stream stream, string source = "stream")
    {
        var preamble = new byte[8];
        stream.ReadExactly(preamble);
        if (preamble[0] != 0x93 || Encoding.ASCII.GetString(preamble, 1, 5) != "NUMPY")
            throw new InvalidDataException($"{source}: not a .npy file (bad magic string)");
        int major = preamble[6];
        if (major is < 1 or > 3)
            throw new InvalidDataException($"{source}: unsupported .npy format version {major}");
        // Version 1 stores the header length in two bytes, versions 2 and 3 in four.
        var lengthBytes = new byte[4];
        stream.ReadExactly(lengthBytes, 0, major == 1 ? 2 : 4);
        int headerLength = BitConverter.ToInt32(lengthBytes);
        var headerBytes = new byte[headerLength];
        stream.ReadExactly(headerBytes);
        string header = Encoding.UTF8.GetString(headerBytes);

        string descr = DescrField().Match(header).Groups[1].Value;
        if (FortranField().Match(header).Groups[1].Value == "True")
            throw new InvalidDataException($"{source}: Fortran-ordered arrays are not supported");
        long[] shape = ShapeField().Match(header).Groups[1].Value
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(long.Parse).ToArray();

        var type = Types.FirstOrDefault(t => t.Descr == descr || (t.Size == 1 && t.Descr[1..] == descr[1..]));
        if (type.Descr is null)
            throw new InvalidDataException($"{source}: unsupported dtype '{descr}'; supported: {string.Join(", ", Types.Select(t => t.Descr))}");

        long count = shape.Aggregate(1L, (a, b) => a * b);
        var data = new byte[count * type.Size];
        stream.ReadExactly(data);
        var tensor = torch.empty(shape, type.Type);
        data.CopyTo(tensor.bytes);
        return tensor;
    }

    /// <summary>Writes one array in <c>.npy</c> version 1.0 format.</summary>
    public static void write(Stream stream, torch.Tensor array)
    {
        var type = Types.FirstOrDefault(t => t.Type == array.dtype);
        if (type.Descr is null)
            throw new ArgumentException($"Invalid dtype for argument array: {array.dtype}. Expected one of: {string.Join(", ", Types.Select(t => t.Type))}.", nameof(array));
        using var contiguous = array.cpu().contiguous();
        string shape = array.dim() switch
        {
            0 => "()",
            1 => $"({array.shape[0]},)",
            _ => "(" + string.Join(", ", array.shape) + ")",
        };
        string header = $"{{'descr': '{type.Descr}', 'fortran_order': False, 'shape': {shape}, }}";
        // numpy pads the header with spaces so that the data starts at a multiple of 64 bytes.
        int total = 10 + header.Length + 1;
        header = header.PadRight(header.Length + (64 - total % 64) % 64) + "\n";
        stream.Write(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 });
        stream.Write(BitConverter.GetBytes((ushort)header.Length));
        stream.Write(Encoding.ASCII.GetBytes(header));
        stream.Write(contiguous.bytes);
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrField();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranField();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapeField();
}
