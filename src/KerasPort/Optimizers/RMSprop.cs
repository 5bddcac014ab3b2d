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
    public RMSprop(double learning_rate = 0.001, double rho = 0.9, double momentum = 0.0, double epsilon = 1e-7,
                   bool centered = false, double? weight_decay = null, double? clipnorm = null, double? clipvalue = null,
                   double? global_clipnorm = null, double? loss_scale_factor = null, string? name = null)
        : base(learning_rate, weight_decay, clipnorm, clipvalue, global_clipnorm, loss_scale_factor, name)
    {
        this.rho = rho;
        this.momentum = momentum;
        this.epsilon = epsilon;
        this.centered = centered;
    }

    public double rho { get; }
    public double momentum { get; }
    public double epsilon { get; }
    public bool centered { get; }

    protected override void build_slots(IReadOnlyList<Parameter> var_list)
    {
        add_optimizer_variables(var_list, "velocity");
        if (momentum > 0) add_optimizer_variables(var_list, "momentum");
        if (centered) add_optimizer_variables(var_list, "average_gradient");
    }

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
