using TorchSharp;

namespace KerasPort.Initializers;

/// <summary>Fills every element with <paramref name="value"/>, cast to the requested dtype (Keras's <c>keras.initializers.Constant</c>).</summary>
/// <param name="value">The fill value. Default 0.</param>
public sealed class Constant(double value = 0.0) : Initializer
{
    /// <summary>The fill value.</summary>
    public double value { get; } = value;

    /// <inheritdoc/>
    public override torch.Tensor call(long[] shape, torch.ScalarType dtype = torch.ScalarType.Float32) => torch.full(shape, value, dtype);

    /// <inheritdoc/>
    public override IDictionary<string, object> get_config() => new Dictionary<string, object> { ["value"] = value };
}
