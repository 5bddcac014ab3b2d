using TorchSharp.Modules;

namespace KerasPort.Layers;

public abstract partial class Layer
{
    /// <summary>
    /// <see cref="add_weight(string, long[], Initializers.Initializer, Regularizers.Regularizer, Func{TorchSharp.torch.Tensor, TorchSharp.torch.Tensor}, bool)"/> for a weight whose initializer, regularizer and constraint came as
    /// Keras's <c>&lt;name&gt;_initializer</c>, <c>&lt;name&gt;_regularizer</c>, <c>&lt;name&gt;_constraint</c> arguments.
    /// </summary>
    private protected Parameter add_weight(WeightArguments arguments, long[] shape, bool trainable = true) =>
        add_weight(arguments.name, shape, arguments.initializer, arguments.regularizer, arguments.constraint, trainable);
}
