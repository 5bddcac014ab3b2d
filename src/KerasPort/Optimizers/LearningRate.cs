using KerasPort.Optimizers.Schedules;

namespace KerasPort.Optimizers;

/// <summary>
/// An optimizer's <c>learning_rate</c> argument as Keras takes it: a number or a
/// <see cref="LearningRateSchedule"/>. Both convert implicitly, so <c>new Adam(1e-3)</c> and
/// <c>new Adam(lr_schedule)</c> read as in Keras.
/// </summary>
public sealed class LearningRate
{
    private LearningRate(double? value, LearningRateSchedule? schedule)
    {
        this.value = value;
        this.schedule = schedule;
    }

    /// <summary>The constant rate; null for a schedule.</summary>
    public double? value { get; }

    /// <summary>The schedule; null for a constant rate.</summary>
    public LearningRateSchedule? schedule { get; }

    /// <summary>A constant learning rate.</summary>
    /// <param name="value">The rate, finite and &gt;= 0 (checked by the optimizer).</param>
    public static implicit operator LearningRate(double value) => new(value, null);

    /// <summary>A learning rate that follows <paramref name="schedule"/>, evaluated at each step.</summary>
    /// <param name="schedule">The schedule; not null.</param>
    public static implicit operator LearningRate(LearningRateSchedule schedule) =>
        new(null, schedule ?? throw new ArgumentNullException(nameof(schedule)));
}
