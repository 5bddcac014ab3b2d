using KerasPort.Utils;
using PureHDF;
using PureHDF.VOL.Native;

namespace KerasPort.Saving.Legacy;

/// <summary>
/// An open legacy HDF5 file (Keras 2's and Keras 3's <c>model.save("m.h5")</c>, or a Keras 2
/// <c>save_weights("w.h5")</c>): its string attributes and, per layer group, the weights that its
/// <c>weight_names</c> attribute lists, with their shapes read from the headers only. Data is read
/// only when asked, after a loader has checked every shape. Every failure is a
/// <see cref="InvalidDataException"/> (FileErrors) naming the file.
/// </summary>
internal sealed class LegacyH5File : IDisposable
{
    private readonly NativeFile _file;

    private LegacyH5File(string source, NativeFile file)
    {
        this.source = source;
        _file = file;
    }

    /// <summary>The file that errors name.</summary>
    public string source { get; }

    /// <summary>The file's root group.</summary>
    public IH5Group root => _file;

    /// <summary>Opens <paramref name="filepath"/>; a file that is not HDF5 is refused with its name.</summary>
    public static LegacyH5File open(string filepath)
    {
        if (!File.Exists(filepath)) throw new FileNotFoundException($"No such file: {filepath}", filepath);
        try
        {
            return new LegacyH5File(filepath, H5File.OpenRead(filepath));
        }
        catch (Exception e) when (!FileErrors.names_file(e) && e is not (OutOfMemoryException or InsufficientMemoryException))
        {
            throw FileErrors.invalid(filepath, $"it is not an HDF5 file (Keras's legacy `.h5` format): {e.Message}", e);
        }
    }

    /// <summary>A string attribute of <paramref name="obj"/> (variable or fixed length, as h5py writes str and bytes); null when absent.</summary>
    public string? text(IH5Object obj, string name) => guarded(() =>
    {
        if (!obj.AttributeExists(name)) return null;
        var attribute = obj.Attribute(name);
        if (attribute.Type.Class is not (H5DataTypeClass.String or H5DataTypeClass.VariableLength))
            throw FileErrors.invalid(source, $"its attribute '{name}' is not a string (HDF5 {attribute.Type.Class}).");
        return attribute.Read<string>().TrimEnd('\0');
    });

    /// <summary>
    /// Keras's <c>load_attributes_from_hdf5_group</c>: the strings of attribute <paramref name="name"/>,
    /// or of <c>name0</c>, <c>name1</c>, ... when a long list was split into chunks; empty when
    /// absent (h5py stores an empty list as an empty float64 array).
    /// </summary>
    public IReadOnlyList<string> list(IH5Object obj, string name) => guarded(() =>
    {
        if (obj.AttributeExists(name)) return strings(obj.Attribute(name), name);
        var result = new List<string>();
        for (int chunk = 0; obj.AttributeExists(name + chunk); chunk++)
            result.AddRange(strings(obj.Attribute(name + chunk), name + chunk));
        return (IReadOnlyList<string>)result;
    });

    private List<string> strings(IH5Attribute attribute, string name)
    {
        if (attribute.Space.Dimensions.Aggregate(1UL, (a, b) => a * b) == 0 && attribute.Space.Type != H5DataspaceType.Scalar) return [];
        if (attribute.Type.Class is not (H5DataTypeClass.String or H5DataTypeClass.VariableLength))
            throw FileErrors.invalid(source, $"its attribute '{name}' is not a list of names (HDF5 {attribute.Type.Class}).");
        if (attribute.Space.Type == H5DataspaceType.Scalar) return [attribute.Read<string>().TrimEnd('\0')];
        return attribute.Read<string[]>().Select(s => s.TrimEnd('\0')).ToList();
    }

    /// <summary>True when <paramref name="obj"/> has the attribute <paramref name="name"/>.</summary>
    public bool has_attribute(IH5Object obj, string name) => guarded(() => obj.AttributeExists(name));

    /// <summary>True when <paramref name="group"/> has a child group <paramref name="name"/>.</summary>
    public bool has_group(IH5Group group, string name) => guarded(() => group.LinkExists(name) && group.Get(name) is IH5Group);

    /// <summary>The child group <paramref name="name"/> (Keras's <c>safe_get_h5_group</c>): a missing one is a named error.</summary>
    public IH5Group group(IH5Group parent, string name, string where) => guarded(() =>
        parent.LinkExists(name) && parent.Get(name) is IH5Group child
            ? child
            : throw FileErrors.invalid(source, $"it has no group '{name}' in '{where}'."));

    /// <summary>
    /// Keras's <c>load_subset_weights_from_hdf5_group</c>, headers only: the datasets that the
    /// <c>weight_names</c> attribute of <paramref name="group"/> lists, in that order.
    /// </summary>
    public IReadOnlyList<StoredVariable> subset(IH5Group group, string where) => guarded(() =>
        (IReadOnlyList<StoredVariable>)list(group, "weight_names").Select(weight_name =>
        {
            if (!group.LinkExists(weight_name) || group.Get(weight_name) is not IH5Dataset dataset)
                throw FileErrors.invalid(source, $"'{where}' lists the weight '{weight_name}' but has no such dataset.");
            return StoredVariable.of(dataset, $"{where}/{weight_name}", source);
        }).ToList());

    private T guarded<T>(Func<T> action) => StoredWeights.guarded(source, action);

    public void Dispose() => _file.Dispose();
}
