using TorchSharp;

namespace KerasPort.Initializers;

/// <summary>All zeros; Keras's default bias initializer.</summary>
public sealed class Zeros : Initializer
{
    /// <inheritdoc/>
    public override torch.Tensor call(long[] shape, torch.ScalarType dtype = torch.ScalarType.Float32) => torch.zeros(shape, dtype);

    /// <inheritdoc/>
    public override IDictionary<string, object> get_config() => new Dictionary<string, object>();
}
