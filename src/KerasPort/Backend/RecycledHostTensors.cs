using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace KerasPort.Backend;

/// <summary>
/// CPU tensors whose memory is kept for the next tensor of the same size once libtorch frees
/// them, for buffers made again and again at one size (the augmentation batches). A 224x224x3
/// batch of 32 is 19 MB: glibc serves that with a fresh mapping whenever the one it freed has
/// been returned to the system, and each of its 4,700 pages then faults on the first write, about
/// 18 ms a batch on a virtual machine. Here the memory is allocated once and handed back by
/// libtorch's deleter (the tensor and every view of it gone, on whichever thread drops the last
/// reference), so a steady stream of batches touches pages that are already mapped.
/// </summary>
internal static partial class RecycledHostTensors
{
    /// <summary>Free buffers kept per size: enough for the batch in use, the ones rendered ahead and a spare.</summary>
    internal const int kept_per_size = 4;

    /// <summary>The most bytes kept free in all; a buffer returned beyond it is freed.</summary>
    internal const long kept_bytes = 256L << 20;

    // libtorch's own CPU alignment (c10::alloc_cpu), so vector code sees what it would.
    private const nuint Alignment = 64;

    private static readonly object _lock = new();
    private static readonly Dictionary<long, Stack<nint>> _free = [];
    private static readonly Dictionary<nint, long> _lent = [];
    private static long _free_bytes;

    /// <summary>Buffers allocated from the system so far (a test reads it to see reuse).</summary>
    internal static long allocations { get; private set; }

    /// <summary>An uninitialised CPU tensor of <paramref name="shape"/> and <paramref name="dtype"/> on recycled memory.</summary>
    public static unsafe Tensor empty(long[] shape, ScalarType dtype)
    {
        long bytes = shape.Aggregate(1L, (a, b) => a * b) * MemoryBudget.element_size(dtype);
        nint data = rent(Math.Max(bytes, 1));
        nint handle;
        fixed (long* sizes = shape)
            handle = THSTensor_new(data, &release, sizes, shape.Length, (sbyte)dtype, (sbyte)dtype, 0, -1, false);
        if (handle == 0)
        {
            give_back(data);
            CheckForErrors();
            throw new InvalidOperationException($"libtorch could not make a tensor of shape [{string.Join(", ", shape)}] on recycled memory.");
        }
        return Tensor.UnsafeCreateTensor(handle);
    }

    private static nint rent(long bytes)
    {
        lock (_lock)
        {
            if (_free.TryGetValue(bytes, out var stack) && stack.TryPop(out nint kept))
            {
                _free_bytes -= bytes;
                _lent[kept] = bytes;
                return kept;
            }
        }
        nint data;
        unsafe { data = (nint)NativeMemory.AlignedAlloc((nuint)bytes, Alignment); }
        lock (_lock)
        {
            allocations++;
            _lent[data] = bytes;
        }
        return data;
    }

    // libtorch's deleter: runs when the storage is freed, on any thread (a finalizer's too); it must not throw.
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void release(nint data) => give_back(data);

    private static unsafe void give_back(nint data)
    {
        lock (_lock)
        {
            if (!_lent.Remove(data, out long bytes)) return;
            if (!_free.TryGetValue(bytes, out var stack)) _free[bytes] = stack = new Stack<nint>();
            if (stack.Count < kept_per_size && _free_bytes + bytes <= kept_bytes)
            {
                stack.Push(data);
                _free_bytes += bytes;
                return;
            }
        }
        NativeMemory.AlignedFree((void*)data);
    }

    // TorchSharp 0.107.0's tensor over caller-owned memory (torch::from_blob with a deleter); TorchSharp
    // itself exposes it only for managed arrays, whose release it keeps to itself.
    [LibraryImport("LibTorchSharp")]
    private static unsafe partial nint THSTensor_new(nint data, delegate* unmanaged[Cdecl]<nint, void> deleter, long* sizes, int dimensions,
        sbyte scalar_type, sbyte dtype, int device_type, int device_index, [MarshalAs(UnmanagedType.U1)] bool requires_grad);
}
