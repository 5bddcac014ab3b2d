using System.Runtime.InteropServices;
using TorchSharp;

namespace KerasPort.Preprocessing.Image;

/// <summary>
/// Direct access to the storage of contiguous CPU tensors, so that the pixel work runs over
/// spans and pointers instead of per-pixel tensor ops.
/// </summary>
internal static class PixelBuffer
{
    /// <summary>A contiguous CPU float32/float64 version of <paramref name="x"/> (itself when already so).</summary>
    public static torch.Tensor Prepare(torch.Tensor x, string argument)
    {
        if (x.dtype != torch.ScalarType.Float32 && x.dtype != torch.ScalarType.Float64)
            throw new ArgumentException($"Invalid dtype for argument {argument}: {x.dtype}. Expected float32 or float64 (convert with x.to_type(torch.float32)).", argument);
        var result = x.device_type == DeviceType.CPU ? x : x.cpu();
        return result.is_contiguous() ? result : result.contiguous();
    }

    /// <summary>The elements of a contiguous CPU tensor, as a writable span over its storage.</summary>
    public static Span<T> Span<T>(torch.Tensor x) where T : unmanaged =>
        MemoryMarshal.Cast<byte, T>(x.bytes);

    /// <summary>
    /// Moves a CPU result to the device of <paramref name="like"/> (freeing the CPU copy);
    /// the pixel work runs on the CPU whatever the input's device.
    /// </summary>
    public static torch.Tensor OnDeviceOf(torch.Tensor result, torch.Tensor like)
    {
        if (like.device_type == DeviceType.CPU)
            return result;
        var moved = result.to(like.device);
        result.Dispose();
        return moved;
    }

    /// <summary>Element strides of the three axes of a contiguous 3-D shape.</summary>
    public static (long s0, long s1, long s2) Strides(long[] shape) => (shape[1] * shape[2], shape[2], 1);
}
