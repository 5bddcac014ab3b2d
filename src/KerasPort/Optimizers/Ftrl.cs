using TorchSharp;
using TorchSharp.Modules;

namespace KerasPort.Optimizers;

/// <summary>
/// Keras's FTRL-proximal (its generic update, which the torch backend runs): with
/// <c>n' = n + g^2</c> and <c>p = -learning_rate_power</c>,
/// <c>z += g + 2 l2_shrinkage w - (n'^p - n^p) / lr * w</c>,
/// <c>w = (clip(z, -l1, l1) - z) / (n'^p / lr + 2 (l2 + beta / (2 lr)))</c>, <c>n = n'</c>.
/// </summary>
/// <remarks>Keras's checks, plus (stricter than Keras) NaN and infinite values raise.</remarks>
public sealed class Ftrl : Optimizer
{
    /// <param name="learning_rate">A number or a <see cref="Schedules.LearningRateSchedule"/>; null means Keras's default 0.001.</param>
    /// <param name="learning_rate_power">How the rate decreases during training, &lt;= 0. Default -0.5.</param>
    /// <param name="initial_accumulator_value">The accumulators' starting value, &gt;= 0. Default 0.1.</param>
    /// <param name="l1_regularization_strength">&gt;= 0. Default 0.</param>
    /// <param name="l2_regularization_strength">&gt;= 0. Default 0.</param>
    /// <param name="l2_shrinkage_regularization_strength">&gt;= 0 (a magnitude penalty, unlike the stabilizing L2 above). Default 0.</param>
    /// <param name="beta">Default 0.0, as in the paper.</param>
    /// <param name="weight_decay">Decoupled weight decay, finite and &gt;= 0; null (default) for none.</param>
    /// <param name="clipnorm">Clip each gradient to this norm; null (default) for none.</param>
    /// <param name="clipvalue">Clip each gradient element to [-clipvalue, clipvalue]; null (default) for none.</param>
    /// <param name="global_clipnorm">Clip all gradients together to this global norm; null (default) for none.</param>
    /// <param name="loss_scale_factor">Gradients are divided by it; null (default) for none.</param>
    /// <param name="name">Default: Keras's automatic name from the class.</param>
    public Ftrl(LearningRate? learning_rate = null, double learning_rate_power = -0.5, double initial_accumulator_value = 0.1,
        double l1_regularization_strength = 0.0, double l2_regularization_strength = 0.0,
        double l2_shrinkage_regularization_strength = 0.0, double beta = 0.0, double? weight_decay = null, double? clipnorm = null,
        double? clipvalue = null, double? global_clipnorm = null, double? loss_scale_factor = null, string? name = null)
        : base(learning_rate ?? 0.001, weight_decay, clipnorm, clipvalue, global_clipnorm, loss_scale_factor, name)
    {
        if (!(initial_accumulator_value >= 0.0) || double.IsPositiveInfinity(initial_accumulator_value))
            throw new ArgumentException($"`initial_accumulator_value` needs to be positive or zero. Received: initial_accumulator_value={Utils.PythonFormat.repr(initial_accumulator_value)}.", nameof(initial_accumulator_value));
        if (!(learning_rate_power <= 0.0) || double.IsNegativeInfinity(learning_rate_power))
            throw new ArgumentException($"`learning_rate_power` needs to be negative or zero. Received: learning_rate_power={Utils.PythonFormat.repr(learning_rate_power)}.", nameof(learning_rate_power));
        foreach (var (value, argument) in new[] { (l1_regularization_strength, nameof(l1_regularization_strength)), (l2_regularization_strength, nameof(l2_regularization_strength)), (l2_shrinkage_regularization_strength, nameof(l2_shrinkage_regularization_strength)) })
            if (!(value >= 0.0) || double.IsPositiveInfinity(value))
                throw new ArgumentException($"`{argument}` needs to be positive or zero. Received: {argument}={Utils.PythonFormat.repr(value)}.", argument);
        this.learning_rate_power = learning_rate_power;
        this.initial_accumulator_value = initial_accumulator_value;
        this.l1_regularization_strength = l1_regularization_strength;
        this.l2_regularization_strength = l2_regularization_strength;
        this.l2_shrinkage_regularization_strength = l2_shrinkage_regularization_strength;
        this.beta = double.IsFinite(beta) ? beta : throw new ArgumentException($"Argument `beta` must be a finite number. Received: beta={Utils.PythonFormat.repr(beta)}", nameof(beta));
    }

    /// <summary>How the per-element rate decreases during training (&lt;= 0; 0 keeps it fixed).</summary>
    public double learning_rate_power { get; }
    /// <summary>The starting value of the accumulators.</summary>
    public double initial_accumulator_value { get; }
    /// <summary>The L1 penalty strength.</summary>
    public double l1_regularization_strength { get; }
    /// <summary>The stabilizing L2 penalty strength.</summary>
    public double l2_regularization_strength { get; }
    /// <summary>The L2 shrinkage (magnitude) penalty strength.</summary>
    public double l2_shrinkage_regularization_strength { get; }
    /// <summary>The beta of the FTRL paper.</summary>
    public double beta { get; }

    /// <inheritdoc/>
    protected override void build_slots(IReadOnlyList<Parameter> var_list)
    {
        add_optimizer_variables(var_list, "accumulator", "linear");
        flat_slot("accumulator").fill_(initial_accumulator_value);
    }

    /// <inheritdoc/>
    protected override void update_step(torch.Tensor gradient, Parameter variable, float learning_rate)
    {
        using var scope = torch.NewDisposeScope();
        var accumulator = slot("accumulator", variable);
        var linear = slot("linear", variable);
        float lr_power = (float)learning_rate_power;
        // Python float arithmetic (a double) on the float32 rate, then cast, as Keras's scalars are.
        double l2_reg = l2_regularization_strength + beta / (2.0 * learning_rate);
        var grad_to_use = gradient + variable * (2 * l2_shrinkage_regularization_strength);
        var new_accumulator = accumulator + gradient.square();
        var new_power = new_accumulator.pow(-lr_power);
        linear.add_(grad_to_use - (new_power - accumulator.pow(-lr_power)) / learning_rate * variable);
        var quadratic = new_power / learning_rate + 2 * l2_reg;
        var clipped = linear.clamp(-l1_regularization_strength, l1_regularization_strength);
        variable.copy_((clipped - linear) / quadratic);
        accumulator.copy_(new_accumulator);
    }

    /// <inheritdoc/>
    public override IDictionary<string, object> get_config()
    {
        var config = base.get_config();
        config["learning_rate_power"] = learning_rate_power;
        config["initial_accumulator_value"] = initial_accumulator_value;
        config["l1_regularization_strength"] = l1_regularization_strength;
        config["l2_regularization_strength"] = l2_regularization_strength;
        config["l2_shrinkage_regularization_strength"] = l2_shrinkage_regularization_strength;
        config["beta"] = beta;
        return config;
    }
}
