using KerasPort.Utils;

namespace KerasPort.Callbacks;

/// <summary>
/// Keras's <c>LearningRateScheduler</c>: at the start of each epoch sets the optimizer's learning
/// rate to <c>schedule(epoch, current_rate)</c> (or <c>schedule(epoch)</c>), and logs it as
/// <c>learning_rate</c> at the end of the epoch, so it appears in the History. An optimizer built
/// with a <see cref="Optimizers.Schedules.LearningRateSchedule"/> cannot be set: fit raises, as in Keras.
/// </summary>
/// <example>
/// Python <c>LearningRateScheduler(lambda epoch, lr: lr if epoch &lt; 10 else lr * 0.9)</c> ports as:
/// <code>
/// var scheduler = new LearningRateScheduler((epoch, lr) => epoch &lt; 10 ? lr : lr * 0.9);
/// model.fit(x, y, epochs: 15, callbacks: [scheduler]);
/// </code>
/// </example>
public sealed class LearningRateScheduler : Callback
{
    private readonly Func<int, double, double> _schedule;

    /// <param name="schedule">The new rate from the epoch (0-based) and the current rate.</param>
    /// <param name="verbose">1 prints each update. Default 0.</param>
    public LearningRateScheduler(Func<int, double, double> schedule, int verbose = 0)
    {
        _schedule = schedule ?? throw new ArgumentNullException(nameof(schedule));
        this.verbose = verbose;
    }

    /// <param name="schedule">The new rate from the epoch (0-based), Keras's older form.</param>
    /// <param name="verbose">1 prints each update. Default 0.</param>
    public LearningRateScheduler(Func<int, double> schedule, int verbose = 0)
        : this(schedule is null ? throw new ArgumentNullException(nameof(schedule)) : (epoch, _) => schedule(epoch), verbose)
    {
    }

    /// <summary>0: silent; 1: prints each update.</summary>
    public int verbose { get; }

    /// <inheritdoc/>
    public override void on_epoch_begin(int epoch, IDictionary<string, double>? logs = null)
    {
        var optimizer = model?.optimizer ?? throw new InvalidOperationException("LearningRateScheduler needs a compiled model.");
        double learning_rate = _schedule(epoch, optimizer.learning_rate);
        if (!double.IsFinite(learning_rate))
            throw new ArgumentException($"The output of the `schedule` function should be a finite float. Got: {PythonFormat.repr(learning_rate)}", "schedule");
        optimizer.learning_rate = learning_rate;
        if (verbose > 0) print_msg($"\nEpoch {epoch + 1}: LearningRateScheduler setting learning rate to {PythonFormat.repr(learning_rate)}.");
    }

    /// <inheritdoc/>
    public override void on_epoch_end(int epoch, IDictionary<string, double>? logs = null)
    {
        if (logs is { IsReadOnly: false } && model?.optimizer is { } optimizer) logs["learning_rate"] = optimizer.learning_rate;
    }
}
