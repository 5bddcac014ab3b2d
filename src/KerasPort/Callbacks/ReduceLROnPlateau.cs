using KerasPort.Optimizers;
using KerasPort.Utils;

namespace KerasPort.Callbacks;

        /// <summary>
        /// Reduces the learning rate when a monitored quantity has stopped improving (Keras 3's
        /// <c>keras.callbacks.ReduceLROnPlateau</c>): after <c>patience</c> epochs without an improvement
        /// of at least <c>min_delta</c>, <c>learning_rate ← max(learning_rate · factor, min_lr)</c>, then
        /// <c>cooldown</c> epochs pass before counting again. It also puts the current rate in the epoch
        /// logs as <c>learning_rate</c>, as Keras does.
        /// </summary>
        /// <remarks>
        /// The optimizer must have a constant learning rate (not a
        /// <see cref="Optimizers.Schedules.LearningRateSchedule"/>), whose value is settable.
        /// </remarks>
        /// <example>
        /// Python <c>ReduceLROnPlateau(monitor="val_loss", factor=0.2, patience=5, min_lr=0.001)</c> ports as:
        /// <code>
        /// var reduce_lr = new ReduceLROnPlateau(monitor: "val_loss", factor: 0.2, patience: 5, min_lr: 0.001);
        /// model.fit(x, y, validation_split: 0.2, callbacks: [reduce_lr]);
        /// </code>
        /// </example>
public sealed class ReduceLROnPlateau : MonitorCallback
{
    /// <summary>Creates the callback; every argument has Keras's name and default.</summary>
    /// <param name="monitor">The logged quantity to watch. Default <c>"val_loss"</c>.</param>
    /// <param name="factor">The factor the rate is multiplied by: <c>new_lr = lr * factor</c>. Default 0.1; must be &lt; 1.</param>
    /// <param name="patience">Epochs without improvement before the rate is reduced. Default 10; must be &gt;= 0.</param>
    /// <param name="verbose">0 (default) is silent; 1 prints each reduction.</param>
    /// <param name="mode"><c>"min"</c>, <c>"max"</c> or <c>"auto"</c> (default: the direction follows from the metric's name).</param>
    /// <param name="min_delta">The smallest change that counts as an improvement. Default 1e-4.</param>
    /// <param name="cooldown">Epochs to wait after a reduction before counting again. Default 0; must be &gt;= 0.</param>
    /// <param name="min_lr">The rate never goes below this. Default 0.</param>
    /// <exception cref="ArgumentException"><paramref name="factor"/> is 1 or more, or <paramref name="patience"/> or <paramref name="cooldown"/> is negative.</exception>
    public ReduceLROnPlateau(
        string monitor = "val_loss",
        double factor = 0.1,
        int patience = 10,
        int verbose = 0,
        string mode = "auto",
        double min_delta = 1e-4,
        int cooldown = 0,
        double min_lr = 0.0)
        : base(monitor, mode, min_delta: min_delta)
    {
        if (!(factor < 1.0))
            throw new ArgumentException($"ReduceLROnPlateau does not support a factor >= 1.0. Received factor={PythonFormat.repr(factor)}", nameof(factor));
        // Keras accepts these silently; they can only be typos.
        if (patience < 0)
            throw new ArgumentException($"Invalid value received for argument patience. Expected a non-negative integer. Received: patience={patience}", nameof(patience));
        if (cooldown < 0)
            throw new ArgumentException($"Invalid value received for argument cooldown. Expected a non-negative integer. Received: cooldown={cooldown}", nameof(cooldown));
        this.factor = factor;
        this.patience = patience;
        this.verbose = verbose;
        this.cooldown = cooldown;
        this.min_lr = min_lr;
    }

    /// <summary>The factor applied to the rate at each reduction.</summary>
    public double factor { get; }
    /// <summary>Epochs without improvement before a reduction.</summary>
    public int patience { get; }
    /// <summary>0: silent; 1: prints each reduction.</summary>
    public int verbose { get; }
    /// <summary>Epochs to wait after a reduction before counting again.</summary>
    public int cooldown { get; }
    /// <summary>The lower bound of the learning rate.</summary>
    public double min_lr { get; }

    /// <summary>Epochs left before the patience counts again.</summary>
    public int cooldown_counter { get; private set; }

    /// <summary>Epochs without improvement since the last improvement or reduction.</summary>
    public int wait { get; private set; }

    /// <summary>Whether the callback is in its cooldown period after a reduction.</summary>
    /// <returns>True while <see cref="cooldown_counter"/> is above 0.</returns>
    public bool in_cooldown() => cooldown_counter > 0;

    /// <inheritdoc/>
    public override void on_train_begin(IDictionary<string, double>? logs = null)
    {
        best = null;
        cooldown_counter = 0;
        wait = 0;
    }

    /// <inheritdoc/>
    public override void on_epoch_end(int epoch, IDictionary<string, double>? logs = null)
    {
        if (monitor_op is null) _set_monitor_op();
        var optimizer = require_model().optimizer
            ?? throw new InvalidOperationException("ReduceLROnPlateau needs a compiled model: model.optimizer is null.");

        logs ??= new Dictionary<string, double>();
        double learning_rate = optimizer.learning_rate;
        if (!logs.IsReadOnly) logs["learning_rate"] = learning_rate;

        if (!logs.TryGetValue(monitor, out double current))
        {
            var keys = logs.IsReadOnly ? logs.Keys.Append("learning_rate") : logs.Keys;
            warn($"Learning rate reduction is conditioned on metric `{monitor}` which is not available. Available metrics are: {string.Join(",", keys)}.");
            return;
        }

        if (in_cooldown())
        {
            cooldown_counter -= 1;
            wait = 0;
        }
        if (_is_improvement(current, best))
        {
            best = current;
            wait = 0;
        }
        else if (!in_cooldown())
        {
            wait += 1;
            if (wait >= patience && _reduce_optimizer_lr(optimizer, epoch))
            {
                cooldown_counter = cooldown;
                wait = 0;
            }
        }
    }

    private bool _reduce_optimizer_lr(Optimizer optimizer, int epoch)
    {
        double old_lr = optimizer.learning_rate;
        // Keras compares the float32 rate with float32(min_lr).
        if (!(old_lr > (float)min_lr)) return false;
        double new_lr = Math.Max(old_lr * factor, min_lr);
        optimizer.learning_rate = new_lr;
        if (verbose > 0) print_msg($"\nEpoch {epoch + 1}: ReduceLROnPlateau reducing learning rate to {PythonFormat.repr(new_lr)}.");
        return true;
    }
}
