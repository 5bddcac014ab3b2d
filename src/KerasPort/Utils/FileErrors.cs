namespace KerasPort.Utils;

/// <summary>
/// The one error KerasPort's file readers (<c>.keras</c>, <c>.weights.h5</c>, <c>.npy</c>/<c>.npz</c>)
/// raise for a file that is not what it should be (corrupt, truncated, of the wrong kind, lying
/// about its sizes, asking for more memory than what it describes can need): an
/// <see cref="InvalidDataException"/> whose message reads <c>Cannot read 'FILE': WHAT IS WRONG</c>,
/// with the low-level error (HDF5, zip, JSON) as its inner exception and the file in
/// <c>Data["filepath"]</c>. (<see cref="InvalidDataException"/> is sealed, so this is the type itself.)
/// </summary>
internal static class FileErrors
{
    /// <summary>The key of <see cref="Exception.Data"/> that holds the file's path.</summary>
    public const string FilepathKey = "filepath";

    /// <summary>The error for <paramref name="filepath"/> (an archive member as <c>archive:member</c>).</summary>
    public static InvalidDataException invalid(string filepath, string problem, Exception? inner = null)
    {
        var error = new InvalidDataException($"Cannot read '{filepath}': {problem}", inner);
        error.Data[FilepathKey] = filepath;
        return error;
    }

    /// <summary>True for an error that <see cref="invalid"/> made (it already names its file).</summary>
    public static bool names_file(Exception e) => e.Data.Contains(FilepathKey);
}
