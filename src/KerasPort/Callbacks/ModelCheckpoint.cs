using KerasPort.Utils;

namespace KerasPort.Callbacks;

/// <summary>
/// Saves the model's weights during training (Keras 3's <c>keras.callbacks.ModelCheckpoint</c>).
/// </summary>
/// <remarks>
/// <para><c>filepath</c> may hold Python format fields filled with the 1-based epoch and the logs,
/// with Python's formatting: <c>"ckpt-{epoch:02d}-{val_loss:.2f}.weights.h5"</c>
/// (<c>{batch}</c> too, when saving every <c>save_freq</c> batches). With
/// <c>save_best_only</c>, only a value of <c>monitor</c> that beats the best so far (or
/// <c>initial_value_threshold</c>) saves. <c>save_freq</c> is <c>"epoch"</c> (default, also null)
/// or a number of batches.</para>
/// <para>Weights-only saving (<c>save_weights_only: true</c>, a path ending in
/// <c>.weights.h5</c>) goes through <c>model.save_weights</c>; whole-model saving (a path ending in
/// <c>.keras</c>, or <c>.h5</c> for Keras's legacy HDF5 format) through <c>model.save</c>. Both
/// write atomically (a temporary file, then a rename), so a crash never leaves a half-written
/// checkpoint.</para>
/// <code>
/// var checkpoint = new ModelCheckpoint("best.weights.h5", monitor: "val_accuracy", mode: "max",
///                                      save_best_only: true, save_weights_only: true);
/// </code>
/// </remarks>
public sealed class ModelCheckpoint : MonitorCallback
{
    private int _batches_seen_since_last_saving;
    private int? _last_batch_seen;
    private int _current_epoch;

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

    public string filepath { get; }
    public int verbose { get; }
    public bool save_best_only { get; }
    public bool save_weights_only { get; }

    /// <summary><c>"epoch"</c> or a number of batches (an <c>int</c>).</summary>
    public object save_freq { get; }

    public override void on_train_batch_end(int batch, IDictionary<string, double>? logs = null)
    {
        if (_should_save_on_batch(batch)) _save_model(_current_epoch, batch, logs);
    }

    public override void on_epoch_begin(int epoch, IDictionary<string, double>? logs = null) => _current_epoch = epoch;

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
