using KerasPort.Utils;
using TorchSharp;
using TorchSharp.Modules;

namespace KerasPort.Optimizers;

/// <summary>
/// Keras's SGD: <c>w -= lr g</c>; with momentum, <c>b = momentum b - lr g</c> then <c>w += b</c>
/// (Nesterov: <c>w += momentum b - lr g</c> with the new b).
/// </summary>
public sealed class SGD : Optimizer
{
    public SGD(double learning_rate = 0.01, double momentum = 0.0, bool nesterov = false, double? weight_decay = null,
               double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null,
               double? loss_scale_factor = null, string? name = null)
        : base(learning_rate, weight_decay, clipnorm, clipvalue, global_clipnorm, loss_scale_factor, name)
    {
        if (!(momentum >= 0 && momentum <= 1))
            throw new ArgumentException($"`momentum` must be a float between [0, 1]. Received: momentum={PythonFormat.repr(momentum)}", nameof(momentum));
        this.momentum = momentum;
        this.nesterov = nesterov;
    }

    public double momentum { get; }
    public bool nesterov { get; }

    protected override void build_slots(IReadOnlyList<Parameter> var_list)
    {
        if (momentum != 0) add_optimizer_variables(var_list, "momentum");
    }

    protected override void update_step(torch.Tensor gradient, Parameter variable, float learning_rate)
    {
        if (momentum == 0)
        {
            variable.add_(gradient, -learning_rate);
            return;
        }
        var b = slot("momentum", variable);
        b.mul_(momentum).add_(gradient, -learning_rate);
        if (nesterov)
        {
            variable.add_(gradient, -learning_rate);
            variable.add_(b, momentum);
        }
        else
            variable.add_(b);
    }

    public override IDictionary<string, object> get_config()
    {
        var config = base.get_config();
        config["momentum"] = momentum;
        config["nesterov"] = nesterov;
        return config;
    }
}
