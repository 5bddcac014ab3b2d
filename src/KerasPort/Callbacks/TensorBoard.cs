using System.Diagnostics;
using KerasPort.Models;
using KerasPort.Saving;

namespace KerasPort.Callbacks;

/// <summary>
/// Keras's <c>TensorBoard</c> callback: writes TensorBoard event files under
/// <c>log_dir/train</c> and <c>log_dir/validation</c>, as Keras does: <c>epoch_{metric}</c> scalars
/// (and <c>epoch_learning_rate</c>) at each epoch end, the validation metrics without their
/// <c>val_</c> prefix in the validation folder, <c>batch_{metric}</c> scalars every
/// <c>update_freq</c> batches, <c>evaluation_{metric}_vs_iterations</c> after each evaluation,
/// <c>{weight path}/histogram</c> histograms of every weight every <c>histogram_freq</c> epochs,
/// and the model's JSON config (<c>write_graph</c>). View them with <c>tensorboard --logdir</c>.
/// </summary>
/// <remarks>
/// Not supported: <c>write_images</c> and <c>embeddings_freq</c> (NotSupportedException when set);
/// <c>profile_batch</c> raises for a non-zero value, as Keras does on its torch backend.
/// <c>write_graph</c> writes the Keras model's JSON config (TensorBoard's "keras" tag, as Keras does), not a TensorFlow graph (Keras on torch has none).
/// </remarks>
/// <example>
/// Python <c>TensorBoard(log_dir="./logs", histogram_freq=1)</c> ports as:
/// <code>
/// var tensorboard = new TensorBoard(log_dir: "./logs", histogram_freq: 1);
/// model.fit(x, y, epochs: 5, validation_split: 0.2, callbacks: [tensorboard]);
/// // then: tensorboard --logdir ./logs
/// </code>
/// </example>
public sealed class TensorBoard : Callback
{
    private TensorBoardEventWriter? _train_writer, _val_writer;
    private long _global_train_batch, _global_test_batch;
    private long _previous_epoch_iterations;
    private readonly Stopwatch _epoch_clock = new(), _batch_clock = new();

    /// <param name="log_dir">The folder of the event files. Default <c>"logs"</c>.</param>
    /// <param name="histogram_freq">Write weight histograms every this many epochs; 0 (default) for none.</param>
    /// <param name="write_graph">Write the model's config for TensorBoard's graph view. Default true.</param>
    /// <param name="write_images">Keras writes weights as images; not supported here (must be false).</param>
    /// <param name="write_steps_per_second">Also log training steps per second. Default false.</param>
    /// <param name="update_freq"><c>"epoch"</c> (default), <c>"batch"</c> or a number of batches between batch scalars.</param>
    /// <param name="profile_batch">Must be 0: Keras's torch backend has no profiler.</param>
    /// <param name="embeddings_freq">Must be 0: embedding projections are not written.</param>
    public TensorBoard(string log_dir = "logs", int histogram_freq = 0, bool write_graph = true, bool write_images = false,
                       bool write_steps_per_second = false, UpdateFrequency update_freq = default, int profile_batch = 0, int embeddings_freq = 0)
    {
        ArgumentNullException.ThrowIfNull(log_dir);
        if (histogram_freq < 0)
            throw new ArgumentException($"Invalid value received for argument histogram_freq. Expected an integer >= 0. Received: histogram_freq={histogram_freq}", nameof(histogram_freq));
        if (profile_batch != 0)
            throw new ArgumentException(
                "Profiling is not yet available with the torch backend. Please open a PR if you'd like to add this feature. " +
                $"Received: profile_batch={profile_batch} (must be 0)", nameof(profile_batch));
        if (write_images) throw new NotSupportedException("KerasPort's TensorBoard does not write weight images: pass write_images: false.");
        if (embeddings_freq != 0) throw new NotSupportedException("KerasPort's TensorBoard does not write embedding projections: pass embeddings_freq: 0.");
        this.log_dir = log_dir;
        this.histogram_freq = histogram_freq;
        this.write_graph = write_graph;
        this.write_steps_per_second = write_steps_per_second;
        this.update_freq = update_freq;
    }

    /// <summary>The folder of the event files.</summary>
    public string log_dir { get; }
    /// <summary>Epochs between weight histograms; 0 for none.</summary>
    public int histogram_freq { get; }
    /// <summary>Whether the model's config is written for TensorBoard's graph view.</summary>
    public bool write_graph { get; }
    /// <summary>Whether training steps per second are logged.</summary>
    public bool write_steps_per_second { get; }
    /// <summary>How often batch scalars are written: every epoch only, or every n batches.</summary>
    public UpdateFrequency update_freq { get; }

