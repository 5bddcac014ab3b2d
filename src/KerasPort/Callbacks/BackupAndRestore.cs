using System.Text.Json;
using KerasPort.Utils;

namespace KerasPort.Callbacks;

/// <summary>
/// Keras's <c>BackupAndRestore</c>: backs up the model (weights and optimizer state, as
/// <c>save_weights</c> writes them) to <c>backup_dir/latest.weights.h5</c> and the progress to
/// <c>backup_dir/training_metadata.json</c> (<c>{"epoch": ..., "batch": ...}</c>) at the end of
/// each epoch or every <c>save_freq</c> batches; a <c>fit</c> that starts with a backup present
/// restores it and resumes at the saved epoch. With <c>double_checkpoint</c>, the previous backup
/// is kept as <c>*.bkp</c> and used when the latest cannot be read. The folder is deleted when
/// training ends normally (<c>delete_checkpoint</c>).
/// </summary>
/// <example>
/// Python <c>BackupAndRestore(backup_dir="/tmp/backup")</c> ports as:
/// <code>
/// var backup = new BackupAndRestore(backup_dir: "backup");
/// model.fit(x, y, epochs: 10, callbacks: [backup]);   // an interrupted run resumes where it stopped
/// </code>
/// </example>
public sealed class BackupAndRestore : Callback
{
    private int _batches_seen_since_last_saving;
    private readonly string _weights_path, _training_metadata_path, _prev_weights_path, _prev_training_metadata_path;

    /// <param name="backup_dir">The folder of the backup; must not be empty.</param>
    /// <param name="save_freq"><c>"epoch"</c> (default) or a number of batches between backups.</param>
    /// <param name="double_checkpoint">Keep the previous backup to fall back to. Default false.</param>
    /// <param name="delete_checkpoint">Delete the backup when training ends. Default true.</param>
    public BackupAndRestore(string backup_dir, object? save_freq = null, bool double_checkpoint = false, bool delete_checkpoint = true)
    {
        if (string.IsNullOrEmpty(backup_dir)) throw new ArgumentException("Empty `backup_dir` argument passed", nameof(backup_dir));
        save_freq ??= "epoch";
        if (save_freq is not ("epoch" or int))
            throw new ArgumentException(
                $"Invalid value for argument `save_freq`. Received: save_freq={PythonFormat.str(save_freq)}. Expected either 'epoch' or an integer value.", nameof(save_freq));
        if (save_freq is int n && n <= 0)
            throw new ArgumentException($"Invalid value for argument `save_freq`. Received: save_freq={n}. Expected either 'epoch' or an integer value >= 1.", nameof(save_freq));
        this.backup_dir = backup_dir;
        this.save_freq = save_freq;
        this.double_checkpoint = double_checkpoint;
        this.delete_checkpoint = delete_checkpoint;
        _weights_path = Path.Combine(backup_dir, "latest.weights.h5");
        _training_metadata_path = Path.Combine(backup_dir, "training_metadata.json");
        _prev_weights_path = _weights_path + ".bkp";
        _prev_training_metadata_path = _training_metadata_path + ".bkp";
    }

    /// <summary>The folder that holds the backup.</summary>
    public string backup_dir { get; }
    /// <summary><c>"epoch"</c> or a number of batches (an <c>int</c>) between backups.</summary>
    public object save_freq { get; }
    /// <summary>Whether the previous backup is kept as a fallback.</summary>
    public bool double_checkpoint { get; }
    /// <summary>Whether the backup is deleted when training ends normally.</summary>
    public bool delete_checkpoint { get; }

    /// <summary>The epoch the next backup records (epochs completed so far).</summary>
    public int current_epoch { get; private set; }

    /// <summary>The last batch (0-based, within its epoch) seen by the batch-wise backup.</summary>
    public int last_batch_seen { get; private set; }

    /// <inheritdoc/>
    public override void on_train_begin(IDictionary<string, double>? logs = null)
    {
        try
        {
            load_model();
        }
        // Keras falls back to the previous backup when the latest cannot be read.
        catch (Exception e) when (e is not ArgumentException { ParamName: "model" } && File.Exists(_prev_weights_path))
        {
            // Replaced by a new file rather than overwritten: the failed read may still hold the old one open.
            File.Delete(_weights_path);
            File.Copy(_prev_weights_path, _weights_path);
            if (File.Exists(_prev_training_metadata_path)) File.Copy(_prev_training_metadata_path, _training_metadata_path, overwrite: true);
            else if (File.Exists(_training_metadata_path)) File.Delete(_training_metadata_path);
            load_model();
        }
    }

    private void load_model()
    {
        var model = this.model ?? throw new InvalidOperationException("BackupAndRestore needs a model: call set_model first.");
        if (model.layers.Count == 0 || model.layers.Any(l => !l.built))
            throw new ArgumentException(
                $"To use the BackupAndRestore callback, you model must be built before you call `fit()`. Model {model.name} is unbuilt. You can build it beforehand by calling it on a batch of data.",
                nameof(model));
        if (File.Exists(_weights_path))
        {
            if (model.optimizer is { built: false } optimizer) optimizer.build(model.trainable_weights);
            model.load_weights(_weights_path);
        }
        if (File.Exists(_training_metadata_path))
        {
            using var metadata = JsonDocument.Parse(File.ReadAllText(_training_metadata_path));
            model._initial_epoch = metadata.RootElement.GetProperty("epoch").GetInt32();
        }
    }

    /// <inheritdoc/>
    public override void on_epoch_end(int epoch, IDictionary<string, double>? logs = null)
    {
        current_epoch = epoch + 1;
        last_batch_seen = 0;
        if (save_freq is "epoch") save_model();
    }

    /// <inheritdoc/>
    public override void on_train_batch_end(int batch, IDictionary<string, double>? logs = null)
    {
        if (should_save_on_batch(batch)) save_model();
    }

    private bool should_save_on_batch(int batch)
    {
        if (save_freq is not int every) return false;
        // A batch number not above the last one seen starts a new epoch.
        _batches_seen_since_last_saving += batch <= last_batch_seen ? batch + 1 : batch - last_batch_seen;
        last_batch_seen = batch;
        if (_batches_seen_since_last_saving < every) return false;
        _batches_seen_since_last_saving = 0;
        return true;
    }

    private void save_model()
    {
        Directory.CreateDirectory(backup_dir);
        if (double_checkpoint && File.Exists(_weights_path)) File.Copy(_weights_path, _prev_weights_path, overwrite: true);
        if (double_checkpoint && File.Exists(_training_metadata_path)) File.Copy(_training_metadata_path, _prev_training_metadata_path, overwrite: true);
        model!.save_weights(_weights_path, overwrite: true);
        File.WriteAllText(_training_metadata_path, $"{{\"epoch\": {current_epoch}, \"batch\": {last_batch_seen}}}");
    }

    /// <inheritdoc/>
    public override void on_train_end(IDictionary<string, double>? logs = null)
    {
        if (delete_checkpoint && Directory.Exists(backup_dir)) Directory.Delete(backup_dir, recursive: true);
    }
}
