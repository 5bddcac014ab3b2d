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

    // numpy's np.load refuses longer headers by default (max_header_size=10000).
    private const int MaxHeaderLength = 10000;

    /// <summary>
    /// Reads one <c>.npy</c> file into a new CPU tensor of the same dtype and shape. A truncated
    /// file, a header that lies about the data, a negative or overflowing shape or an unreadable
    /// header raise an <see cref="InvalidDataException"/> naming the file; nothing is allocated
    /// before the header is checked against the file's length.
    /// </summary>
    public static torch.Tensor load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"No such file or directory: '{path}'", path);
        using var stream = File.OpenRead(path);
        return read(stream, path);
    }

    /// <summary>Reads every array of a <c>.npz</c> file (plain or compressed), keyed by name without <c>.npy</c>; errors as <see cref="load"/>.</summary>
    public static Dictionary<string, torch.Tensor> load_npz(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"No such file or directory: '{path}'", path);
        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(path);
        }
        catch (InvalidDataException e)
        {
            throw FileErrors.invalid(path, $"it is not a .npz (zip) file: {e.Message}", e);
        }
        var arrays = new Dictionary<string, torch.Tensor>();
        using (zip)
        {
            try
            {
                foreach (var entry in zip.Entries)
                {
                    if (!entry.FullName.EndsWith(".npy", StringComparison.Ordinal)) continue;
                    using var stream = entry.Open();
                    arrays[entry.FullName[..^4]] = read(stream, $"{path}:{entry.FullName}", entry.Length);
                }
            }
            catch
            {
                foreach (var array in arrays.Values) array.Dispose();
                throw;
            }
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

    /// <summary>
    /// Reads one array in <c>.npy</c> format from <paramref name="stream"/>; <paramref name="source"/>
    /// names it in errors. <paramref name="length"/> is the stream's size when it cannot seek (a zip
    /// member), so that a header claiming more data than there is fails before any allocation.
    /// </summary>
    public static torch.Tensor read(Stream stream, string source = "stream", long? length = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        long? available = stream.CanSeek ? stream.Length - stream.Position : length;
        string header;
        int major;
        try
        {
            var preamble = new byte[8];
            stream.ReadExactly(preamble);
            if (preamble[0] != 0x93 || Encoding.ASCII.GetString(preamble, 1, 5) != "NUMPY")
                throw FileErrors.invalid(source, "it is not a .npy file (bad magic string).");
            major = preamble[6];
            if (major is < 1 or > 3)
                throw FileErrors.invalid(source, $"unsupported .npy format version {major}.{preamble[7]}.");
            // Version 1 stores the header length in two bytes, versions 2 and 3 in four.
            var lengthBytes = new byte[4];
            stream.ReadExactly(lengthBytes, 0, major == 1 ? 2 : 4);
            uint headerLength = BitConverter.ToUInt32(lengthBytes);
            if (headerLength > MaxHeaderLength)
                throw FileErrors.invalid(source, $"its header is {headerLength} bytes long; numpy reads at most {MaxHeaderLength}.");
            var headerBytes = new byte[headerLength];
            stream.ReadExactly(headerBytes);
            header = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(headerBytes);
            available -= 10 + (major == 1 ? 0 : 2) + headerLength;
        }
        catch (EndOfStreamException e)
        {
            throw FileErrors.invalid(source, "the file ends inside its .npy header (truncated).", e);
        }

        var descr = DescrField().Match(header);
        var fortran = FortranField().Match(header);
        var shapeText = ShapeField().Match(header);
        if (!header.TrimStart().StartsWith('{') || !descr.Success || !fortran.Success || !shapeText.Success)
            throw FileErrors.invalid(source, $"its header is not a numpy header (a dict with 'descr', 'fortran_order' and 'shape'): {Truncate(header)}");
        if (fortran.Groups[1].Value == "True")
            throw FileErrors.invalid(source, "Fortran-ordered arrays are not supported.");
        var dims = shapeText.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries);
        // "(3,)" splits into ["3", ""]: only a trailing empty part is allowed.
        if (dims.Length > 0 && dims[^1].Length == 0) dims = dims[..^1];
        var shape = new long[dims.Length];
        for (int i = 0; i < dims.Length; i++)
        {
            if (!long.TryParse(dims[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out shape[i]))
                throw FileErrors.invalid(source, $"its header declares an invalid shape ({shapeText.Groups[1].Value}): every dimension must be a non-negative integer.");
        }

        string descrValue = descr.Groups[1].Value;
        var type = Types.FirstOrDefault(t => t.Descr == descrValue || (t.Size == 1 && descrValue.Length == 3 && t.Descr[1..] == descrValue[1..]));
        if (type.Descr is null)
            throw FileErrors.invalid(source, $"unsupported dtype '{descrValue}'; supported: {string.Join(", ", Types.Select(t => t.Descr))}.");

        long count = Backend.MemoryBudget.element_count(shape) ?? -1;
        long bytes = count < 0 || count > long.MaxValue / type.Size ? -1 : count * type.Size;
        if (bytes < 0)
            throw FileErrors.invalid(source, $"its header declares the shape ({shapeText.Groups[1].Value}), whose size overflows.");
        if (available is long left && bytes > left)
            throw FileErrors.invalid(source, $"its header declares {count} elements of '{descrValue}' ({bytes} bytes) but only {Math.Max(left, 0)} bytes of data follow (truncated, or the header lies).");
        if (bytes > int.MaxValue)
            throw FileErrors.invalid(source, $"its array is {Backend.MemoryBudget.format_bytes(bytes)}; KerasPort reads .npy arrays of up to 2 GiB.");
        if (bytes > Backend.MemoryBudget.available_bytes())
            throw new InsufficientMemoryException($"Cannot read '{source}': its array needs {Backend.MemoryBudget.format_bytes(bytes)}, more than the memory available.");

        var tensor = torch.empty(shape, type.Type);
        try
        {
            stream.ReadExactly(tensor.bytes);
            return tensor;
        }
        catch (EndOfStreamException e)
        {
            tensor.Dispose();
            throw FileErrors.invalid(source, $"the file ends before the {bytes} bytes of data its header declares (truncated).", e);
        }
        catch
        {
            tensor.Dispose();
            throw;
        }
    }

    private static string Truncate(string text) => text.Length <= 80 ? text : text[..80] + "...";

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
