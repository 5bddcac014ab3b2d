using TorchSharp;
using TorchSharp.Modules;

namespace KerasPort.Optimizers;

    /// <summary>
    /// Adam (Keras's <c>keras.optimizers.Adam</c>), stochastic gradient descent with adaptive
    /// estimates of the first and second moments, with Keras's update formulas:
    /// <c>m = b1 m + (1 - b1) g</c>, <c>v = b2 v + (1 - b2) g^2</c>,
    /// <c>w -= alpha m / (sqrt(v) + epsilon)</c> with <c>alpha = lr sqrt(1 - b2^t) / (1 - b1^t)</c>
    /// computed in float32; epsilon is added to the square root of the uncorrected v ("epsilon
    /// hat"), unlike torch.optim.Adam. With <see cref="amsgrad"/>, <c>v_hat = max(v_hat, v)</c>
    /// takes v's place.
    /// </summary>
    /// <example>
    /// Python <c>keras.optimizers.Adam(learning_rate=1e-3)</c> and
    /// <c>model.compile(optimizer=adam, loss="binary_crossentropy")</c> port as:
    /// <code>
    /// var adam = new Adam(learning_rate: 1e-3);
    /// model.compile(optimizer: adam, loss: "binary_crossentropy", metrics: ["accuracy"]);
    /// // with a schedule: new Adam(learning_rate: new ExponentialDecay(1e-3, decay_steps: 1000, decay_rate: 0.9))
    /// </code>
    /// </example>
public class Adam : Optimizer
{
    /// <param name="learning_rate">A number or a <see cref="Schedules.LearningRateSchedule"/>; null means Keras's default 0.001.</param>
    /// <param name="beta_1">Decay of the first moment, in [0, 1). Default 0.9.</param>
    /// <param name="beta_2">Decay of the second moment, in [0, 1). Default 0.999.</param>
    /// <param name="epsilon">Added to the denominator, finite and &gt;= 0. Default 1e-7.</param>
    /// <param name="amsgrad">Use AMSGrad's running maximum of v. Default false.</param>
    /// <param name="weight_decay">Decoupled weight decay; null (default) for none.</param>
    /// <param name="clipnorm">Clip each gradient to this norm; null for none.</param>
    /// <param name="clipvalue">Clip each gradient element to [-clipvalue, clipvalue]; null for none.</param>
    /// <param name="global_clipnorm">Clip all gradients together to this global norm; null for none.</param>
    /// <param name="loss_scale_factor">Gradients are divided by it; null for none.</param>
    /// <param name="name">Default: Keras's automatic <c>adam</c>, <c>adam_1</c>, ...</param>
    /// <remarks>Stricter than Keras: beta_1 and beta_2 outside [0, 1) and a NaN, infinite or negative epsilon raise.</remarks>
    public Adam(LearningRate? learning_rate = null, double beta_1 = 0.9, double beta_2 = 0.999, double epsilon = 1e-7,
                bool amsgrad = false, double? weight_decay = null, double? clipnorm = null, double? clipvalue = null,
                double? global_clipnorm = null, double? loss_scale_factor = null, string? name = null)
        : base(learning_rate ?? 0.001, weight_decay, clipnorm, clipvalue, global_clipnorm, loss_scale_factor, name)
    {
        this.beta_1 = check_unit_interval(beta_1, nameof(beta_1));
        this.beta_2 = check_unit_interval(beta_2, nameof(beta_2));
        this.epsilon = check_non_negative(epsilon, nameof(epsilon));
        this.amsgrad = amsgrad;
        // The constants as torch scalars once, not per step and variable.
        _beta_1 = beta_1.ToScalar();
        _beta_2 = beta_2.ToScalar();
        _one_minus_beta_1 = (1 - beta_1).ToScalar();
        _one_minus_beta_2 = (1 - beta_2).ToScalar();
        _epsilon = epsilon.ToScalar();
    }

    private readonly Scalar _beta_1, _beta_2, _one_minus_beta_1, _one_minus_beta_2, _epsilon;

    /// <summary>Exponential decay rate of the first-moment estimates.</summary>
    public double beta_1 { get; }
    /// <summary>Exponential decay rate of the second-moment estimates.</summary>
    public double beta_2 { get; }
    /// <summary>The small constant added to the denominator for numerical stability.</summary>
    public double epsilon { get; }
    /// <summary>Whether AMSGrad's running maximum of v replaces v.</summary>
    public bool amsgrad { get; }

    /// <inheritdoc/>
    protected override void build_slots(IReadOnlyList<Parameter> var_list)
    {
        add_optimizer_variables(var_list, "momentum", "velocity");
        if (amsgrad) add_optimizer_variables(var_list, "velocity_hat");
    }

    /// <summary><c>lr sqrt(1 - b2^t) / (1 - b1^t)</c> in float32, for the step being applied.</summary>
    private float alpha(float learning_rate)
    {
        float local_step = iterations + 1;
        float beta_1_power = MathF.Pow((float)beta_1, local_step);
        float beta_2_power = MathF.Pow((float)beta_2, local_step);
        return learning_rate * MathF.Sqrt(1f - beta_2_power) / (1f - beta_1_power);
    }

    /// <inheritdoc/>
    protected override void update_step(torch.Tensor gradient, Parameter variable, float learning_rate)
    {
        var m = slot("momentum", variable);
        var v = slot("velocity", variable);
        var v_hat = amsgrad ? slot("velocity_hat", variable) : null;
        using var update = torch.empty_like(variable, dtype: torch.ScalarType.Float32);
        update_moments(gradient, m, v, v_hat, update, alpha(learning_rate));
        variable.sub_(update);
    }

    /// <inheritdoc/>
    protected override bool updates_all_at_once => true;

    /// <inheritdoc/>
    protected override void update_all(torch.Tensor gradient, torch.Tensor update, float learning_rate) =>
        update_moments(gradient, flat_slot("momentum"), flat_slot("velocity"), amsgrad ? flat_slot("velocity_hat") : null, update, alpha(learning_rate));

    /// <summary>Updates m and v (and v_hat) in place and writes <c>(m alpha) / (sqrt(v) + epsilon)</c> into <paramref name="update"/>.</summary>
    private void update_moments(torch.Tensor gradient, torch.Tensor m, torch.Tensor v, torch.Tensor? v_hat, torch.Tensor update, float alpha)
    {
        m.mul_(_beta_1).add_(gradient, _one_minus_beta_1);
        using (var square = gradient * gradient) v.mul_(_beta_2).add_(square, _one_minus_beta_2);
        if (v_hat is not null)
        {
            using var maximum = torch.maximum(v_hat, v);
            v_hat.copy_(maximum);
            v = v_hat;
        }
        using var denominator = v.sqrt().add_(_epsilon);
        update.copy_(m).mul_(alpha).div_(denominator);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            foreach (var s in new[] { _beta_1, _beta_2, _one_minus_beta_1, _one_minus_beta_2, _epsilon }) s.Dispose();
        base.Dispose(disposing);
    }

    /// <inheritdoc/>
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
