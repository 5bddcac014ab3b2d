using TorchSharp;
using TorchSharp.Modules;

namespace KerasPort.Optimizers;

/// <summary>
/// Base of Keras's optimizers, with Keras's update formulas (not torch.optim's).
/// <see cref="apply_gradients"/> applies one step to each variable from its gradient and
/// increments <see cref="iterations"/>.
/// </summary>
public abstract class Optimizer
{
    /// <summary>Current learning rate (Keras keeps it as a float32 variable; callbacks may change it).</summary>
    public abstract double learning_rate { get; set; }

    /// <summary>Number of steps applied so far.</summary>
    public long iterations { get; protected set; }

    /// <summary>One optimizer step over (gradient, variable) pairs; updates the variables in place.</summary>
    public abstract void apply_gradients(IReadOnlyList<(torch.Tensor gradient, Parameter variable)> grads_and_vars);

    /// <summary>Keras's config dictionary, every default resolved.</summary>
    public abstract IDictionary<string, object> get_config();
}
