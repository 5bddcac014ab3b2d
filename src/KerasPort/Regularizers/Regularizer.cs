using TorchSharp;

namespace KerasPort.Regularizers;

/// <summary>
/// Base of Keras's weight and activity regularizers: <see cref="call"/> maps a tensor to a
/// scalar penalty that training adds to the loss.
/// </summary>
public abstract class Regularizer
{
    /// <summary>The penalty for <paramref name="x"/>, a scalar tensor (Keras's <c>__call__</c>).</summary>
    public abstract torch.Tensor call(torch.Tensor x);

    /// <summary>Keras's config dictionary for this regularizer.</summary>
    public abstract IDictionary<string, object> get_config();
}
