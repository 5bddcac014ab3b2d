using KerasPort.Utils;
using TorchSharp;

namespace KerasPort.Initializers;

/// <summary><paramref name="gain"/> times the identity matrix (Keras's <c>keras.initializers.Identity</c>; 2D shapes only, rectangular allowed).</summary>
/// <param name="gain">The factor on the identity matrix. Default 1.0.</param>
public sealed class Identity(double gain = 1.0) : Initializer
{
    /// <summary>The factor on the identity matrix.</summary>
    public double gain { get; } = gain;

    /// <inheritdoc/>
    public override torch.Tensor call(long[] shape, torch.ScalarType dtype = torch.ScalarType.Float32)
    {
        if (shape.Length != 2)
            throw new ArgumentException(
                $"Identity matrix initializer can only be used for 2D matrices. Received: shape={PythonFormat.tuple(shape)} of rank {shape.Length}.",
                nameof(shape));
        using var eye = torch.eye(shape[0], shape[1], dtype);
        return eye.mul(gain);
    }

    /// <inheritdoc/>
    public override IDictionary<string, object> get_config() => new Dictionary<string, object> { ["gain"] = gain };
}
