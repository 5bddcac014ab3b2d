using TorchSharp;

namespace KerasPort.Optimizers.Schedules;

/// <summary>
/// Keras's <c>PolynomialDecay</c>:
/// <c>(initial_learning_rate - end_learning_rate) * (1 - step / decay_steps) ^ power + end_learning_rate</c>,
/// with the step capped at <c>decay_steps</c>; with <see cref="cycle"/>, <c>decay_steps</c> grows to
/// the next multiple of itself above the step instead.
/// </summary>
public sealed class PolynomialDecay : LearningRateSchedule
{
    /// <param name="initial_learning_rate">The learning rate at step 0.</param>
    /// <param name="decay_steps">Steps to reach <paramref name="end_learning_rate"/>; must be &gt; 0.</param>
    /// <param name="end_learning_rate">The final learning rate. Default 0.0001.</param>
    /// <param name="power">The polynomial's power. Default 1.0 (linear).</param>
    /// <param name="cycle">Cycle beyond <paramref name="decay_steps"/>. Default false.</param>
    /// <param name="name">Default <c>"PolynomialDecay"</c>.</param>
    public PolynomialDecay(double initial_learning_rate, double decay_steps, double end_learning_rate = 0.0001,
                           double power = 1.0, bool cycle = false, string name = "PolynomialDecay")
    {
        this.initial_learning_rate = finite(initial_learning_rate, nameof(initial_learning_rate));
        this.decay_steps = positive(decay_steps, nameof(decay_steps));
        this.end_learning_rate = finite(end_learning_rate, nameof(end_learning_rate));
        this.power = finite(power, nameof(power));
        this.cycle = cycle;
        this.name = name;
    }

    /// <summary>The learning rate at step 0.</summary>
    public double initial_learning_rate { get; }
    /// <summary>The number of steps to reach the end rate.</summary>
    public double decay_steps { get; }
    /// <summary>The final learning rate.</summary>
    public double end_learning_rate { get; }
    /// <summary>The power of the polynomial (1 is linear).</summary>
    public double power { get; }
    /// <summary>Whether the decay restarts beyond <c>decay_steps</c>.</summary>
    public bool cycle { get; }
    /// <summary>The schedule's name (kept in its config).</summary>
    public string name { get; }

    /// <inheritdoc/>
    public override torch.Tensor __call__(torch.Tensor step)
    {
        using var scope = torch.NewDisposeScope();
        var initial = scalar(initial_learning_rate, step);
        var end = scalar(end_learning_rate, step);
        var global_step = as_float(step);
        var steps = scalar(decay_steps, step);
        if (cycle)
        {
            var multiplier = torch.where(global_step == 0, scalar(1, step), (global_step / (float)decay_steps).ceil());
            steps = steps * multiplier;
        }
        else
            global_step = torch.minimum(global_step, steps);
        var p = global_step / steps;
        return ((initial - end) * (1 - p).pow(scalar(power, step)) + end).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override IDictionary<string, object?> get_config() => new Dictionary<string, object?>
    {
        ["initial_learning_rate"] = initial_learning_rate,
        ["decay_steps"] = step_count(decay_steps),
        ["end_learning_rate"] = end_learning_rate,
        ["power"] = power,
        ["cycle"] = cycle,
        ["name"] = name,
    };

    /// <summary>The schedule that <paramref name="config"/> describes (Keras's <c>from_config</c>).</summary>
    public static PolynomialDecay from_config(IDictionary<string, object?> config) =>
        new(number(config, "initial_learning_rate"), number(config, "decay_steps"), number(config, "end_learning_rate", 0.0001),
            number(config, "power", 1.0), flag(config, "cycle"), text(config, "name") ?? "PolynomialDecay");
}
