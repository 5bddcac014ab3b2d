using TorchSharp;

namespace KerasPort.Optimizers.Schedules;

/// <summary>
/// Keras's <c>CosineDecay</c> (SGDR without restarts), with an optional linear warmup: without
/// <see cref="warmup_target"/>, <c>initial_learning_rate * ((1 - alpha) * 0.5 * (1 + cos(pi * min(step, decay_steps) / decay_steps)) + alpha)</c>;
/// with it, the rate rises linearly from <c>initial_learning_rate</c> to <c>warmup_target</c>
/// over <c>warmup_steps</c>, then decays from <c>warmup_target</c> as above.
/// </summary>
public sealed class CosineDecay : LearningRateSchedule
{
    /// <param name="initial_learning_rate">The learning rate at step 0.</param>
    /// <param name="decay_steps">Steps to decay over; must be &gt; 0.</param>
    /// <param name="alpha">The minimum learning rate, as a fraction of the one decayed from. Default 0.0.</param>
    /// <param name="name">Default <c>"CosineDecay"</c>.</param>
    /// <param name="warmup_target">The learning rate reached by the warmup; null (the default) means no warmup.</param>
    /// <param name="warmup_steps">Steps of warmup. Default 0.</param>
    public CosineDecay(double initial_learning_rate, double decay_steps, double alpha = 0.0, string name = "CosineDecay",
                       double? warmup_target = null, double warmup_steps = 0)
    {
        this.initial_learning_rate = finite(initial_learning_rate, nameof(initial_learning_rate));
        this.decay_steps = positive(decay_steps, nameof(decay_steps));
        this.alpha = finite(alpha, nameof(alpha));
        this.name = name;
        this.warmup_target = warmup_target is double t ? finite(t, nameof(warmup_target)) : null;
        this.warmup_steps = finite(warmup_steps, nameof(warmup_steps));
    }

    /// <summary>The learning rate at step 0.</summary>
    public double initial_learning_rate { get; }
    /// <summary>The number of steps the decay runs over.</summary>
    public double decay_steps { get; }
    /// <summary>The minimum learning rate, as a fraction of the rate decayed from.</summary>
    public double alpha { get; }
    /// <summary>The schedule's name (kept in its config).</summary>
    public string name { get; }
    /// <summary>The rate the linear warmup reaches; null for no warmup.</summary>
    public double? warmup_target { get; }
    /// <summary>The number of warmup steps.</summary>
    public double warmup_steps { get; }

    private torch.Tensor decay(torch.Tensor step, torch.Tensor steps, torch.Tensor decay_from, torch.Tensor like)
    {
        var completed_fraction = step / steps;
        var cosine_decayed = 0.5f * (1f + (scalar(Math.PI, like) * completed_fraction).cos());
        var decayed = (float)(1 - alpha) * cosine_decayed + (float)alpha;
        return decay_from * decayed;
    }

    /// <inheritdoc/>
    public override torch.Tensor __call__(torch.Tensor step)
    {
        using var scope = torch.NewDisposeScope();
        var initial = scalar(initial_learning_rate, step);
        var steps = scalar(decay_steps, step);
        var global_step = as_float(step);
        if (warmup_target is not double target)
            return decay(torch.minimum(global_step, steps), steps, initial, step).MoveToOuterDisposeScope();

        var target_rate = scalar(target, step);
        var warmup = scalar(warmup_steps, step);
        global_step = torch.minimum(global_step, steps + warmup);
        var warming = (target_rate - initial) * (global_step / warmup) + initial;
        var decaying = decay(global_step - warmup, steps, target_rate, step);
        return torch.where(global_step < warmup, warming, decaying).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override IDictionary<string, object?> get_config() => new Dictionary<string, object?>
    {
        ["initial_learning_rate"] = initial_learning_rate,
        ["decay_steps"] = step_count(decay_steps),
        ["alpha"] = alpha,
        ["name"] = name,
        ["warmup_target"] = warmup_target,
        ["warmup_steps"] = step_count(warmup_steps),
    };

    /// <summary>The schedule that <paramref name="config"/> describes (Keras's <c>from_config</c>).</summary>
    public static CosineDecay from_config(IDictionary<string, object?> config) =>
        new(number(config, "initial_learning_rate"), number(config, "decay_steps"), number(config, "alpha", 0.0),
            text(config, "name") ?? "CosineDecay",
            config.TryGetValue("warmup_target", out var t) && t is not null ? number(config, "warmup_target") : null,
            number(config, "warmup_steps", 0));
}
