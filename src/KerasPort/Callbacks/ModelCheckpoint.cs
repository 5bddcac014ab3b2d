using KerasPort.Utils;

namespace KerasPort.Callbacks;

/// <summary>
/// Saves the model or its weights during training (Keras 3's <c>keras.callbacks.ModelCheckpoint</c>),
/// at the end of each epoch or every <c>save_freq</c> batches, optionally only when the monitored
/// quantity improves.
/// </summary>
/// <remarks>
/// Weights-only saving (a path ending in <c>.weights.h5</c>) goes through <c>model.save_weights</c>;
/// whole-model saving (a path ending in <c>.keras</c>, or <c>.h5</c> for Keras's legacy HDF5
/// format) through <c>model.save</c>. Both write atomically (a temporary file, then a rename), so a
/// crash never leaves a half-written checkpoint.
/// </remarks>
/// <example>
/// Python <c>ModelCheckpoint("best.weights.h5", monitor="val_accuracy", mode="max", save_best_only=True, save_weights_only=True)</c> ports as:
/// <code>
/// var checkpoint = new ModelCheckpoint("best.weights.h5", monitor: "val_accuracy", mode: "max",
/// save_best_only: true, save_weights_only: true);
/// model.fit(x, y, epochs: 10, validation_split: 0.2, callbacks: [checkpoint]);
/// model.load_weights("best.weights.h5");
/// </code>
/// </example>
public sealed class ModelCheckpoint : MonitorCallback
{
    private int _batches_seen_since_last_saving;
    private int? _last_batch_seen;
    private int _current_epoch;

    /// <summary>Creates the callback; every argument has Keras's name and default.</summary>
    /// <param name="filepath">Where to save. It may hold Python format fields filled with the 1-based epoch, the batch and the logs, formatted as Python formats them: <c>"ckpt-{epoch:02d}-{val_loss:.2f}.weights.h5"</c>. Must end in <c>.weights.h5</c> when <paramref name="save_weights_only"/> is true, else in <c>.keras</c> (or <c>.h5</c>: Keras's legacy HDF5 format).</param>
    /// <param name="monitor">The logged quantity compared when <paramref name="save_best_only"/> is true. Default <c>"val_loss"</c>.</param>
    /// <param name="verbose">0 (default) is silent; 1 prints a message each time it saves or decides not to.</param>
    /// <param name="save_best_only">When true, saves only when <paramref name="monitor"/> beats the best value so far, so a fixed path always holds the best model. Default false: saves every time.</param>
    /// <param name="save_weights_only">When true, saves only the weights (<c>model.save_weights</c>); when false (default), the whole model (<c>model.save</c>).</param>
    /// <param name="mode"><c>"min"</c>, <c>"max"</c> or <c>"auto"</c> (default: the direction follows from the metric's name).</param>
    /// <param name="save_freq"><c>"epoch"</c> (default; null means the same) saves after each epoch; an <c>int</c> n saves every n batches, counted across epochs.</param>
    /// <param name="initial_value_threshold">A value the first saved result must beat with <paramref name="save_best_only"/>; null (default) for none.</param>
    /// <exception cref="ArgumentException">The path does not end as required, or <paramref name="save_freq"/> is neither <c>"epoch"</c> nor a positive <c>int</c>.</exception>
    public ModelCheckpoint(
        string filepath,
        string monitor = "val_loss",
        int verbose = 0,
        bool save_best_only = false,
        bool save_weights_only = false,
        string mode = "auto",
        object? save_freq = null,
        double? initial_value_threshold = null)
        : base(monitor, mode, initial_value_threshold)
    {
        ArgumentNullException.ThrowIfNull(filepath);
        save_freq ??= "epoch";
        if (save_freq is not ("epoch" or int))
            throw new ArgumentException($"Unrecognized save_freq: {save_freq}. Expected save_freq are 'epoch' or integer values", nameof(save_freq));
        if (save_freq is int n && n <= 0)
            throw new ArgumentException($"Invalid value received for argument save_freq. Expected 'epoch' or a positive number of batches. Received: save_freq={n}", nameof(save_freq));
        if (save_weights_only)
        {
            if (!filepath.EndsWith(".weights.h5", StringComparison.Ordinal))
                throw new ArgumentException(
                    "When using `save_weights_only=True` in `ModelCheckpoint`, the filepath provided must end in " +
                    $"`.weights.h5` (Keras weights format). Received: filepath={filepath}", nameof(filepath));
        }
        else
        {
            if (!filepath.EndsWith(".keras", StringComparison.Ordinal) && !filepath.EndsWith(".h5", StringComparison.Ordinal))
                throw new ArgumentException($"The filepath provided must end in `.keras` (Keras model format). Received: filepath={filepath}", nameof(filepath));
        }
        this.filepath = filepath;
        this.verbose = verbose;
        this.save_best_only = save_best_only;
        this.save_weights_only = save_weights_only;
        this.save_freq = save_freq;
    }

