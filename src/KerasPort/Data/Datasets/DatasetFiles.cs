using System.IO.Compression;
using KerasPort.Utils;
using static TorchSharp.torch;

namespace KerasPort.Data.Datasets;

/// <summary>What the keras.datasets loaders share: Keras's download folder, the npz and IDX readers, and the word-sequence processing of imdb and reuters.</summary>
internal static class DatasetFiles
{
    /// <summary>Keras's <c>origin_folder</c> for the npz datasets.</summary>
    public const string Origin = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/";

    /// <summary>
    /// Whether the loaders pass Keras's SHA-256/MD5 of the real files to get_file (true). Tests
    /// that read tiny stand-ins in the same formats turn it off, as no stand-in can have the real hash.
    /// </summary>
    internal static bool verify_hashes = true;

    /// <summary>The hash to give get_file: Keras's, unless <see cref="verify_hashes"/> is off.</summary>
    public static string? hash(string keras_hash) => verify_hashes ? keras_hash : null;

    /// <summary>Reads a dataset file with <paramref name="read"/>; a file that is not what its name says is an error naming it.</summary>
    public static T read<T>(string path, Func<string, T> read)
    {
        try
        {
            return read(path);
        }
        // Npy's errors name the file already, but without the hint to download it again.
        catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException or EndOfStreamException && (!e.Message.Contains(path) || Utils.FileErrors.names_file(e)))
        {
            throw new InvalidDataException($"{path} is not a valid {Path.GetFileName(path)} of Keras's datasets: {e.Message} (delete it to download it again).", e);
        }
    }

    /// <summary>A numeric array of an npz file by name, or a clear error naming the file.</summary>
    public static Tensor array(Dictionary<string, Tensor> arrays, string name, string path) =>
        arrays.TryGetValue(name, out var a) ? a : throw new InvalidDataException($"{path}: the file has no array '{name}' (it has: {string.Join(", ", arrays.Keys)}).");

    /// <summary>An IDX file (gzip-compressed) as numpy's <c>frombuffer(..., uint8, offset)</c> reads it: the bytes after the header.</summary>
    public static Tensor idx_bytes(string path, int offset) => read(path, p => read_idx(p, offset));

    private static Tensor read_idx(string path, int offset)
    {
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gz.CopyTo(buffer);
        var bytes = buffer.ToArray();
        if (bytes.Length < offset)
            throw new InvalidDataException($"{path}: an IDX file has at least {offset} header bytes; this one has {bytes.Length}.");
        var result = empty(bytes.Length - offset, ScalarType.Byte);
        bytes.AsSpan(offset).CopyTo(result.bytes);
        return result;
    }

    /// <summary>Rows of <paramref name="t"/> in the order <paramref name="indices"/> gives.</summary>
    public static Tensor take(Tensor t, long[] indices)
    {
        using var index = tensor(indices);
        return t.index_select(0, index);
    }

    /// <summary>numpy's <c>arange(n)</c> shuffled by <c>rng.shuffle</c>.</summary>
    public static long[] shuffled_indices(RandomState rng, long n)
    {
        var indices = new long[n];
        for (long i = 0; i < n; i++) indices[i] = i;
        rng.shuffle(indices);
        return indices;
    }

    /// <summary>The sequences of an object array (lists of Python ints), as int arrays.</summary>
    public static int[][] sequences(object value, string name, string path)
    {
        if (value is not NdArray { items: { } items })
            throw new InvalidDataException($"{path}: '{name}' is not an array of sequences.");
        return items.Select(item => item is List<object?> list
            ? list.Select(w => checked((int)Convert.ToInt64(w))).ToArray()
            : throw new InvalidDataException($"{path}: '{name}' holds a {item?.GetType().Name ?? "None"} where a list of word indices belongs.")).ToArray();
    }

    /// <summary>
    /// The first half of imdb's and reuters' <c>load_data</c> word processing: the start character
    /// and the index offset, then sequences of <paramref name="maxlen"/> words or more dropped.
    /// </summary>
    public static (List<int[]> xs, List<long> labels) prepare(List<int[]> xs, List<long> labels, int? maxlen, int? start_char, int index_from)
    {
        if (start_char is int start)
            xs = xs.Select(x => x.Select(w => w + index_from).Prepend(start).ToArray()).ToList();
        else if (index_from != 0)
            xs = xs.Select(x => x.Select(w => w + index_from).ToArray()).ToList();
        if (maxlen is int m && m != 0)
        {
            var kept = Enumerable.Range(0, xs.Count).Where(i => xs[i].Length < m).ToList();
            xs = kept.Select(i => xs[i]).ToList();
            labels = kept.Select(i => labels[i]).ToList();
        }
        return (xs, labels);
    }

    /// <summary>
    /// The second half: words outside [<paramref name="skip_top"/>, <paramref name="num_words"/>)
    /// become <paramref name="oov_char"/> (or are removed when it is null); <paramref name="num_words"/>
    /// defaults to the largest index of all sequences, as in Keras (which thereby leaves that word out).
    /// </summary>
    public static List<int[]> limit_words(List<int[]> xs, int? num_words, int skip_top, int? oov_char)
    {
        int limit = num_words is int n && n != 0 ? n : xs.Max(x => x.Max());
        return oov_char is int oov
            ? xs.Select(x => x.Select(w => skip_top <= w && w < limit ? w : oov).ToArray()).ToList()
            : xs.Select(x => x.Where(w => skip_top <= w && w < limit).ToArray()).ToList();
    }

    /// <summary>Labels as a tensor of <paramref name="dtype"/>.</summary>
    public static Tensor labels(IEnumerable<long> values, ScalarType dtype)
    {
        using var t = tensor(values.ToArray());
        return t.to_type(dtype);
    }

    /// <summary>A word-index JSON file (<c>{"word": index}</c>).</summary>
    public static Dictionary<string, int> word_index(string path) => read(path, p =>
        System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(p))
        ?? throw new InvalidDataException($"{p}: not a word index (a JSON object of word to index)."));
}
