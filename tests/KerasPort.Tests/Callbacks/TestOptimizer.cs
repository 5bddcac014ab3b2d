using KerasPort.Optimizers;
using TorchSharp.Modules;

namespace KerasPort.Tests.Callbacks;

/// <summary>
/// An optimizer double for the callbacks that read and set the learning rate (kept in float32 by
/// the base, as Keras keeps it); it never takes a step.
/// </summary>
internal sealed class TestOptimizer : Optimizer
{
    public TestOptimizer(double learning_rate)
        : base(learning_rate, weight_decay: null, clipnorm: null, clipvalue: null, global_clipnorm: null, loss_scale_factor: null, name: null)
    {
    }

    protected override void build_slots(IReadOnlyList<Parameter> var_list) { }

    protected override void update_step(Tensor gradient, Parameter variable, float learning_rate) =>
        throw new NotSupportedException("TestOptimizer only holds a learning rate.");
}
