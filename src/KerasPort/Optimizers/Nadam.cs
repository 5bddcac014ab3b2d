using TorchSharp;
using TorchSharp.Modules;

namespace KerasPort.Optimizers;

/// <summary>
/// Keras's Nadam (its torch backend's update), Adam with Nesterov momentum: with
/// <c>u_t = b1 (1 - 0.5 * 0.96^t)</c> and the running product <c>u_product</c> of the u_t,
/// <c>m_hat = u_(t+1) m / (1 - u_product u_(t+1)) + (1 - u_t) g / (1 - u_product)</c>,
/// <c>v_hat = v / (1 - b2^t)</c>, <c>w -= lr m_hat / (sqrt(v_hat) + epsilon)</c>, in float32.
/// </summary>
/// <remarks>Stricter than Keras: <c>beta_1</c> and <c>beta_2</c> outside [0, 1) and a NaN, infinite or negative <c>epsilon</c> raise.</remarks>
public sealed class Nadam : Optimizer
{
    /// <param name="learning_rate">A number or a <see cref="Schedules.LearningRateSchedule"/>; null means Keras's default 0.001.</param>
    /// <param name="beta_1">Decay of the first moment, in [0, 1). Default 0.9.</param>
    /// <param name="beta_2">Decay of the second moment, in [0, 1). Default 0.999.</param>
    /// <param name="epsilon">Added to the denominator, finite and &gt;= 0. Default 1e-7.</param>
    /// <param name="weight_decay">Decoupled weight decay, finite and &gt;= 0; null (default) for none.</param>
    /// <param name="clipnorm">Clip each gradient to this norm; null (default) for none.</param>
    /// <param name="clipvalue">Clip each gradient element to [-clipvalue, clipvalue]; null (default) for none.</param>
    /// <param name="global_clipnorm">Clip all gradients together to this global norm; null (default) for none.</param>
    /// <param name="loss_scale_factor">Gradients are divided by it; null (default) for none.</param>
    /// <param name="name">Default: Keras's automatic name from the class.</param>
    public Nadam(LearningRate? learning_rate = null, double beta_1 = 0.9, double beta_2 = 0.999, double epsilon = 1e-7, double? weight_decay = null, double? clipnorm = null,
        double? clipvalue = null, double? global_clipnorm = null, double? loss_scale_factor = null, string? name = null)
        : base(learning_rate ?? 0.001, weight_decay, clipnorm, clipvalue, global_clipnorm, loss_scale_factor, name)
    {
        this.beta_1 = check_unit_interval(beta_1, nameof(beta_1));
        this.beta_2 = check_unit_interval(beta_2, nameof(beta_2));
        this.epsilon = check_non_negative(epsilon, nameof(epsilon));
    }

    /// <summary>Exponential decay rate of the first-moment estimates.</summary>
    public double beta_1 { get; }
    /// <summary>Exponential decay rate of the second-moment estimates.</summary>
    public double beta_2 { get; }
    /// <summary>The small constant added to the denominator.</summary>
    public double epsilon { get; }

    private torch.Tensor? _u_product;
    private float _u_t, _u_t_1, _u_product_t, _u_product_t_1, _beta_2_power;

    /// <inheritdoc/>
    protected override void build_slots(IReadOnlyList<Parameter> var_list)
    {
        add_optimizer_variables(var_list, "momentum", "velocity");
        // Keras tracks u_product after the slots: it is the last optimizer variable.
        _u_product = add_variable(1.0, "u_product");
    }

    /// <summary>The step's momentum-schedule constants, in float32 as Keras computes them; advances u_product.</summary>
    protected override void before_update_steps()
    {
        float local_step = iterations + 1, next_step = iterations + 2, b1 = (float)beta_1;
        _u_t = b1 * (1f - 0.5f * MathF.Pow(0.96f, local_step));
        _u_t_1 = b1 * (1f - 0.5f * MathF.Pow(0.96f, next_step));
        _u_product_t = _u_product!.item<float>() * _u_t;
        _u_product_t_1 = _u_product_t * _u_t_1;
        _beta_2_power = MathF.Pow((float)beta_2, local_step);
        _u_product.fill_(_u_product_t);
    }

    /// <inheritdoc/>
    protected override void update_step(torch.Tensor gradient, Parameter variable, float learning_rate)
    {
        using var scope = torch.NewDisposeScope();
        var m = slot("momentum", variable);
        var v = slot("velocity", variable);
        m.mul_(beta_1).add_(gradient, 1 - beta_1);
        v.mul_(beta_2).add_(gradient * gradient, 1 - beta_2);
        var m_hat = (m * _u_t_1).div_(1f - _u_product_t_1).add_((gradient * (1f - _u_t)).div_(1f - _u_product_t));
        var v_hat = v / (1f - _beta_2_power);
        variable.sub_(m_hat.mul_(learning_rate).div_(v_hat.sqrt_().add_(epsilon)));
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
