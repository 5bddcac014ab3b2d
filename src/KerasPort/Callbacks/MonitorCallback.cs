namespace KerasPort.Callbacks;

/// <summary>
/// Shared logic of the callbacks that watch one logged quantity (Keras's
/// <c>monitor_callback.MonitorCallback</c>): the direction from <c>mode</c>, the sign of
/// <c>min_delta</c> and the improvement test. EarlyStopping, ModelCheckpoint and
/// ReduceLROnPlateau extend it.
/// </summary>
/// <remarks>
/// In <c>"auto"</c> mode Keras 3 reads the direction from the compiled metric named like the
/// monitor (without its <c>val_</c> prefix): its <c>_direction</c>, "up" for accuracies, AUC,
/// precision..., "down" for errors and crossentropies. The port resolves the same names from
/// Keras's own metric names (<see cref="MetricDirections"/>), and, as Keras, raises for a name
/// whose direction is unknown. Comparisons are done in float32, as Keras's TensorFlow, JAX and
/// torch backends do with the Python floats of the logs.
/// </remarks>
public abstract class MonitorCallback : Callback
{
    /// <summary>Keras's <c>ops.less</c> on two Python floats: both become float32 first.</summary>
    internal static readonly Func<double, double, bool> less = (a, b) => (float)a < (float)b;

    /// <summary>Keras's <c>ops.greater</c> on two Python floats: both become float32 first.</summary>
    internal static readonly Func<double, double, bool> greater = (a, b) => (float)a > (float)b;

    /// <summary>Sets up the monitored quantity and the improvement test shared by the subclasses.</summary>
    /// <param name="monitor">The logged quantity to watch. Default <c>"val_loss"</c>.</param>
    /// <param name="mode"><c>"auto"</c> (default), <c>"min"</c> or <c>"max"</c>; anything else warns and becomes <c>"auto"</c>.</param>
    /// <param name="baseline">The starting value of <see cref="best"/>; null (default) for none.</param>
    /// <param name="min_delta">The smallest change that counts as an improvement; its absolute value is kept. Default 0.</param>
    protected MonitorCallback(string monitor = "val_loss", string mode = "auto", double? baseline = null, double min_delta = 0)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        ArgumentNullException.ThrowIfNull(mode);
        if (double.IsNaN(min_delta))
            throw new ArgumentException($"Invalid value received for argument min_delta. Expected a number. Received: min_delta={min_delta}", nameof(min_delta));
        if (mode is not ("auto" or "min" or "max"))
        {
            // Keras warns and falls back to auto here; it does not raise.
            warn($"{GetType().Name} mode '{mode}' is unknown, fallback to auto mode.");
            mode = "auto";
        }
        this.monitor = monitor;
        this.mode = mode;
        best = baseline;
        this.min_delta = Math.Abs(min_delta);
    }

    /// <summary>The logged quantity watched, e.g. <c>"val_loss"</c>.</summary>
    public string monitor { get; }

    /// <summary><c>"auto"</c>, <c>"min"</c> or <c>"max"</c> (an unknown mode became <c>"auto"</c>).</summary>
    public string mode { get; }

    /// <summary>Best value seen so far; null before the first monitored value.</summary>
    public double? best { get; protected set; }

    /// <summary>|min_delta|, negated once the direction is "less" (as Keras stores it).</summary>
    public double min_delta { get; private set; }

    /// <summary>The comparison chosen by <see cref="_set_monitor_op"/>; null until then.</summary>
    public Func<double, double, bool>? monitor_op { get; private set; }

    /// <summary>Resolves the direction; called at the first epoch end, once the model's metrics exist.</summary>
    protected void _set_monitor_op()
    {
        if (mode == "min") monitor_op = less;
        else if (mode == "max") monitor_op = greater;
        else
        {
            string metric_name = monitor.StartsWith("val_", StringComparison.Ordinal) ? monitor["val_".Length..] : monitor;
            if (metric_name == "loss") monitor_op = less;
            else if (MetricDirections.direction_of(metric_name) is { } direction)
                monitor_op = direction == "up" ? greater : less;
            if (monitor_op is null)
                throw new ArgumentException(
                    $"{GetType().Name} callback received monitor={monitor}, but Keras isn't able to automatically " +
                    "determine whether that metric should be maximized or minimized. Pass `mode='max'` in order to " +
                    "monitor based on the highest metric value, or pass `mode='min'` in order to use the lowest value.",
                    nameof(monitor));
        }
        if (monitor_op == less) min_delta = -min_delta;
    }

    /// <summary>Whether <paramref name="monitor_value"/> beats <paramref name="reference_value"/> by min_delta.</summary>
    protected bool _is_improvement(double monitor_value, double? reference_value) =>
        reference_value is not { } reference || monitor_op!(monitor_value - min_delta, reference);
}
