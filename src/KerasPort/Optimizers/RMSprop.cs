using TorchSharp;
using TorchSharp.Modules;

namespace KerasPort.Optimizers;

/// <summary>
/// Keras's RMSprop: <c>v = rho v + (1 - rho) g^2</c>, <c>w -= lr g / sqrt(v + epsilon)</c>
/// (epsilon inside the square root); centered subtracts the squared mean gradient under the root,
/// and momentum accumulates the increments.
/// </summary>
public sealed class RMSprop : Optimizer
{
    /// <param name="learning_rate">A number or a <see cref="Schedules.LearningRateSchedule"/>; null means Keras's default 0.001.</param>
    /// <param name="rho">Discount of the gradient history, in [0, 1). Default 0.9.</param>
    /// <param name="momentum">Momentum, in [0, 1). Default 0.</param>
    /// <param name="epsilon">Added under the square root, finite and &gt;= 0. Default 1e-7.</param>
    /// <param name="centered">Normalize by the gradient's estimated variance. Default false.</param>
    /// <param name="weight_decay">Decoupled weight decay, finite and &gt;= 0; null (default) for none.</param>
    /// <param name="clipnorm">Clip each gradient to this norm; null (default) for none.</param>
    /// <param name="clipvalue">Clip each gradient element to [-clipvalue, clipvalue]; null (default) for none.</param>
    /// <param name="global_clipnorm">Clip all gradients together to this global norm; null (default) for none.</param>
    /// <param name="loss_scale_factor">Gradients are divided by it; null (default) for none.</param>
    /// <param name="name">Default: Keras's automatic name from the class.</param>
    /// <remarks>
    /// Stricter than Keras:
    /// rho and momentum outside [0, 1) and a NaN, infinite or negative epsilon raise.
    /// </remarks>
    public RMSprop(LearningRate? learning_rate = null, double rho = 0.9, double momentum = 0.0, double epsilon = 1e-7,
                   bool centered = false, double? weight_decay = null, double? clipnorm = null, double? clipvalue = null,
                   double? global_clipnorm = null, double? loss_scale_factor = null, string? name = null)
        : base(learning_rate ?? 0.001, weight_decay, clipnorm, clipvalue, global_clipnorm, loss_scale_factor, name)
    {
        this.rho = check_unit_interval(rho, nameof(rho));
        this.momentum = check_unit_interval(momentum, nameof(momentum));
        this.epsilon = check_non_negative(epsilon, nameof(epsilon));
        this.centered = centered;
    }

    /// <summary>Discount factor of the gradient history.</summary>
    public double rho { get; }
    /// <summary>The momentum factor; 0 for none.</summary>
    public double momentum { get; }
    /// <summary>The small constant added under the square root.</summary>
    public double epsilon { get; }
    /// <summary>Whether gradients are normalized by their estimated variance.</summary>
    public bool centered { get; }

    /// <inheritdoc/>
    protected override void build_slots(IReadOnlyList<Parameter> var_list)
    {
        add_optimizer_variables(var_list, "velocity");
        if (momentum > 0) add_optimizer_variables(var_list, "momentum");
        if (centered) add_optimizer_variables(var_list, "average_gradient");
    }

    /// <inheritdoc/>
    protected override void update_step(torch.Tensor gradient, Parameter variable, float learning_rate)
    {
        var velocity = slot("velocity", variable);
        velocity.mul_(rho).add_(gradient * gradient, 1 - rho);
        var denominator = velocity + epsilon;
        if (centered)
        {
            var average = slot("average_gradient", variable);
            average.mul_(rho).add_(gradient, 1 - rho);
            denominator.sub_(average * average);
        }
        var increment = gradient * learning_rate / denominator.sqrt_();
        if (momentum > 0)
        {
            var m = slot("momentum", variable);
            m.mul_(momentum).add_(increment);
            variable.sub_(m);
        }
        else
            variable.sub_(increment);
    }

    /// <inheritdoc/>
    public override IDictionary<string, object> get_config()
    {
        var config = base.get_config();
        config["rho"] = rho;
        config["momentum"] = momentum;
        config["epsilon"] = epsilon;
        config["centered"] = centered;
        return config;
    }
}