    /// <summary>The path (possibly with format fields) checkpoints are written to.</summary>
    public string filepath { get; }
    /// <summary>0: silent; 1: prints each save decision.</summary>
    public int verbose { get; }
    /// <summary>Whether only improvements of <see cref="MonitorCallback.monitor"/> are saved.</summary>
    public bool save_best_only { get; }
    /// <summary>Whether only the weights are saved (else the whole model).</summary>
    public bool save_weights_only { get; }

    /// <summary><c>"epoch"</c> or a number of batches (an <c>int</c>).</summary>
    public object save_freq { get; }

    /// <inheritdoc/>
    public override void on_train_batch_end(int batch, IDictionary<string, double>? logs = null)
    {
        if (_should_save_on_batch(batch)) _save_model(_current_epoch, batch, logs);
    }

    /// <inheritdoc/>
    public override void on_epoch_begin(int epoch, IDictionary<string, double>? logs = null) => _current_epoch = epoch;

    /// <inheritdoc/>
    public override void on_epoch_end(int epoch, IDictionary<string, double>? logs = null)
    {
        if (monitor_op is null) _set_monitor_op();
        if (save_freq is "epoch") _save_model(epoch, null, logs);
    }

    /// <summary>Counts batches across epochs; true every <c>save_freq</c> batches.</summary>
    private bool _should_save_on_batch(int batch)
    {
        if (save_freq is not int every) return false;
        // A batch index that does not grow means a new epoch began.
        int add_batches = _last_batch_seen is not { } last || batch <= last ? batch + 1 : batch - last;
        _batches_seen_since_last_saving += add_batches;
        _last_batch_seen = batch;
        if (_batches_seen_since_last_saving < every) return false;
        _batches_seen_since_last_saving = 0;
        return true;
    }

    private bool _should_save_model(int epoch, IDictionary<string, double>? logs, string path)
    {
        if (!save_best_only)
        {
            if (verbose > 0) print_msg($"\nEpoch {epoch + 1}: saving model to {path}");
            return true;
        }
        if (logs is null || !logs.TryGetValue(monitor, out double current))
        {
            warn($"Can save best model only with {monitor} available.");
            return true;
        }
        if (monitor_op is null) _set_monitor_op(); // a batch-level save can come before the first epoch end
        string best_str = best is { } b ? PythonFormat.@fixed(b, 5) : "None";
        if (_is_improvement(current, best))
        {
            if (verbose > 0)
                print_msg($"\nEpoch {epoch + 1}: {monitor} improved from {best_str} to {PythonFormat.@fixed(current, 5)}, saving model to {path}");
            best = current;
            return true;
        }
        if (verbose > 0) print_msg($"\nEpoch {epoch + 1}: {monitor} did not improve from {best_str}");
        return false;
    }

    private void _save_model(int epoch, int? batch, IDictionary<string, double>? logs)
    {
        string path = _get_file_path(epoch, batch, logs);
        if (Directory.Exists(path))
            throw new IOException($"Please specify a non-directory filepath for ModelCheckpoint. Filepath used is an existing directory: {path}");
        if (!_should_save_model(epoch, logs, path)) return;
        string? directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        if (save_weights_only) require_model().save_weights(path, overwrite: true);
        else require_model().save(path, overwrite: true);
        if (verbose > 0) print_msg($"\nEpoch {epoch + 1}: finished saving model to {path}");
    }

    /// <summary>The filepath with its fields filled as Python's <c>str.format(epoch=epoch + 1, **logs)</c>.</summary>
    private string _get_file_path(int epoch, int? batch, IDictionary<string, double>? logs)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in logs ?? new Dictionary<string, double>()) values[key] = value;
        values["epoch"] = epoch + 1;
        if (batch is { } b && !values.ContainsKey("batch")) values["batch"] = b + 1;
        try
        {
            return PythonFormat.format(filepath, values);
        }
        catch (KeyNotFoundException e)
        {
            throw new KeyNotFoundException($"Failed to format this callback filepath: \"{filepath}\". Reason: {e.Message}", e);
        }
    }
}
