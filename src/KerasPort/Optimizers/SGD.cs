using KerasPort.Utils;
using TorchSharp;
using TorchSharp.Modules;

namespace KerasPort.Optimizers;

    /// <summary>
    /// Gradient descent with optional momentum (Keras's <c>keras.optimizers.SGD</c>), with Keras's
    /// update: <c>w -= lr g</c>; with momentum, <c>b = momentum b - lr g</c> then <c>w += b</c>
    /// (Nesterov: <c>w += momentum b - lr g</c> with the new b).
    /// </summary>
    /// <example>
    /// Python <c>keras.optimizers.SGD(learning_rate=0.01, momentum=0.9, nesterov=True)</c> ports as:
    /// <code>
    /// var sgd = new SGD(learning_rate: 0.01, momentum: 0.9, nesterov: true);
    /// model.compile(optimizer: sgd, loss: "categorical_crossentropy");
    /// </code>
    /// </example>
public sealed class SGD : Optimizer
{
    /// <param name="learning_rate">A number or a <see cref="Schedules.LearningRateSchedule"/>; null means Keras's default 0.01.</param>
    /// <param name="momentum">In [0, 1]. Default 0.</param>
    /// <param name="nesterov">Nesterov momentum. Default false.</param>
    /// <param name="weight_decay">Decoupled weight decay, finite and &gt;= 0; null (default) for none.</param>
    /// <param name="clipnorm">Clip each gradient to this norm; null (default) for none.</param>
    /// <param name="clipvalue">Clip each gradient element to [-clipvalue, clipvalue]; null (default) for none.</param>
    /// <param name="global_clipnorm">Clip all gradients together to this global norm; null (default) for none.</param>
    /// <param name="loss_scale_factor">Gradients are divided by it; null (default) for none.</param>
    /// <param name="name">Default: Keras's automatic name from the class (<c>sgd</c>, <c>sgd_1</c>, ...).</param>
    public SGD(LearningRate? learning_rate = null, double momentum = 0.0, bool nesterov = false, double? weight_decay = null,
               double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null,
               double? loss_scale_factor = null, string? name = null)
        : base(learning_rate ?? 0.01, weight_decay, clipnorm, clipvalue, global_clipnorm, loss_scale_factor, name)
    {
        if (!(momentum >= 0 && momentum <= 1))
            throw new ArgumentException($"`momentum` must be a float between [0, 1]. Received: momentum={PythonFormat.repr(momentum)}", nameof(momentum));
        this.momentum = momentum;
        this.nesterov = nesterov;
    }

    /// <summary>The momentum factor in [0, 1]; 0 is plain gradient descent.</summary>
    public double momentum { get; }
    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool nesterov { get; }

    /// <inheritdoc/>
    protected override void build_slots(IReadOnlyList<Parameter> var_list)
    {
        if (momentum != 0) add_optimizer_variables(var_list, "momentum");
    }

    /// <inheritdoc/>
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

    /// <inheritdoc/>
    public override IDictionary<string, object> get_config()
    {
        var config = base.get_config();
        config["momentum"] = momentum;
        config["nesterov"] = nesterov;
        return config;
    }
}
