using System.Runtime.InteropServices;
using KerasPort.Backend;
using KerasPort.Utils;
using PureHDF;
using PureHDF.VOL.Native;
using TorchSharp;

namespace KerasPort.Saving;

/// <summary>
/// An open <c>.weights.h5</c> file whose layout (groups, names, dataset shapes and types) has been
/// read but none of whose data has: a loader checks every shape against the model first, then
/// reads only the datasets the model needs, so a file cannot make KerasPort allocate more than
/// the model it is loaded into. Every failure is a <see cref="InvalidDataException"/> (FileErrors) naming the file.
/// </summary>
internal sealed class StoredWeights : IDisposable
{
    // A file nests a handful of groups per layer; deeper nesting is not a Keras file.
    private const int MaxDepth = 64;

    private readonly IDisposable _file;

    static StoredWeights() => BoundedDeflateFilter.register();

    private StoredWeights(string source, IDisposable file, IReadOnlyList<StoredGroup> groups)
    {
        this.source = source;
        _file = file;
        this.groups = groups;
    }

    /// <summary>The file (or <c>archive:member</c>) that errors name.</summary>
    public string source { get; }

    /// <summary>Every <c>vars</c> group, in h5py's order (alphabetical per group).</summary>
    public IReadOnlyList<StoredGroup> groups { get; }

    /// <summary>Opens <paramref name="filepath"/> and reads its layout.</summary>
    public static StoredWeights open(string filepath)
    {
        if (!File.Exists(filepath)) throw new FileNotFoundException($"No such file: {filepath}", filepath);
        return guarded(filepath, () =>
        {
            var file = H5File.OpenRead(filepath);
            return layout(filepath, file, file);
        });
    }

    /// <summary>Reads the layout of the <c>.weights.h5</c> image in <paramref name="stream"/>; <paramref name="source"/> names it in errors.</summary>
    public static StoredWeights open(Stream stream, string source) => guarded(source, () =>
    {
        var file = H5File.Open(stream, leaveOpen: true);
        return layout(source, file, file);
    });

