using TorchSharp;

namespace KerasPort.Initializers;

/// <summary>All ones.</summary>
public sealed class Ones : Initializer
{
    /// <inheritdoc/>
    public override torch.Tensor call(long[] shape, torch.ScalarType dtype = torch.ScalarType.Float32) => torch.ones(shape, dtype);

    /// <inheritdoc/>
    public override IDictionary<string, object> get_config() => new Dictionary<string, object>();
}
