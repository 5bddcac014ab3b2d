using System.IO.Compression;
using System.Text;
using TorchSharp;

namespace KerasPort.Utils;

public static partial class Npy
{
    /// <summary>
    /// Keras's <c>npz_utils.load_npz</c>: every array of a <c>.npz</c> file, numeric ones as
    /// tensors and object arrays (ragged lists, as in imdb.npz and reuters.npz) as
    /// <see cref="NdArray"/>s read through the restricted unpickler.
    /// </summary>
    internal static Dictionary<string, object> load_npz_with_objects(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var arrays = new Dictionary<string, object>();
        foreach (var entry in zip.Entries)
        {
            if (!entry.FullName.EndsWith(".npy", StringComparison.Ordinal)) continue;
            var buffer = new MemoryStream();
            using (var stream = entry.Open()) stream.CopyTo(buffer);
            buffer.Position = 0;
            arrays[entry.FullName[..^4]] = read_with_objects(buffer, $"{path}:{entry.FullName}");
        }
        return arrays;
    }

    /// <summary>One <c>.npy</c> array: a tensor, or an <see cref="NdArray"/> of Python objects for dtype <c>object</c>.</summary>
    internal static object read_with_objects(Stream stream, string source)
    {
        long start = stream.Position;
        var preamble = new byte[8];
        stream.ReadExactly(preamble);
        int major = preamble[6];
        var length = new byte[4];
        stream.ReadExactly(length, 0, major == 1 ? 2 : 4);
        var header = new byte[BitConverter.ToInt32(length)];
        stream.ReadExactly(header);
        string descr = DescrField().Match(Encoding.UTF8.GetString(header)).Groups[1].Value;
        if (!descr.Contains('O'))
        {
            stream.Position = start;
            return read(stream, source);
        }
        return Pickle.load(stream, source) as NdArray ?? throw new InvalidDataException($"{source}: the object array's pickle does not hold a numpy array.");
    }

    /// <summary>A numeric numpy array from a pickle as a CPU tensor of its dtype and shape (C or Fortran order).</summary>
    internal static torch.Tensor to_tensor(NdArray array, string source)
    {
        if (array.data is null)
            throw new InvalidDataException($"{source}: expected a numeric array, found an array of Python objects.");
        var type = Types.FirstOrDefault(t => t.Descr == array.descr || (t.Size == 1 && t.Descr[1..] == array.descr[1..]));
        if (type.Descr is null)
            throw new InvalidDataException($"{source}: unsupported dtype '{array.descr}'; supported: {string.Join(", ", Types.Select(t => t.Descr))}");
        long count = array.shape.Aggregate(1L, (a, b) => a * b);
        if (array.data.LongLength != count * type.Size)
            throw new InvalidDataException($"{source}: the array holds {array.data.LongLength} bytes, not the {count * type.Size} its shape and dtype need.");
        var shape = array.fortran_order ? array.shape.Reverse().ToArray() : array.shape;
        var tensor = torch.empty(shape, type.Type);
        array.data.CopyTo(tensor.bytes);
        if (!array.fortran_order) return tensor;
        using (tensor) return tensor.permute(Enumerable.Range(0, shape.Length).Reverse().Select(i => (long)i).ToArray()).contiguous();
    }
}
