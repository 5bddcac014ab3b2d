using KerasPort.Utils;
using TorchSharp;

namespace KerasPort.Optimizers.Schedules;

/// <summary>
/// Keras's <c>keras.optimizers.schedules.LearningRateSchedule</c>: a learning rate that changes
/// with the training step. Pass one as any optimizer's <c>learning_rate</c>
/// (<c>new Adam(new ExponentialDecay(1e-2, decay_steps: 10000, decay_rate: 0.9))</c>); the
/// optimizer evaluates it at its <c>iterations</c> before each step, as Keras does. A subclass
/// overrides <see cref="__call__(torch.Tensor)"/> and, to be serializable, <see cref="get_config"/>.
/// </summary>
public abstract class LearningRateSchedule
{
    /// <summary>The learning rate at <paramref name="step"/> (a scalar or any tensor of steps), float32 as Keras computes it.</summary>
    public abstract torch.Tensor __call__(torch.Tensor step);

    /// <summary>The learning rate at <paramref name="step"/> as a number (the float32 value widened).</summary>
    public double __call__(double step)
    {
        using var scope = torch.NewDisposeScope();
        using var s = torch.tensor(step, torch.ScalarType.Float64);
        return __call__(s).item<float>();
    }

    /// <summary>The schedule's constructor arguments by their Keras names (Keras's <c>get_config</c>).</summary>
    public virtual IDictionary<string, object?> get_config() =>
        throw new NotImplementedException($"Learning rate schedule '{GetType().Name}' must override `get_config()` in order to be serializable.");

    /// <summary>Keras's check that a step count is positive.</summary>
    private protected static double positive(double value, string argument) =>
        value > 0 ? value : throw new ArgumentException($"Argument `{argument}` must be > 0. Received: {argument}={PythonFormat.repr(value)}", argument);

    /// <summary>Rejects a NaN or infinite constant (KerasPort is stricter than Keras here: Keras computes NaN learning rates from them).</summary>
    private protected static double finite(double value, string argument) =>
        double.IsFinite(value) ? value : throw new ArgumentException($"Argument `{argument}` must be a finite number. Received: {argument}={PythonFormat.repr(value)}", argument);

    /// <summary>A float32 scalar on <paramref name="like"/>'s device.</summary>
    private protected static torch.Tensor scalar(double value, torch.Tensor like) =>
        torch.tensor((float)value, torch.ScalarType.Float32, like.device);

    /// <summary>Keras casts the step to the learning rate's dtype, float32.</summary>
    private protected static torch.Tensor as_float(torch.Tensor step) => step.to_type(torch.ScalarType.Float32);

    /// <summary>A step count as Keras's configs hold it: an int when it is whole (Keras users pass ints), else the number.</summary>
    private protected static object step_count(double value) => value == Math.Floor(value) && Math.Abs(value) < 1e15 ? (long)value : (object)value;

    /// <summary>Reads a number from a config dictionary (a JSON number, int or double).</summary>
    private protected static double number(IDictionary<string, object?> config, string key, double? fallback = null) =>
        config.TryGetValue(key, out var v) && v is not null ? Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture)
        : fallback ?? throw new ArgumentException($"The config has no `{key}`.", nameof(config));

    /// <summary>Reads an optional string from a config dictionary.</summary>
    private protected static string? text(IDictionary<string, object?> config, string key) =>
        config.TryGetValue(key, out var v) ? v as string : null;

    /// <summary>Reads an optional bool from a config dictionary.</summary>
    private protected static bool flag(IDictionary<string, object?> config, string key) =>
        config.TryGetValue(key, out var v) && v is true;
}
