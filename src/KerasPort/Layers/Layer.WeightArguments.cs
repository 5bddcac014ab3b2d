using TorchSharp.Modules;

namespace KerasPort.Layers;

public abstract partial class Layer
{
    /// <summary>
    /// Keras's <c>add_weight</c> for a weight whose initializer, regularizer and constraint came as
    /// Keras's <c>&lt;name&gt;_initializer</c>, <c>&lt;name&gt;_regularizer</c>, <c>&lt;name&gt;_constraint</c> arguments.
    /// </summary>
    private protected Parameter add_weight(WeightArguments arguments, long[] shape, bool trainable = true) =>
        add_weight(arguments.name, shape, arguments.initializer, arguments.regularizer, arguments.constraint, trainable);
}
