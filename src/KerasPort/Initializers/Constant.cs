using TorchSharp;

namespace KerasPort.Initializers;

/// <summary>Every element <paramref name="value"/>, cast to the requested dtype.</summary>
public sealed class Constant(double value = 0.0) : Initializer
{
    public double value { get; } = value;

    public override torch.Tensor call(long[] shape, torch.ScalarType dtype = torch.ScalarType.Float32) => torch.full(shape, value, dtype);

    public override IDictionary<string, object> get_config() => new Dictionary<string, object> { ["value"] = value };
}
