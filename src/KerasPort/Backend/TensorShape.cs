using static TorchSharp.torch;

namespace KerasPort.Backend;

/// <summary>
/// A tensor's shape, read one axis at a time. TorchSharp's <c>Tensor.shape</c> has libtorch fill
/// a pinned managed array through a callback, which costs about a microsecond; a forward pass reads
/// the shape of every layer's input, so the calls that run per batch read it here (a plain call per axis).
/// </summary>
internal static class TensorShape
{
    /// <summary>The sizes of <paramref name="tensor"/>'s axes, as <c>Tensor.shape</c> gives them.</summary>
    public static long[] of(Tensor tensor)
    {
        var shape = new long[tensor.dim()];
        for (int axis = 0; axis < shape.Length; axis++) shape[axis] = tensor.size(axis);
        return shape;
    }
}
