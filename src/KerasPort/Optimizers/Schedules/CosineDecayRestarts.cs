using TorchSharp;

namespace KerasPort.Optimizers.Schedules;

/// <summary>
/// Keras's <c>CosineDecayRestarts</c> (SGDR): cosine decay over <c>first_decay_steps</c>, then
/// restarts, each period <c>t_mul</c> times longer and starting <c>m_mul</c> times lower;
/// <c>alpha</c> is the floor as a fraction of <c>initial_learning_rate</c>.
/// </summary>
public sealed class CosineDecayRestarts : LearningRateSchedule
{
    /// <param name="initial_learning_rate">The learning rate at step 0.</param>
    /// <param name="first_decay_steps">Steps of the first period; must be &gt; 0.</param>
    /// <param name="t_mul">Growth of each period's length. Default 2.0.</param>
    /// <param name="m_mul">Factor on each period's starting rate. Default 1.0.</param>
    /// <param name="alpha">The minimum learning rate as a fraction of the initial one. Default 0.0.</param>
    /// <param name="name">Default <c>"SGDRDecay"</c>.</param>
    public CosineDecayRestarts(double initial_learning_rate, double first_decay_steps, double t_mul = 2.0, double m_mul = 1.0,
                               double alpha = 0.0, string name = "SGDRDecay")
    {
        this.initial_learning_rate = finite(initial_learning_rate, nameof(initial_learning_rate));
        this.first_decay_steps = positive(first_decay_steps, nameof(first_decay_steps));
        this.t_mul = finite(t_mul, nameof(t_mul));
        this.m_mul = finite(m_mul, nameof(m_mul));
        this.alpha = finite(alpha, nameof(alpha));
        this.name = name;
    }

    /// <summary>The learning rate at step 0.</summary>
    public double initial_learning_rate { get; }
    /// <summary>The length in steps of the first period.</summary>
    public double first_decay_steps { get; }
    /// <summary>The factor each period's length is multiplied by.</summary>
    public double t_mul { get; }
    /// <summary>The factor each period's starting rate is multiplied by.</summary>
    public double m_mul { get; }
    /// <summary>The minimum learning rate, as a fraction of the rate decayed from.</summary>
    public double alpha { get; }
    /// <summary>The schedule's name (kept in its config).</summary>
    public string name { get; }

    /// <inheritdoc/>
    public override torch.Tensor __call__(torch.Tensor step)
    {
        using var scope = torch.NewDisposeScope();
        var completed_fraction = as_float(step) / scalar(first_decay_steps, step);
        var t = scalar(t_mul, step);
        torch.Tensor i_restart;
        if (t_mul == 1.0)
        {
            i_restart = completed_fraction.floor();
            completed_fraction = completed_fraction - i_restart;
        }
        else
        {
            // The index of the current period from the geometric series of period lengths.
            i_restart = ((1f - completed_fraction * (1f - t)).log() / t.log()).floor();
            var sum_r = (1f - t.pow(i_restart)) / (1f - t);
            completed_fraction = (completed_fraction - sum_r) / t.pow(i_restart);
        }
        var m_fac = scalar(m_mul, step).pow(i_restart);
        var cosine_decayed = 0.5f * m_fac * (1f + (scalar(Math.PI, step) * completed_fraction).cos());
        var a = scalar(alpha, step);
        var decayed = (1f - a) * cosine_decayed + a;
        return (scalar(initial_learning_rate, step) * decayed).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override IDictionary<string, object?> get_config() => new Dictionary<string, object?>
    {
        ["initial_learning_rate"] = initial_learning_rate,
        ["first_decay_steps"] = step_count(first_decay_steps),
        ["t_mul"] = t_mul,
        ["m_mul"] = m_mul,
        ["alpha"] = alpha,
        ["name"] = name,
    };

    /// <summary>The schedule that <paramref name="config"/> describes (Keras's <c>from_config</c>).</summary>
    public static CosineDecayRestarts from_config(IDictionary<string, object?> config) =>
        new(number(config, "initial_learning_rate"), number(config, "first_decay_steps"), number(config, "t_mul", 2.0),
            number(config, "m_mul", 1.0), number(config, "alpha", 0.0), text(config, "name") ?? "SGDRDecay");
}
