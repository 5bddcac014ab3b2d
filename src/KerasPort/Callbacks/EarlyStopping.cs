using TorchSharp;

namespace KerasPort.Callbacks;

            /// <summary>
            /// Stops training when a monitored quantity has stopped improving (Keras 3's
            /// <c>keras.callbacks.EarlyStopping</c>, same decisions epoch by epoch).
            /// </summary>
            /// <remarks>
            /// At each epoch end it compares the monitored value with the best so far; after
            /// <c>patience</c> epochs without an improvement of more than <c>min_delta</c> it sets
            /// <c>model.stop_training</c>. KerasPort refuses a negative <c>patience</c> or
            /// <c>start_from_epoch</c>, which Keras accepts silently.
            /// </remarks>
            /// <example>
            /// Python <c>EarlyStopping(monitor="loss", patience=3)</c> ports as:
            /// <code>
            /// var early_stopping = new EarlyStopping(monitor: "loss", patience: 3);
            /// var history = model.fit(x, y, epochs: 10, callbacks: [early_stopping]);
            /// // early_stopping.stopped_epoch is the 0-based epoch at which it stopped, 0 if it did not
            /// </code>
            /// </example>
public sealed class EarlyStopping : MonitorCallback
{
    /// <summary>Creates the callback; every argument has Keras's name and default.</summary>
    /// <param name="monitor">The logged quantity to watch, e.g. <c>"val_loss"</c> (default), <c>"loss"</c> or <c>"val_accuracy"</c>.</param>
    /// <param name="min_delta">The smallest change that counts as an improvement; its sign is ignored. Default 0.</param>
    /// <param name="patience">Epochs without improvement after which training stops. Default 0 (stop at the first epoch that does not improve). Must be &gt;= 0.</param>
    /// <param name="verbose">0 (default) is silent; 1 prints a message when the callback stops training or restores weights.</param>
    /// <param name="mode"><c>"min"</c>, <c>"max"</c> or <c>"auto"</c> (default: the direction follows from the metric's name, e.g. down for losses, up for accuracies). An unknown mode falls back to <c>"auto"</c> with a warning, as in Keras.</param>
    /// <param name="baseline">A value the monitored quantity must beat: an improvement that does not beat it does not reset the patience. Default null (no baseline).</param>
    /// <param name="restore_best_weights">When true, at the end of training the model gets back the weights of the best epoch, whether or not training stopped early (Keras 3's rule). Default false: the model keeps the last epoch's weights.</param>
    /// <param name="start_from_epoch">Number of epochs to wait before watching for improvement (a warm-up). Default 0. Must be &gt;= 0.</param>
    /// <exception cref="ArgumentException"><paramref name="patience"/> or <paramref name="start_from_epoch"/> is negative, or <paramref name="min_delta"/> is NaN.</exception>
    public EarlyStopping(
        string monitor = "val_loss",
        double min_delta = 0,
        int patience = 0,
        int verbose = 0,
        string mode = "auto",
        double? baseline = null,
        bool restore_best_weights = false,
        int start_from_epoch = 0)
        : base(monitor, mode, min_delta: min_delta)
    {
        // Keras accepts these silently; a negative value only hides a typo, so it is refused.
        if (patience < 0)
            throw new ArgumentException($"Invalid value received for argument patience. Expected a non-negative integer. Received: patience={patience}", nameof(patience));
        if (start_from_epoch < 0)
            throw new ArgumentException($"Invalid value received for argument start_from_epoch. Expected a non-negative integer. Received: start_from_epoch={start_from_epoch}", nameof(start_from_epoch));
        this.patience = patience;
        this.verbose = verbose;
        this.baseline = baseline;
        this.restore_best_weights = restore_best_weights;
        this.start_from_epoch = start_from_epoch;
    }

    /// <summary>Epochs without improvement after which training stops.</summary>
    public int patience { get; }
    /// <summary>0: silent; 1: prints when it stops training or restores weights.</summary>
    public int verbose { get; }
    /// <summary>The value an improvement must also beat to reset the patience; null for none.</summary>
    public double? baseline { get; }
    /// <summary>Whether the best epoch's weights are put back at the end of training.</summary>
    public bool restore_best_weights { get; }
    /// <summary>Epochs ignored at the start of training before watching begins.</summary>
    public int start_from_epoch { get; }

    /// <summary>Epochs since the last improvement (incremented before each improvement test).</summary>
    public int wait { get; private set; }

    /// <summary>The 0-based epoch at which this callback stopped training; 0 if it did not.</summary>
    public int stopped_epoch { get; private set; }

    /// <summary>The 0-based epoch of <see cref="MonitorCallback.best"/>.</summary>
    public int best_epoch { get; private set; }

    /// <summary>
    /// The weights kept for restoring (with <see cref="restore_best_weights"/>); null before. The
    /// callback owns these copies: a better epoch, or the next <c>fit</c>, disposes the ones it replaces.
    /// </summary>
    public torch.Tensor[]? best_weights { get; private set; }

    /// <inheritdoc/>
    public override void on_train_begin(IDictionary<string, double>? logs = null)
    {
        // Reset so that the instance can serve several fit calls.
        wait = 0;
        stopped_epoch = 0;
        best = null;
        replace_best_weights(null);
        best_epoch = 0;
    }

    /// <inheritdoc/>
    public override void on_epoch_end(int epoch, IDictionary<string, double>? logs = null)
    {
        if (monitor_op is null) _set_monitor_op();

        double? current = get_monitor_value(logs);
        if (current is not { } value || epoch < start_from_epoch) return;

        var model = require_model();
        if (restore_best_weights && best_weights is null)
        {
            // The first monitored epoch holds the best weights until something beats it.
            replace_best_weights(model.get_weights());
            best_epoch = epoch;
        }

        wait += 1;
        if (_is_improvement(value, best))
        {
            best = value;
            best_epoch = epoch;
            if (restore_best_weights) replace_best_weights(model.get_weights());
            // Patience restarts only when the value beats the baseline as well.
            if (baseline is null || _is_improvement(value, baseline)) wait = 0;
            return;
        }

        if (wait >= patience && epoch > 0)
        {
            stopped_epoch = epoch;
            model.stop_training = true;
        }
    }

    /// <inheritdoc/>
    public override void on_train_end(IDictionary<string, double>? logs = null)
    {
        if (stopped_epoch > 0 && verbose > 0) print_msg($"Epoch {stopped_epoch + 1}: early stopping");
        if (restore_best_weights && best_weights is not null)
        {
            if (verbose > 0) print_msg($"Restoring model weights from the end of the best epoch: {best_epoch + 1}.");
            require_model().set_weights(best_weights);
        }
    }

    /// <summary>Keeps <paramref name="weights"/> as the best weights, releasing the copies they replace now rather than at finalization.</summary>
    private void replace_best_weights(torch.Tensor[]? weights)
    {
        if (best_weights is { } old && !ReferenceEquals(old, weights))
            foreach (var w in old) w.Dispose();
        best_weights = weights;
    }

    /// <summary>The monitored value from <paramref name="logs"/>, or null with Keras's warning.</summary>
    public double? get_monitor_value(IDictionary<string, double>? logs)
    {
        if (logs is not null && logs.TryGetValue(monitor, out double value)) return value;
        string available = string.Join(",", logs?.Keys ?? Enumerable.Empty<string>());
        warn($"Early stopping conditioned on metric `{monitor}` which is not available. Available metrics are: {available}");
        return null;
    }
}
