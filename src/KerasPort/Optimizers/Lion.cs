using TorchSharp;
using TorchSharp.Modules;

namespace KerasPort.Optimizers;

/// <summary>
/// Keras's Lion (its torch backend's update): <c>w -= lr sign(b1 m + (1 - b1) g)</c>, then
/// <c>m = b2 m + (1 - b2) g</c>.
/// </summary>
/// <remarks>Keras's check of <c>beta_1</c>; stricter than Keras: <c>beta_2</c> outside [0, 1) raises.</remarks>
public sealed class Lion : Optimizer
{
    /// <param name="learning_rate">A number or a <see cref="Schedules.LearningRateSchedule"/>; null means Keras's default 0.001.</param>
    /// <param name="beta_1">Interpolation of momentum and gradient for the update's sign, in (0, 1] as Keras requires. Default 0.9.</param>
    /// <param name="beta_2">Decay of the momentum, in [0, 1). Default 0.99.</param>
    /// <param name="weight_decay">Decoupled weight decay, finite and &gt;= 0; null (default) for none.</param>
    /// <param name="clipnorm">Clip each gradient to this norm; null (default) for none.</param>
    /// <param name="clipvalue">Clip each gradient element to [-clipvalue, clipvalue]; null (default) for none.</param>
    /// <param name="global_clipnorm">Clip all gradients together to this global norm; null (default) for none.</param>
    /// <param name="loss_scale_factor">Gradients are divided by it; null (default) for none.</param>
    /// <param name="name">Default: Keras's automatic name from the class.</param>
    public Lion(LearningRate? learning_rate = null, double beta_1 = 0.9, double beta_2 = 0.99, double? weight_decay = null, double? clipnorm = null,
        double? clipvalue = null, double? global_clipnorm = null, double? loss_scale_factor = null, string? name = null)
        : base(learning_rate ?? 0.001, weight_decay, clipnorm, clipvalue, global_clipnorm, loss_scale_factor, name)
    {
        if (!(beta_1 > 0 && beta_1 <= 1))
            throw new ArgumentException(
                $"Argument `beta_1` must be in the [0, 1] range. Otherwise, the optimizer degenerates to SignSGD. Received: beta_1={Utils.PythonFormat.repr(beta_1)}.", nameof(beta_1));
        this.beta_1 = beta_1;
        this.beta_2 = check_unit_interval(beta_2, nameof(beta_2));
    }

    /// <summary>The interpolation between momentum and gradient that gives the update's sign.</summary>
    public double beta_1 { get; }
    /// <summary>Exponential decay rate of the momentum.</summary>
    public double beta_2 { get; }

    /// <inheritdoc/>
    protected override void build_slots(IReadOnlyList<Parameter> var_list) => add_optimizer_variables(var_list, "momentum");

    /// <inheritdoc/>
    protected override void update_step(torch.Tensor gradient, Parameter variable, float learning_rate)
    {
        using var scope = torch.NewDisposeScope();
        var m = slot("momentum", variable);
        var c = (m * beta_1).add_(gradient, 1 - beta_1).sign_();
        variable.sub_(c.mul_(learning_rate));
        m.mul_(beta_2).add_(gradient, 1 - beta_2);
    }

    /// <inheritdoc/>
    public override IDictionary<string, object> get_config()
    {
        var config = base.get_config();
        config["beta_1"] = beta_1;
        config["beta_2"] = beta_2;
        return config;
    }
}