    private static StoredWeights layout(string source, IH5Group root, IDisposable file)
    {
        try
        {
            var groups = new List<StoredGroup>();
            collect(root, "", source, groups, 0);
            return new StoredWeights(source, file, groups);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private static void collect(IH5Group group, string path, string source, List<StoredGroup> result, int depth)
    {
        if (depth > MaxDepth) throw FileErrors.invalid(source, $"its groups nest deeper than {MaxDepth} levels at '{path}'; a Keras weights file does not.");
        foreach (var child in group.Children().OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            if (child is not IH5Group sub) continue;
            string childPath = path.Length == 0 ? child.Name : path + "/" + child.Name;
            if (child.Name != "vars")
            {
                collect(sub, childPath, source, result, depth + 1);
                continue;
            }
            string? name = sub.AttributeExists("name") ? sub.Attribute("name").Read<string>() : null;
            var datasets = sub.Children().OfType<IH5Dataset>().ToDictionary(d => d.Name, StringComparer.Ordinal);
            var variables = new StoredVariable[datasets.Count];
            for (int i = 0; i < variables.Length; i++)
            {
                if (!datasets.TryGetValue(i.ToString(System.Globalization.CultureInfo.InvariantCulture), out var dataset))
                    throw FileErrors.invalid(source, $"'{childPath}' has {datasets.Count} datasets but no dataset \"{i}\"; Keras names them 0, 1, 2, ...");
                variables[i] = StoredVariable.of(dataset, childPath + "/" + i, source);
            }
            result.Add(new StoredGroup(path, name, variables));
        }
    }

    /// <summary>Reads every variable of <paramref name="group"/> (the caller owns the tensors).</summary>
    public torch.Tensor[] read(StoredGroup group) => read(group.variables);

    /// <summary>Reads every one of <paramref name="variables"/> (the caller owns the tensors); none is left undisposed on failure.</summary>
    public static torch.Tensor[] read(IReadOnlyList<StoredVariable> variables)
    {
        var tensors = new List<torch.Tensor>();
        try
        {
            foreach (var variable in variables) tensors.Add(variable.read());
            return tensors.ToArray();
        }
        catch
        {
            foreach (var t in tensors) t.Dispose();
            throw;
        }
    }

    /// <summary>Runs <paramref name="action"/>, turning whatever a malformed file makes PureHDF throw into a <see cref="InvalidDataException"/> (FileErrors) naming <paramref name="source"/>.</summary>
    internal static T guarded<T>(string source, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (!FileErrors.names_file(e) && e is not (FileNotFoundException or OutOfMemoryException or InsufficientMemoryException))
        {
            throw FileErrors.invalid(source, $"it is not a readable Keras weights file (HDF5): {describe(e)}", e);
        }
    }

    // PureHDF wraps the cause ("Filter pipeline failed.") around the message that says what is wrong.
    private static string describe(Exception e) =>
        e.InnerException is null ? e.Message : $"{e.Message} {e.GetBaseException().Message}";

    public void Dispose() => _file.Dispose();
}

/// <summary>One <c>vars</c> group of a weights file: its path, its <c>name</c> attribute and its datasets, unread.</summary>
internal sealed record StoredGroup(string path, string? name, StoredVariable[] variables);

/// <summary>One dataset of a weights file: its shape and dtype, read from the header; <see cref="read"/> reads its data.</summary>
internal sealed class StoredVariable
{
    private readonly IH5Dataset _dataset;
    private readonly string _source;

    private StoredVariable(IH5Dataset dataset, string where, string source, long[] shape, torch.ScalarType dtype)
    {
        _dataset = dataset;
        _source = source;
        this.where = where;
        this.shape = shape;
        this.dtype = dtype;
    }

    /// <summary>The dataset's path in the file (<c>layers/dense/vars/0</c>).</summary>
    public string where { get; }

    /// <summary>The shape the file declares.</summary>
    public long[] shape { get; }

    /// <summary>The dtype the file stores.</summary>
    public torch.ScalarType dtype { get; }

    internal static StoredVariable of(IH5Dataset dataset, string where, string source)
    {
        var space = dataset.Space;
        long[] shape = space.Type == H5DataspaceType.Scalar ? [] : space.Dimensions.Select(d => d > long.MaxValue ? -1 : (long)d).ToArray();
        if (shape.Any(d => d < 0))
            throw FileErrors.invalid(source, $"'{where}' declares an impossible shape ({string.Join(", ", space.Dimensions)}).");
        var type = dataset.Type;
        torch.ScalarType dtype = (type.Class, type.Size) switch
        {
            (H5DataTypeClass.FloatingPoint, 4) => torch.ScalarType.Float32,
            (H5DataTypeClass.FloatingPoint, 8) => torch.ScalarType.Float64,
            (H5DataTypeClass.FloatingPoint, 2) => torch.ScalarType.Float16,
            (H5DataTypeClass.FixedPoint, 1) when type.FixedPoint.IsSigned => torch.ScalarType.Int8,
            (H5DataTypeClass.FixedPoint, 1) => torch.ScalarType.Byte,
            (H5DataTypeClass.FixedPoint, 2) when type.FixedPoint.IsSigned => torch.ScalarType.Int16,
            (H5DataTypeClass.FixedPoint, 4) when type.FixedPoint.IsSigned => torch.ScalarType.Int32,
            (H5DataTypeClass.FixedPoint, 8) when type.FixedPoint.IsSigned => torch.ScalarType.Int64,
            _ => throw FileErrors.invalid(source, $"'{where}' has an HDF5 type ({type.Class}, {type.Size} bytes) that Keras weights do not use."),
        };
        return new StoredVariable(dataset, where, source, shape, dtype);
    }

    /// <summary>
    /// The data, as a new CPU tensor of <see cref="shape"/> and <see cref="dtype"/> (the caller owns it).
    /// The data goes straight from the file into the tensor's memory; chunks larger than the
    /// dataset, element counts that overflow and chunks that inflate past their size are refused.
    /// </summary>
    public torch.Tensor read()
    {
        long count = MemoryBudget.element_count(shape) ?? throw FileErrors.invalid(_source, $"'{where}' declares {ShapeText(shape)}, whose element count overflows.");
        check_chunks();
        var tensor = torch.empty(shape, dtype);
        try
        {
            StoredWeights.guarded(_source, () =>
            {
                var native = (NativeDataset)_dataset;
                var bytes = tensor.bytes;
                switch (dtype)
                {
                    case torch.ScalarType.Float32: native.Read(MemoryMarshal.Cast<byte, float>(bytes)); break;
                    case torch.ScalarType.Float64: native.Read(MemoryMarshal.Cast<byte, double>(bytes)); break;
                    case torch.ScalarType.Float16: native.Read(MemoryMarshal.Cast<byte, Half>(bytes)); break;
                    case torch.ScalarType.Int8: native.Read(MemoryMarshal.Cast<byte, sbyte>(bytes)); break;
                    case torch.ScalarType.Byte: native.Read(bytes); break;
                    case torch.ScalarType.Int16: native.Read(MemoryMarshal.Cast<byte, short>(bytes)); break;
                    case torch.ScalarType.Int32: native.Read(MemoryMarshal.Cast<byte, int>(bytes)); break;
                    default: native.Read(MemoryMarshal.Cast<byte, long>(bytes)); break;
                }
                return count;
            });
            return tensor;
        }
        catch
        {
            tensor.Dispose();
            throw;
        }
    }

    // A chunk bigger than its dataset would make the reader allocate more than the data needs.
    private void check_chunks()
    {
        var layout = StoredWeights.guarded(_source, () => _dataset.Layout);
        if (layout.Class != H5DataLayoutClass.Chunked) return;
        ulong[] chunks = StoredWeights.guarded(_source, () => layout.Chunks);
        if (chunks.Length != shape.Length || chunks.Zip(shape).Any(p => p.First == 0 || p.First > (ulong)Math.Max(p.Second, 1)))
            throw FileErrors.invalid(_source, $"'{where}' of shape {ShapeText(shape)} declares chunks of ({string.Join(", ", chunks)}), larger than the dataset.");
    }

    private static string ShapeText(long[] shape) => Utils.PythonFormat.tuple(shape);
}
