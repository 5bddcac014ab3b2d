using KerasPort.Utils;
using static TorchSharp.torch;

namespace KerasPort.Data;

/// <summary>
/// tf's <c>CacheDataset</c>: the first complete pass is kept, in memory or in a file, and later
/// passes read it instead of running the input again. A pass that stops early keeps nothing.
/// The file cache (<c>filename + ".data"</c>, numpy <c>.npy</c> records one after another) is
/// written under a temporary name and renamed when complete; a later program that names the same
/// file reads it, as tf's file cache does.
/// </summary>
internal sealed class CacheDataset : Dataset
{
    private readonly Dataset _input;
    private readonly string _filename;
    private readonly object _lock = new();
    private List<Tensor[]>? _memory;

    public CacheDataset(Dataset input, string filename)
    {
        _input = input;
        _filename = filename;
    }

    private protected override string stage_name => "CacheDataset";

    private string data_path => _filename + ".data";

    public override long cardinality() => _input.cardinality();

    private protected override ElementSpec compute_spec() => _input.spec;

    private protected override IEnumerable<Tensor[]> iterate() => _filename.Length == 0 ? iterate_memory() : iterate_file();

    private IEnumerable<Tensor[]> iterate_memory()
    {
        List<Tensor[]>? cached;
        lock (_lock) cached = _memory;
        if (cached is not null)
        {
            foreach (var element in cached) yield return element.Select(t => t.alias()).ToArray();
            yield break;
        }
        var filling = new List<Tensor[]>();
        bool complete = false;
        try
        {
            foreach (var element in elements(_input))
            {
                filling.Add(hold(element.Select(t => t.alias()).ToArray()));
                yield return element;
            }
            complete = true;
        }
        finally
        {
            lock (_lock)
            {
                if (complete && _memory is null) _memory = filling;
                else foreach (var element in filling) dispose(element);
            }
        }
    }

    private IEnumerable<Tensor[]> iterate_file()
    {
        if (File.Exists(data_path))
        {
            using var stream = File.OpenRead(data_path);
            var count = new byte[4];
            while (stream.Position < stream.Length)
            {
                stream.ReadExactly(count);
                int n = BitConverter.ToInt32(count);
                var element = new Tensor[n];
                for (int i = 0; i < n; i++) element[i] = Npy.read(stream, data_path);
                yield return element;
            }
            yield break;
        }
        string directory = Path.GetDirectoryName(Path.GetFullPath(data_path))!;
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Failed to create the cache file {data_path}: the folder {directory} does not exist.");
        string temp = $"{data_path}.{Guid.NewGuid():N}.tmp";
        bool complete = false;
        try
        {
            using (var stream = File.Create(temp))
            {
                foreach (var element in elements(_input))
                {
                    stream.Write(BitConverter.GetBytes(element.Length));
                    foreach (var t in element) Npy.write(stream, t);
                    yield return element;
                }
            }
            complete = true;
        }
        finally
        {
            if (complete && !File.Exists(data_path)) File.Move(temp, data_path);
            else File.Delete(temp);
        }
    }
}
