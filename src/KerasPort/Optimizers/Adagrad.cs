using TorchSharp;
using TorchSharp.Modules;

namespace KerasPort.Optimizers;

/// <summary>
/// Keras's Adagrad (its torch backend's update): <c>accumulator += g^2</c>,
/// <c>w -= lr g / sqrt(accumulator + epsilon)</c>; the accumulators start at
/// <c>initial_accumulator_value</c>.
/// </summary>
/// <remarks>Stricter than Keras: a NaN, infinite or negative <c>initial_accumulator_value</c> or <c>epsilon</c> raises.</remarks>
public sealed class Adagrad : Optimizer
{
    /// <param name="learning_rate">A number or a <see cref="Schedules.LearningRateSchedule"/>; null means Keras's default 0.001.</param>
    /// <param name="initial_accumulator_value">The accumulators' starting value, finite and &gt;= 0. Default 0.1.</param>
    /// <param name="epsilon">Added under the square root, finite and &gt;= 0. Default 1e-7.</param>
    /// <param name="weight_decay">Decoupled weight decay, finite and &gt;= 0; null (default) for none.</param>
    /// <param name="clipnorm">Clip each gradient to this norm; null (default) for none.</param>
    /// <param name="clipvalue">Clip each gradient element to [-clipvalue, clipvalue]; null (default) for none.</param>
    /// <param name="global_clipnorm">Clip all gradients together to this global norm; null (default) for none.</param>
    /// <param name="loss_scale_factor">Gradients are divided by it; null (default) for none.</param>
    /// <param name="name">Default: Keras's automatic name from the class.</param>
    public Adagrad(LearningRate? learning_rate = null, double initial_accumulator_value = 0.1, double epsilon = 1e-7, double? weight_decay = null, double? clipnorm = null,
        double? clipvalue = null, double? global_clipnorm = null, double? loss_scale_factor = null, string? name = null)
        : base(learning_rate ?? 0.001, weight_decay, clipnorm, clipvalue, global_clipnorm, loss_scale_factor, name)
    {
        this.initial_accumulator_value = check_non_negative(initial_accumulator_value, nameof(initial_accumulator_value));
        this.epsilon = check_non_negative(epsilon, nameof(epsilon));
    }

    /// <summary>The starting value of the per-element accumulators.</summary>
    public double initial_accumulator_value { get; }
    /// <summary>The small constant added under the square root.</summary>
    public double epsilon { get; }

    /// <inheritdoc/>
    protected override void build_slots(IReadOnlyList<Parameter> var_list)
    {
        add_optimizer_variables(var_list, "accumulator");
        flat_slot("accumulator").fill_(initial_accumulator_value);
    }

    /// <inheritdoc/>
    protected override void update_step(torch.Tensor gradient, Parameter variable, float learning_rate)
    {
        using var scope = torch.NewDisposeScope();
        var accumulator = slot("accumulator", variable);
        accumulator.add_(gradient * gradient);
        variable.sub_((gradient * learning_rate).div_((accumulator + epsilon).sqrt_()));
    }

    /// <inheritdoc/>
    public override IDictionary<string, object> get_config()
    {
        var config = base.get_config();
        config["initial_accumulator_value"] = initial_accumulator_value;
        config["epsilon"] = epsilon;
        return config;
    }
}
