using TorchSharp;
using TorchSharp.Modules;

namespace KerasPort.Optimizers;

/// <summary>
/// Keras's Adam: <c>m = b1 m + (1 - b1) g</c>, <c>v = b2 v + (1 - b2) g^2</c>,
/// <c>w -= alpha m / (sqrt(v) + epsilon)</c> with <c>alpha = lr sqrt(1 - b2^t) / (1 - b1^t)</c>
/// computed in float32; epsilon is added to the square root of the uncorrected v ("epsilon
/// hat"), unlike torch.optim.Adam. With <see cref="amsgrad"/>, <c>v_hat = max(v_hat, v)</c>
/// takes v's place.
/// </summary>
public class Adam : Optimizer
{
    public Adam(double learning_rate = 0.001, double beta_1 = 0.9, double beta_2 = 0.999, double epsilon = 1e-7,
                bool amsgrad = false, double? weight_decay = null, double? clipnorm = null, double? clipvalue = null,
                double? global_clipnorm = null, double? loss_scale_factor = null, string? name = null)
        : base(learning_rate, weight_decay, clipnorm, clipvalue, global_clipnorm, loss_scale_factor, name)
    {
        this.beta_1 = beta_1;
        this.beta_2 = beta_2;
        this.epsilon = epsilon;
        this.amsgrad = amsgrad;
    }

    public double beta_1 { get; }
    public double beta_2 { get; }
    public double epsilon { get; }
    public bool amsgrad { get; }

    protected override void build_slots(IReadOnlyList<Parameter> var_list)
    {
        add_optimizer_variables(var_list, "momentum", "velocity");
        if (amsgrad) add_optimizer_variables(var_list, "velocity_hat");
    }

    protected override void update_step(torch.Tensor gradient, Parameter variable, float learning_rate)
    {
        float local_step = iterations + 1;
        float beta_1_power = MathF.Pow((float)beta_1, local_step);
        float beta_2_power = MathF.Pow((float)beta_2, local_step);
        float alpha = learning_rate * MathF.Sqrt(1f - beta_2_power) / (1f - beta_1_power);

        var m = slot("momentum", variable);
        var v = slot("velocity", variable);
        m.mul_(beta_1).add_(gradient, 1 - beta_1);
        v.mul_(beta_2).add_(gradient * gradient, 1 - beta_2);
        if (amsgrad)
        {
            var v_hat = slot("velocity_hat", variable);
            v_hat.copy_(torch.maximum(v_hat, v));
            v = v_hat;
        }
        variable.sub_((m * alpha) / (v.sqrt() + epsilon));
    }

    public override IDictionary<string, object> get_config()
    {
        var config = base.get_config();
        config["beta_1"] = beta_1;
        config["beta_2"] = beta_2;
        config["epsilon"] = epsilon;
        config["amsgrad"] = amsgrad;
        return config;
    }
}
