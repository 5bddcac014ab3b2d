using TorchSharp;

namespace KerasPort.Initializers;

/// <summary>Base of Keras's initializers: <see cref="call"/> makes a new tensor of the given shape.</summary>
public abstract class Initializer
{
    /// <summary>A new tensor of <paramref name="shape"/> (Keras layout), float32 unless told otherwise.</summary>
    public abstract torch.Tensor call(long[] shape, torch.ScalarType dtype = torch.ScalarType.Float32);

    /// <summary>Keras's config dictionary for this initializer.</summary>
    public abstract IDictionary<string, object> get_config();
}
