using KerasPort.Preprocessing.Image;
using KerasPort.Utils;

namespace KerasPort.Data;

/// <summary>Keras's <c>keras/src/utils/dataset_utils.py</c>: which files a directory dataset holds, their labels, and the training/validation split.</summary>
internal static class DatasetUtils
{
    /// <summary>
    /// Keras's <c>index_directory</c>: with inferred labels, the sorted sub-folders of
    /// <paramref name="directory"/> not starting with "." are the classes (or the given
    /// <paramref name="class_names"/>, in their order, which must be among them); every file with
    /// an allowed extension below each (os.walk order: folders sorted, then names) is a sample.
    /// Explicit labels (one per file, in that order) or none index the whole folder. Then, with
    /// <paramref name="shuffle"/>, paths and labels are shuffled by <c>np.random.RandomState(seed)</c>.
    /// </summary>
    public static (string[] file_paths, int[]? labels, string[]? class_names) index_directory(string directory, object? labels,
        IReadOnlyList<string> formats, string[]? class_names, bool shuffle, long? seed, bool follow_links, bool verbose)
    {
        List<string> subdirs;
        if (labels is "inferred")
        {
            subdirs = Directory.EnumerateFileSystemEntries(directory)
                .Select(Path.GetFileName)
                .Where(name => Directory.Exists(Path.Combine(directory, name!)) && !name!.StartsWith('.'))
                .Select(name => name!)
                .OrderBy(name => name, CodePointComparer.Instance)
                .ToList();
            if (class_names is not null)
            {
                if (!class_names.All(subdirs.Contains))
                    throw new ArgumentException("The `class_names` passed did not match the names of the subdirectories of the target directory. " +
                        $"Expected: {PythonFormat.repr(subdirs)} (or a subset of it), but received: class_names={PythonFormat.repr(class_names)}", nameof(class_names));
                subdirs = class_names.ToList();
            }
        }
        else
        {
            subdirs = [""];
            if (class_names is not null)
                throw new ArgumentException(labels is null
                    ? "When `labels=None` (no labels), argument `class_names` cannot be specified."
                    : "When argument `labels` is specified, argument `class_names` cannot be specified (the `class_names` will be the sorted list of labels).", nameof(class_names));
        }

        var filenames = new List<string>();
        var inferred = new List<int>();
        for (int c = 0; c < subdirs.Count; c++)
        {
            var top = Path.Join(directory, subdirs[c]);
            foreach (var relative in FileWalk.valid_files(top, formats, follow_links))
            {
                filenames.Add(Path.Join(subdirs[c], relative));
                inferred.Add(c);
            }
        }

        int[]? label_values;
        string[]? names;
        if (labels is "inferred")
        {
            label_values = inferred.ToArray();
            names = subdirs.ToArray();
        }
        else if (labels is null)
        {
            label_values = null;
            names = null;
        }
        else
        {
            label_values = explicit_labels(labels);
            if (label_values.Length != filenames.Count)
                throw new ArgumentException($"Expected the lengths of `labels` to match the number of files in the target directory. len(labels) is {label_values.Length} while we found {filenames.Count} files in directory {directory}.", nameof(labels));
            names = label_values.Distinct().Order().Select(l => l.ToString()).ToArray();
        }
        if (verbose)
            IoUtils.print_msg(label_values is null ? $"Found {filenames.Count} files." : $"Found {filenames.Count} files belonging to {names!.Length} classes.");

        var file_paths = filenames.Select(f => Path.Join(directory, f)).ToArray();
        if (shuffle)
        {
            long s = seed ?? RandomState.Global.randint(1000000);
            new RandomState(s).shuffle(file_paths);
            if (label_values is not null) new RandomState(s).shuffle(label_values);
        }
        return (file_paths, label_values, names);
    }

    /// <summary>Explicit labels as Keras takes them: a list or tuple of integers, one per file.</summary>
    public static int[] explicit_labels(object labels) => labels switch
    {
        int[] a => (int[])a.Clone(),
        long[] a => a.Select(v => checked((int)v)).ToArray(),
        IEnumerable<int> e => e.ToArray(),
        IEnumerable<long> e => e.Select(v => checked((int)v)).ToArray(),
        _ => throw new ArgumentException("`labels` argument should be a list/tuple of integer labels, of the same size as the number of image files in the target directory. " +
            "If you wish to infer the labels from the subdirectory names in the target directory, pass `labels=\"inferred\"`. " +
            $"If you wish to get a dataset that only contains images (no labels), pass `labels=None`. Received: labels={labels}", nameof(labels)),
    };

    /// <summary>
    /// Keras's <c>get_training_or_validation_split</c>: without a split, everything; otherwise the
    /// last <c>int(validation_split * n)</c> samples are the validation subset, the rest training,
    /// with Keras's "Using K files for ..." line.
    /// </summary>
    public static (T[] samples, int[]? labels) get_training_or_validation_split<T>(T[] samples, int[]? labels, double? validation_split, string? subset)
    {
        if (validation_split is null or 0) return (samples, labels);
        int num_val_samples = (int)(validation_split.Value * samples.Length);
        switch (subset)
        {
            case "training":
                IoUtils.print_msg($"Using {samples.Length - num_val_samples} files for training.");
                // Python's samples[:-0] is empty: a split that rounds to no validation file leaves no training file either.
                int keep = num_val_samples == 0 ? 0 : samples.Length - num_val_samples;
                return (samples[..keep], labels?[..keep]);
            case "validation":
                IoUtils.print_msg($"Using {num_val_samples} files for validation.");
                // samples[-0:] is everything.
                int from = num_val_samples == 0 ? 0 : samples.Length - num_val_samples;
                return (samples[from..], labels?[from..]);
            default:
                throw new ArgumentException($"`subset` must be either \"training\" or \"validation\", received: {subset}", nameof(subset));
        }
    }

    /// <summary>Keras's <c>check_validation_split_arg</c>.</summary>
    public static void check_validation_split_arg(double? validation_split, string? subset, bool shuffle, long? seed)
    {
        bool has_split = validation_split is not null and not 0;
        if (has_split && !(validation_split > 0 && validation_split < 1))
            throw new ArgumentException($"`validation_split` must be between 0 and 1, received: {PythonFormat.str(validation_split!.Value)}", nameof(validation_split));
        if ((has_split || subset is not null) && !(has_split && subset is not null))
            throw new ArgumentException("If `subset` is set, `validation_split` must be set, and inversely.", nameof(subset));
        if (subset is not (null or "training" or "validation" or "both"))
            throw new ArgumentException($"`subset` must be either \"training\", \"validation\" or \"both\", received: {subset}", nameof(subset));
        if (has_split && shuffle && seed is null)
            throw new ArgumentException("If using `validation_split` and shuffling the data, you must provide a `seed` argument, to make sure that there is no overlap between the training and validation subset.", nameof(seed));
    }
}