    private TensorBoardEventWriter train_writer => _train_writer ??= new TensorBoardEventWriter(Path.Combine(log_dir, "train"));

    private TensorBoardEventWriter val_writer => _val_writer ??= new TensorBoardEventWriter(Path.Combine(log_dir, "validation"));

    /// <inheritdoc/>
    public override void set_model(Model model)
    {
        base.set_model(model);
        close_writers();
        if (!write_graph) return;
        string json;
        try
        {
            json = KerasJson.dumps(Serialization.serialize_keras_object(model));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or InvalidOperationException)
        {
            warn($"Model failed to serialize as JSON. Ignoring... {e.Message}");
            return;
        }
        train_writer.keras_model("keras", json, 0);
        train_writer.flush();
    }

    /// <inheritdoc/>
    public override void on_train_begin(IDictionary<string, double>? logs = null)
    {
        _global_train_batch = 0;
        _previous_epoch_iterations = 0;
    }

    /// <inheritdoc/>
    public override void on_train_end(IDictionary<string, double>? logs = null) => close_writers();

    /// <inheritdoc/>
    public override void on_epoch_begin(int epoch, IDictionary<string, double>? logs = null)
    {
        if (!write_steps_per_second) return;
        _previous_epoch_iterations = model?.optimizer?.iterations ?? 0;
        _epoch_clock.Restart();
    }

    /// <inheritdoc/>
    public override void on_train_batch_begin(int batch, IDictionary<string, double>? logs = null)
    {
        _global_train_batch += 1;
        if (write_steps_per_second) _batch_clock.Restart();
    }

    /// <inheritdoc/>
    public override void on_train_batch_end(int batch, IDictionary<string, double>? logs = null)
    {
        // Keras records batch summaries only when update_freq is a number of batches and the step is a multiple of it.
        if (update_freq.is_epoch || _global_train_batch % update_freq.batches != 0) return;
        if (write_steps_per_second)
            train_writer.scalar("batch_steps_per_second", 1.0 / _batch_clock.Elapsed.TotalSeconds, _global_train_batch);
        foreach (var (name, value) in logs ?? new Dictionary<string, double>())
            train_writer.scalar($"batch_{name}", value, _global_train_batch);
    }

    /// <inheritdoc/>
    public override void on_test_batch_begin(int batch, IDictionary<string, double>? logs = null) => _global_test_batch += 1;

    /// <inheritdoc/>
    public override void on_test_end(IDictionary<string, double>? logs = null)
    {
        if (model?.optimizer is not { } optimizer || logs is null) return;
        foreach (var (name, value) in logs)
            val_writer.scalar($"evaluation_{name}_vs_iterations", value, optimizer.iterations);
        val_writer.flush();
    }

    /// <inheritdoc/>
    public override void on_epoch_end(int epoch, IDictionary<string, double>? logs = null)
    {
        log_epoch_metrics(epoch, logs);
        if (histogram_freq > 0 && epoch % histogram_freq == 0) log_weights(epoch);
        _train_writer?.flush();
        _val_writer?.flush();
    }

    private void log_epoch_metrics(int epoch, IDictionary<string, double>? logs)
    {
        if (logs is null || logs.Count == 0) return;
        var train_logs = logs.Where(kv => !kv.Key.StartsWith("val_", StringComparison.Ordinal)).ToList();
        if (model?.optimizer is { } optimizer) train_logs.Add(new("learning_rate", optimizer.learning_rate));
        if (write_steps_per_second && model?.optimizer is { } o)
            train_logs.Add(new("steps_per_second", (o.iterations - _previous_epoch_iterations) / _epoch_clock.Elapsed.TotalSeconds));
        foreach (var (name, value) in train_logs) train_writer.scalar($"epoch_{name}", value, epoch);
        foreach (var (name, value) in logs.Where(kv => kv.Key.StartsWith("val_", StringComparison.Ordinal)))
            val_writer.scalar($"epoch_{name[4..]}", value, epoch);
    }

    /// <summary>A histogram of every weight, tagged with Keras's variable path (<c>sequential/dense/kernel/histogram</c>).</summary>
    private void log_weights(int epoch)
    {
        if (model is null) return;
        foreach (var layer in model.layers)
            foreach (var w in layer.variables)
            {
                using var values = w.variable.detach().to_type(TorchSharp.torch.ScalarType.Float64).flatten().cpu();
                string path = $"{model.name}/{layer.name}/{w.name}".Replace(':', '_');
                train_writer.histogram($"{path}/histogram", values.data<double>().ToArray(), epoch);
            }
    }

    private void close_writers()
    {
        _train_writer?.Dispose();
        _val_writer?.Dispose();
        _train_writer = _val_writer = null;
    }
}
