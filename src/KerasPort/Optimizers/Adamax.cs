using TorchSharp;
using TorchSharp.Modules;

namespace KerasPort.Optimizers;

/// <summary>
/// Keras's Adamax (its torch backend's update), Adam with the infinity norm:
/// <c>m = b1 m + (1 - b1) g</c>, <c>u = max(b2 u, |g|)</c>,
/// <c>w -= lr m / ((u + epsilon) (1 - b1^t))</c>.
/// </summary>
/// <remarks>Stricter than Keras: <c>beta_1</c> and <c>beta_2</c> outside [0, 1) and a NaN, infinite or negative <c>epsilon</c> raise.</remarks>
public sealed class Adamax : Optimizer
{
    /// <param name="learning_rate">A number or a <see cref="Schedules.LearningRateSchedule"/>; null means Keras's default 0.001.</param>
    /// <param name="beta_1">Decay of the first moment, in [0, 1). Default 0.9.</param>
    /// <param name="beta_2">Decay of the weighted infinity norm, in [0, 1). Default 0.999.</param>
    /// <param name="epsilon">Added to the denominator, finite and &gt;= 0. Default 1e-7.</param>
    /// <param name="weight_decay">Decoupled weight decay, finite and &gt;= 0; null (default) for none.</param>
    /// <param name="clipnorm">Clip each gradient to this norm; null (default) for none.</param>
    /// <param name="clipvalue">Clip each gradient element to [-clipvalue, clipvalue]; null (default) for none.</param>
    /// <param name="global_clipnorm">Clip all gradients together to this global norm; null (default) for none.</param>
    /// <param name="loss_scale_factor">Gradients are divided by it; null (default) for none.</param>
    /// <param name="name">Default: Keras's automatic name from the class.</param>
    public Adamax(LearningRate? learning_rate = null, double beta_1 = 0.9, double beta_2 = 0.999, double epsilon = 1e-7, double? weight_decay = null, double? clipnorm = null,
        double? clipvalue = null, double? global_clipnorm = null, double? loss_scale_factor = null, string? name = null)
        : base(learning_rate ?? 0.001, weight_decay, clipnorm, clipvalue, global_clipnorm, loss_scale_factor, name)
    {
        this.beta_1 = check_unit_interval(beta_1, nameof(beta_1));
        this.beta_2 = check_unit_interval(beta_2, nameof(beta_2));
        this.epsilon = check_non_negative(epsilon, nameof(epsilon));
    }

    /// <summary>Exponential decay rate of the first-moment estimates.</summary>
    public double beta_1 { get; }
    /// <summary>Exponential decay rate of the weighted infinity norm.</summary>
    public double beta_2 { get; }
    /// <summary>The small constant added to the denominator.</summary>
    public double epsilon { get; }

    /// <inheritdoc/>
    protected override void build_slots(IReadOnlyList<Parameter> var_list) =>
        add_optimizer_variables(var_list, "momentum", "norm");

    /// <inheritdoc/>
    protected override void update_step(torch.Tensor gradient, Parameter variable, float learning_rate)
    {
        using var scope = torch.NewDisposeScope();
        var m = slot("momentum", variable);
        var u = slot("norm", variable);
        float beta_1_power = MathF.Pow((float)beta_1, iterations + 1);
        m.mul_(beta_1).add_(gradient, 1 - beta_1);
        u.mul_(beta_2);
        u.copy_(torch.maximum(u, gradient.abs()));
        variable.sub_((m * learning_rate).div_((u + epsilon).mul_(1f - beta_1_power)));
    }

    /// <inheritdoc/>
    public override IDictionary<string, object> get_config()
    {
        var config = base.get_config();
        config["beta_1"] = beta_1;
        config["beta_2"] = beta_2;
        config["epsilon"] = epsilon;
        return config;
    }
}
