using KerasPort.Utils;

namespace KerasPort.Optimizers;

/// <summary>
/// Keras's AdamW: <see cref="Adam"/> with decoupled weight decay (default 0.004), applied before
/// each step as <c>w -= w * weight_decay * lr</c>.
/// </summary>
public sealed class AdamW : Adam
{
    /// <param name="learning_rate">A number or a <see cref="Schedules.LearningRateSchedule"/>; null means Keras's default 0.001.</param>
    /// <param name="weight_decay">Decoupled weight decay, finite and &gt;= 0. Default 0.004.</param>
    /// <param name="beta_1">Decay of the first moment, in [0, 1). Default 0.9.</param>
    /// <param name="beta_2">Decay of the second moment, in [0, 1). Default 0.999.</param>
    /// <param name="epsilon">Added to the denominator, finite and &gt;= 0. Default 1e-7.</param>
    /// <param name="amsgrad">Use AMSGrad's running maximum of v. Default false.</param>
    /// <param name="clipnorm">Clip each gradient to this norm; null (default) for none.</param>
    /// <param name="clipvalue">Clip each gradient element to [-clipvalue, clipvalue]; null (default) for none.</param>
    /// <param name="global_clipnorm">Clip all gradients together to this global norm; null (default) for none.</param>
    /// <param name="loss_scale_factor">Gradients are divided by it; null (default) for none.</param>
    /// <param name="name">Default: Keras's automatic name from the class (<c>adam</c>, <c>adam_1</c>, ...).</param>
    public AdamW(LearningRate? learning_rate = null, double? weight_decay = 0.004, double beta_1 = 0.9, double beta_2 = 0.999,
                 double epsilon = 1e-7, bool amsgrad = false, double? clipnorm = null, double? clipvalue = null,
                 double? global_clipnorm = null, double? loss_scale_factor = null, string? name = null)
        : base(learning_rate ?? 0.001, beta_1, beta_2, epsilon, amsgrad, check(weight_decay), clipnorm, clipvalue, global_clipnorm, loss_scale_factor, name)
    {
    }

    private static double check(double? weight_decay) =>
        weight_decay ?? throw new ArgumentException(
            $"Argument `weight_decay` must be a float. Received: weight_decay={PythonFormat.str(weight_decay)}", nameof(weight_decay));
}
