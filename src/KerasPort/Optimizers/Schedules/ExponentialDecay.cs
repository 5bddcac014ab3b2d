using TorchSharp;

namespace KerasPort.Optimizers.Schedules;

    /// <summary>
    /// Keras's <c>ExponentialDecay</c>: <c>initial_learning_rate * decay_rate ^ (step / decay_steps)</c>,
    /// with an integer division of the exponent when <see cref="staircase"/> is set.
    /// </summary>
    /// <example>
    /// Python <c>keras.optimizers.schedules.ExponentialDecay(1e-2, decay_steps=10000, decay_rate=0.9)</c> ports as:
    /// <code>
    /// var lr_schedule = new ExponentialDecay(1e-2, decay_steps: 10000, decay_rate: 0.9);
    /// var optimizer = new SGD(learning_rate: lr_schedule);
    /// </code>
    /// </example>
public sealed class ExponentialDecay : LearningRateSchedule
{
    /// <param name="initial_learning_rate">The learning rate at step 0.</param>
    /// <param name="decay_steps">Steps per decay period; must be &gt; 0.</param>
    /// <param name="decay_rate">The factor applied per period.</param>
    /// <param name="staircase">Decay in discrete steps (floor of <c>step / decay_steps</c>). Default false.</param>
    /// <param name="name">Default <c>"ExponentialDecay"</c>.</param>
    public ExponentialDecay(double initial_learning_rate, double decay_steps, double decay_rate, bool staircase = false,
                            string name = "ExponentialDecay")
    {
        this.initial_learning_rate = finite(initial_learning_rate, nameof(initial_learning_rate));
        this.decay_steps = positive(decay_steps, nameof(decay_steps));
        this.decay_rate = finite(decay_rate, nameof(decay_rate));
        this.staircase = staircase;
        this.name = name;
    }

    /// <summary>The learning rate at step 0.</summary>
    public double initial_learning_rate { get; }
    /// <summary>The number of steps per decay period.</summary>
    public double decay_steps { get; }
    /// <summary>The factor applied per period.</summary>
    public double decay_rate { get; }
    /// <summary>Whether the decay is applied in discrete steps (the floor of <c>step / decay_steps</c>).</summary>
    public bool staircase { get; }
    /// <summary>The schedule's name (kept in its config).</summary>
    public string name { get; }

    /// <inheritdoc/>
    public override torch.Tensor __call__(torch.Tensor step)
    {
        using var scope = torch.NewDisposeScope();
        var p = as_float(step) / scalar(decay_steps, step);
        if (staircase) p = p.floor();
        return (scalar(initial_learning_rate, step) * scalar(decay_rate, step).pow(p)).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override IDictionary<string, object?> get_config() => new Dictionary<string, object?>
    {
        ["initial_learning_rate"] = initial_learning_rate,
        ["decay_steps"] = step_count(decay_steps),
        ["decay_rate"] = decay_rate,
        ["staircase"] = staircase,
        ["name"] = name,
    };

    /// <summary>The schedule that <paramref name="config"/> describes (Keras's <c>from_config</c>).</summary>
    public static ExponentialDecay from_config(IDictionary<string, object?> config) =>
        new(number(config, "initial_learning_rate"), number(config, "decay_steps"), number(config, "decay_rate"),
            flag(config, "staircase"), text(config, "name") ?? "ExponentialDecay");
}
