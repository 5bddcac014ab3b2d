using KerasPort.Backend;
using KerasPort.Utils;
using PureHDF;
using TorchSharp;

namespace KerasPort.Saving;

/// <summary>
/// Reads and writes Keras 3's <c>.weights.h5</c> files (what <c>model.save_weights</c> writes and
/// <c>model.load_weights</c> reads), in managed code (PureHDF).
/// </summary>
/// <remarks>
/// <para><b>Public API</b></para>
/// <list type="bullet">
/// <item><c>WeightsFile.write(filepath, entries, overwrite = true)</c>: <c>entries</c> is a list of
/// <c>(string path, string name, Tensor[] variables)</c>, in Keras's saving order. For each entry
/// the file gets the group <c>/{path}/vars</c> with the string attribute <c>name</c> and one dataset
/// per variable, named <c>"0"</c>, <c>"1"</c>, ... in order. <c>path</c> is Keras's saving path:
/// <c>"layers/dense"</c>, <c>"layers/dense_1"</c>, <c>"optimizer"</c>, or <c>""</c> for the model's
/// own (usually empty) <c>/vars</c>. An entry with no variables still gets its empty, named group,
/// as Keras writes for Dropout. The file is written to a temporary file beside the target, then
/// moved over it, so a crash never leaves a half-written file in place of a good one.</item>
/// <item><c>WeightsFile.read(filepath)</c>: every <c>vars</c> group of a file written by Keras 3
/// or by <c>write</c>, as <c>(path, name, variables)</c> in h5py's order (alphabetical per group);
/// the variables in the order <c>"0"</c>, <c>"1"</c>, ... with their file dtype and shape.</item>
/// <item><c>WeightsFile.container_paths("layers", class_names)</c>: Keras's paths for the layers
/// of a model, which come from the class names, not the layer names: <c>["Dense", "Dropout",
/// "Dense"]</c> gives <c>layers/dense</c>, <c>layers/dropout</c>, <c>layers/dense_1</c>.</item>
/// </list>
/// <para>The layout is Keras's exactly (checked against files Keras wrote): groups with no
/// attributes above each <c>vars</c> group; the <c>name</c> attribute a scalar variable-length
/// UTF-8 string; datasets contiguous, uncompressed, without attributes; scalars (an optimizer's
/// <c>iteration</c>) as scalar datasets. Dtypes kept: float32, float64, float16, int8, int16,
/// int32, int64, uint8.</para>
/// <code>
/// WeightsFile.write("model.weights.h5", [
///     ("layers/dense", "dense", [kernel, bias]),
///     ("layers/dropout", "dropout", []),
///     ("", "sequential", []),
/// ]);
/// var entries = WeightsFile.read("model.weights.h5");
/// </code>
/// </remarks>
public static class WeightsFile
{
    /// <summary>Writes <paramref name="entries"/> in Keras 3's <c>.weights.h5</c> layout, atomically.</summary>
    public static void write(string filepath, IReadOnlyList<(string path, string name, torch.Tensor[] variables)> entries, bool overwrite = true)
    {
        ArgumentNullException.ThrowIfNull(filepath);
        ArgumentNullException.ThrowIfNull(entries);
        if (!filepath.EndsWith(".weights.h5", StringComparison.Ordinal))
            throw new ArgumentException($"The filename must end in `.weights.h5`. Received: filepath={filepath}", nameof(filepath));
        if (!overwrite && File.Exists(filepath))
            throw new IOException($"The file {filepath} already exists and overwrite=false.");

        var root = to_h5(entries);
        WriteAtomically(filepath, stream => root.Write(stream, WriteOptions));
    }

    /// <summary>Writes <paramref name="entries"/> in the same layout to a stream (the <c>model.weights.h5</c> member of a <c>.keras</c> file).</summary>
    internal static void write(Stream stream, IReadOnlyList<(string path, string name, torch.Tensor[] variables)> entries) =>
        to_h5(entries).Write(stream, WriteOptions);

    private static readonly H5WriteOptions WriteOptions = new(PreferCompactDatasetLayout: false);

