using System.Collections;
using static TorchSharp.torch;

namespace KerasPort.Preprocessing.Image;

/// <summary>
/// The rows a <see cref="DataFrameIterator"/> keeps, worked out in Keras's order: check the
/// columns, drop invalid files, find the classes (dropping rows left without one), take the subset.
/// </summary>
internal sealed record DataFrameTable(
    BatchFromFilesIterator.ProcessingAttrs attrs, string directory, string[] filenames,
    Dictionary<string, int>? class_indices, int[][]? labels, Tensor? targets, Tensor? weights)
{
    public static DataFrameTable build(IEnumerable<IReadOnlyDictionary<string, object?>> dataframe, string directory,
                                       string x_col, string y_col, string? weight_col, IReadOnlyList<string>? classes,
                                       bool validate_filenames, BatchFromFilesIterator.ProcessingAttrs attrs)
    {
        string? class_mode = attrs.class_mode;
        var rows = dataframe.ToList();
        check_params(rows, x_col, y_col, weight_col, classes, class_mode);
        if (validate_filenames)
        {
            var kept = rows.Where(r => valid_file(Path.Join(directory, (string)r[x_col]!))).ToList();
            if (kept.Count != rows.Count)
                ImageDataGenerator.warn($"Found {rows.Count - kept.Count} invalid image filename(s) in x_col=\"{x_col}\". " +
                              "These filename(s) will be ignored.");
            rows = kept;
        }
        Dictionary<string, int>? class_indices = null;
        List<string[]> names = [];
        if (DataFrameIterator.uses_classes(class_mode))
        {
            var row_names = rows.Select(r => class_names(r[y_col], y_col)).ToList();
            string[] all;
            if (classes is { Count: > 0 })
            {
                all = classes.Distinct().ToArray();
                var allowed = all.ToHashSet();
                row_names = row_names.Select(n => n.Where(allowed.Contains).ToArray()).ToList();
                var keep = row_names.Select(n => n.Length > 0).ToList();
                rows = rows.Where((_, i) => keep[i]).ToList();
                row_names = row_names.Where(n => n.Length > 0).ToList();
            }
            else
            {
                all = row_names.SelectMany(n => n).Distinct().Order(CodePointComparer.Instance).ToArray();
            }
            class_indices = new Dictionary<string, int>();
            for (int c = 0; c < all.Length; c++) class_indices[all[c]] = c;
            names = row_names;
        }
        var (start, stop) = attrs.bounds(rows.Count);
        rows = rows.Take(start..stop).ToList();
        int[][]? labels = class_indices is null
            ? null
            : names.Take(start..stop).Select(n => n.Select(c => class_indices[c]).ToArray()).ToArray();
        Tensor? targets = class_mode == "raw" ? numeric_column(rows.Select(r => r[y_col]).ToList(), y_col) : null;
        Tensor? weights = weight_col is null ? null : numeric_column(rows.Select(r => r[weight_col]).ToList(), weight_col);
        var filenames = rows.Select(r => (string)r[x_col]!).ToArray();
        return new DataFrameTable(attrs, directory, filenames, class_indices, labels, targets, weights);
    }

    // Keras's _check_params.
    private static void check_params(List<IReadOnlyDictionary<string, object?>> rows, string x_col, string y_col,
                                     string? weight_col, IReadOnlyList<string>? classes, string? class_mode)
    {
        foreach (var column in new[] { x_col, DataFrameIterator.uses_classes(class_mode) || class_mode == "raw" ? y_col : null, weight_col })
            if (column is not null && rows.Any(r => !r.ContainsKey(column)))
                throw new ArgumentException($"Column \"{column}\" is missing from some rows of the dataframe.", "dataframe");
        if (rows.Any(r => r[x_col] is not string))
            throw new ArgumentException($"All values in column x_col={x_col} must be strings.", nameof(x_col));
        if (class_mode is "binary" or "sparse" && rows.Any(r => r[y_col] is not string))
            throw new ArgumentException($"If class_mode=\"{class_mode}\", y_col=\"{y_col}\" column values must be strings.", nameof(y_col));
        if (class_mode == "binary")
        {
            if (classes is { Count: > 0 })
            {
                int count = classes.Distinct().Count();
                if (count != 2)
                    throw new ArgumentException($"If class_mode=\"binary\" there must be 2 classes. {count} class/es were given.", nameof(classes));
            }
            else
            {
                int count = rows.Select(r => (string)r[y_col]!).Distinct().Count();
                if (count != 2)
                    throw new ArgumentException($"If class_mode=\"binary\" there must be 2 classes. Found {count} classes.", nameof(y_col));
            }
        }
        if (class_mode == "categorical" && rows.Any(r => r[y_col] is not (string or IEnumerable<string>)))
            throw new ArgumentException($"If class_mode=\"categorical\", y_col=\"{y_col}\" column values must be type string, list or tuple.", nameof(y_col));
        if (classes is { Count: > 0 } && !DataFrameIterator.uses_classes(class_mode))
            ImageDataGenerator.warn($"`classes` will be ignored given the class_mode=\"{class_mode ?? "None"}\"");
        if (weight_col is not null && rows.Any(r => !is_number(r[weight_col])))
            throw new ArgumentException($"Column weight_col={weight_col} must be numeric.", nameof(weight_col));
    }

    private static string[] class_names(object? value, string y_col) => value switch
    {
        string s => [s],
        IEnumerable<string> many => many.ToArray(),
        _ => throw new ArgumentException($"Expect string, list or tuple but found {value?.GetType().Name ?? "null"} in {y_col} column ", nameof(y_col)),
    };

    // Keras's validate_filename: an allowed extension and an existing file.
    private static bool valid_file(string path)
    {
        var lower = path.ToLowerInvariant();
        return Iterator.white_list_formats.Any(e => lower.EndsWith(e, StringComparison.Ordinal)) && File.Exists(path);
    }

    private static bool is_number(object? v) => v is sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal;

    private static bool is_integer(object? v) => v is sbyte or byte or short or ushort or int or uint or long or ulong;

    // A column of numbers (or of equal-length number arrays) as pandas's .values gives it:
    // int64 when every value is an integer, float64 otherwise.
    private static Tensor numeric_column(List<object?> values, string column)
    {
        var cells = values.Select(v => v switch
        {
            _ when is_number(v) => new[] { v! },
            IEnumerable e and not string => e.Cast<object>().ToArray(),
            _ => throw new ArgumentException($"Column {column} must hold numbers or arrays of numbers. Received: {v ?? "null"}", nameof(column)),
        }).ToList();
        bool scalar = values.All(is_number);
        int width = cells.Count == 0 ? 1 : cells[0].Length;
        if (cells.Any(c => c.Length != width || !c.All(is_number)))
            throw new ArgumentException($"Column {column} must hold numbers, or number arrays of one length.", nameof(column));
        long[] shape = scalar ? [cells.Count] : [cells.Count, width];
        if (cells.All(c => c.All(is_integer)))
            return tensor(cells.SelectMany(c => c.Select(Convert.ToInt64)).ToArray(), shape);
        return tensor(cells.SelectMany(c => c.Select(Convert.ToDouble)).ToArray(), shape);
    }
}
