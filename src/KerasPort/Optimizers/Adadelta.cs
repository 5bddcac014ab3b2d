using TorchSharp;
using TorchSharp.Modules;

namespace KerasPort.Optimizers;

/// <summary>
/// Keras's Adadelta (its torch backend's update): <c>ag = rho ag + (1 - rho) g^2</c>,
/// <c>delta = -sqrt(adv + epsilon) g / sqrt(ag + epsilon)</c>, <c>adv = rho adv + (1 - rho) delta^2</c>,
/// <c>w += lr delta</c>.
/// </summary>
/// <remarks>Stricter than Keras: <c>rho</c> outside [0, 1) and a NaN, infinite or negative <c>epsilon</c> raise.</remarks>
public sealed class Adadelta : Optimizer
{
    /// <param name="learning_rate">A number or a <see cref="Schedules.LearningRateSchedule"/>; null means Keras's default 0.001.</param>
    /// <param name="rho">The decay rate, in [0, 1). Default 0.95.</param>
    /// <param name="epsilon">Added under the square roots, finite and &gt;= 0. Default 1e-7.</param>
    /// <param name="weight_decay">Decoupled weight decay, finite and &gt;= 0; null (default) for none.</param>
    /// <param name="clipnorm">Clip each gradient to this norm; null (default) for none.</param>
    /// <param name="clipvalue">Clip each gradient element to [-clipvalue, clipvalue]; null (default) for none.</param>
    /// <param name="global_clipnorm">Clip all gradients together to this global norm; null (default) for none.</param>
    /// <param name="loss_scale_factor">Gradients are divided by it; null (default) for none.</param>
    /// <param name="name">Default: Keras's automatic name from the class.</param>
    public Adadelta(LearningRate? learning_rate = null, double rho = 0.95, double epsilon = 1e-7, double? weight_decay = null, double? clipnorm = null,
        double? clipvalue = null, double? global_clipnorm = null, double? loss_scale_factor = null, string? name = null)
        : base(learning_rate ?? 0.001, weight_decay, clipnorm, clipvalue, global_clipnorm, loss_scale_factor, name)
    {
        this.rho = check_unit_interval(rho, nameof(rho));
        this.epsilon = check_non_negative(epsilon, nameof(epsilon));
    }

    /// <summary>The decay rate of the running averages.</summary>
    public double rho { get; }
    /// <summary>The small constant added under the square roots.</summary>
    public double epsilon { get; }

    /// <inheritdoc/>
    protected override void build_slots(IReadOnlyList<Parameter> var_list) =>
        add_optimizer_variables(var_list, "accumulated_grad", "accumulated_delta_var");

    /// <inheritdoc/>
    protected override void update_step(torch.Tensor gradient, Parameter variable, float learning_rate)
    {
        using var scope = torch.NewDisposeScope();
        var accumulated_grad = slot("accumulated_grad", variable);
        var accumulated_delta_var = slot("accumulated_delta_var", variable);
        accumulated_grad.mul_(rho).add_(gradient * gradient, 1 - rho);
        var delta = ((accumulated_delta_var + epsilon).sqrt_() * gradient).div_((accumulated_grad + epsilon).sqrt_()).mul_(-1);
        accumulated_delta_var.mul_(rho).add_(delta * delta, 1 - rho);
        variable.add_(delta, learning_rate);
    }

    /// <inheritdoc/>
    public override IDictionary<string, object> get_config()
    {
        var config = base.get_config();
        config["rho"] = rho;
        config["epsilon"] = epsilon;
        return config;
    }
}
