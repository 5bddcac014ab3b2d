using KerasPort.Utils;

namespace KerasPort.Optimizers;

/// <summary>
/// Keras's AdamW: <see cref="Adam"/> with decoupled weight decay (default 0.004), applied before
/// each step as <c>w -= w * weight_decay * lr</c>.
/// </summary>
public sealed class AdamW : Adam
{
    public AdamW(double learning_rate = 0.001, double? weight_decay = 0.004, double beta_1 = 0.9, double beta_2 = 0.999,
                 double epsilon = 1e-7, bool amsgrad = false, double? clipnorm = null, double? clipvalue = null,
                 double? global_clipnorm = null, double? loss_scale_factor = null, string? name = null)
        : base(learning_rate, beta_1, beta_2, epsilon, amsgrad, check(weight_decay), clipnorm, clipvalue, global_clipnorm, loss_scale_factor, name)
    {
    }

    private static double check(double? weight_decay) =>
        weight_decay ?? throw new ArgumentException(
            $"Argument `weight_decay` must be a float. Received: weight_decay={PythonFormat.str(weight_decay)}", nameof(weight_decay));
}