    private static H5File to_h5(IReadOnlyList<(string path, string name, torch.Tensor[] variables)> entries)
    {
        var root = new H5File();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, name, variables) in entries)
        {
            string trimmed = (path ?? throw new ArgumentException("An entry has a null path.", nameof(entries))).Trim('/');
            if (!seen.Add(trimmed))
                throw new ArgumentException($"Two entries have the same path: '{trimmed}'. Each layer, the optimizer and the model have one.", nameof(entries));
            var vars = new H5Group { Attributes = new() { ["name"] = name ?? throw new ArgumentException($"The entry '{trimmed}' has a null name.", nameof(entries)) } };
            for (int i = 0; i < variables.Length; i++) vars[i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = ToDataset(variables[i]);
            GroupAt(root, trimmed)["vars"] = vars;
        }
        return root;
    }

    /// <summary>
    /// Every <c>vars</c> group of a <c>.weights.h5</c> file: its path, its <c>name</c> attribute and
    /// its variables (new CPU tensors that the caller owns and should dispose). This reads every
    /// dataset; <c>model.load_weights</c> instead checks each shape against the model first and
    /// reads only what the model needs. A corrupt file raises a <see cref="InvalidDataException"/> (FileErrors)
    /// naming it.
    /// </summary>
    public static IReadOnlyList<(string path, string? name, torch.Tensor[] variables)> read(string filepath)
    {
        ArgumentNullException.ThrowIfNull(filepath);
        using var stored = StoredWeights.open(filepath);
        var result = new List<(string, string?, torch.Tensor[])>();
        try
        {
            foreach (var group in stored.groups) result.Add((group.path, group.name, stored.read(group)));
            return result;
        }
        catch
        {
            foreach (var (_, _, tensors) in result) foreach (var t in tensors) t.Dispose();
            throw;
        }
    }

    /// <summary>Keras's saving paths for the items of a container (<c>"layers"</c>): snake_case class name, then <c>_1</c>, <c>_2</c>, ...</summary>
    public static string[] container_paths(string container, IEnumerable<string> class_names)
    {
        var used = new Dictionary<string, int>(StringComparer.Ordinal);
        var paths = new List<string>();
        foreach (var class_name in class_names)
        {
            string name = GlobalState.to_snake_case(class_name);
            if (used.TryGetValue(name, out int count))
            {
                used[name] = count + 1;
                name = $"{name}_{count}";
            }
            else used[name] = 1;
            paths.Add(container.Length == 0 ? name : container.TrimEnd('/') + "/" + name);
        }
        return paths.ToArray();
    }

    /// <summary>
    /// Runs <paramref name="write"/> on a temporary file beside <paramref name="filepath"/>
    /// (<c>.NAME.&lt;32 hex digits&gt;.tmp</c>), then moves it over the target; on any failure the
    /// temporary file is removed and the target untouched. The temporary file is held with an
    /// exclusive lock while it is written, so the temporary files of a save that was killed (no
    /// one holds them any more) are recognised and removed by the next save of the same target;
    /// files of any other name, and those another save is still writing, are left alone.
    /// </summary>
    internal static void WriteAtomically(string filepath, Action<Stream> write)
    {
        string full = Path.GetFullPath(filepath);
        string directory = Path.GetDirectoryName(full)!;
        if (Directory.Exists(full))
            throw new IOException($"Please specify a non-directory filepath. Filepath used is an existing directory: {filepath}");
        Directory.CreateDirectory(directory);
        remove_stale_temporaries(directory, Path.GetFileName(full));
        string temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
                write(stream);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Deletes <c>.{name}.&lt;32 hex&gt;.tmp</c> files in <paramref name="directory"/> that no writer holds.</summary>
    private static void remove_stale_temporaries(string directory, string name)
    {
        string prefix = "." + name + ".";
        foreach (var path in Directory.EnumerateFiles(directory, prefix + "*.tmp"))
        {
            string middle = Path.GetFileName(path)[prefix.Length..^".tmp".Length];
            if (middle.Length != 32 || !middle.All(char.IsAsciiHexDigitLower)) continue;
            try
            {
                // A writer holds its temporary file exclusively; one we can lock belongs to a dead save.
                using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) { }
                File.Delete(path);
            }
            catch (IOException)
            {
                // Still being written by another save, or already gone.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to remove.
            }
        }
    }

    internal static H5Group GroupAt(H5Group root, string path)
    {
        var group = root;
        if (path.Length == 0) return group;
        foreach (var part in path.Split('/'))
        {
            if (part.Length == 0) throw new ArgumentException($"Invalid path '{path}': empty part.", nameof(path));
            if (!group.TryGetValue(part, out var child))
                group[part] = child = new H5Group();
            group = child as H5Group ?? throw new ArgumentException($"'{part}' of '{path}' is a dataset, not a group.", nameof(path));
        }
        return group;
    }

    internal static H5Dataset ToDataset(torch.Tensor variable)
    {
        // Each step may give a new tensor (or the same one): dispose what is new, never the caller's.
        using var detached = variable.detach();
        using var on_cpu = detached.cpu();
        using var cpu = on_cpu.contiguous();
        ulong[] dims = cpu.shape.Select(d => (ulong)d).ToArray();
        object data = cpu.dtype switch
        {
            torch.ScalarType.Float32 => cpu.data<float>().ToArray(),
            torch.ScalarType.Float64 => cpu.data<double>().ToArray(),
            torch.ScalarType.Float16 => cpu.data<Half>().ToArray(),
            torch.ScalarType.Int8 => cpu.data<sbyte>().ToArray(),
            torch.ScalarType.Int16 => cpu.data<short>().ToArray(),
            torch.ScalarType.Int32 => cpu.data<int>().ToArray(),
            torch.ScalarType.Int64 => cpu.data<long>().ToArray(),
            torch.ScalarType.Byte => cpu.data<byte>().ToArray(),
            var other => throw new ArgumentException($"Cannot save a variable of dtype {other} in a .weights.h5 file.", nameof(variable)),
        };
        return new H5Dataset(data, fileDims: dims);
    }

    /// <summary>One dataset as a tensor of its file dtype and shape.</summary>
    internal static torch.Tensor read_dataset(IH5Dataset dataset, string where) => StoredVariable.of(dataset, where, where).read();
}
