using TorchSharp;

namespace KerasPort.Backend;

/// <summary>
/// Checks, before libtorch is asked, that a tensor can exist: its element count must not overflow
/// and its bytes must fit in the memory the process can still get. libtorch on Linux asks for
/// memory lazily, so an impossible weight does not fail at allocation: the first write kills the
/// process. These checks turn that into a managed exception naming what asked for the memory.
/// </summary>
internal static class MemoryBudget
{
    // Below this, a weight cannot matter: skip reading /proc/meminfo.
    private const long CheckedFrom = 64L << 20;

    // Building a weight holds about three copies at once: the random draw, its scaled value and
    // the parameter kept (RandomInitializer.draw_uniform, then Layer.add_weight's clone).
    private const int BuildCopies = 3;

    /// <summary>The number of elements of <paramref name="shape"/>; null when a dimension is negative or the product overflows a long.</summary>
    public static long? element_count(IReadOnlyList<long> shape)
    {
        long count = 1;
        foreach (long d in shape)
        {
            if (d < 0) return null;
            try
            {
                count = checked(count * d);
            }
            catch (OverflowException)
            {
                return null;
            }
        }
        return count;
    }

    /// <summary>
    /// Keras's <c>add_weight</c> guard: throws an <see cref="ArgumentException"/> when the weight
    /// <paramref name="weight"/> of layer <paramref name="layer"/> has an impossible shape (negative
    /// or overflowing size), and an <see cref="InsufficientMemoryException"/> when building it needs
    /// more memory than the process can get.
    /// </summary>
    public static void check_weight(string layer, string weight, long[] shape, torch.ScalarType dtype)
    {
        string what = $"weight '{weight}' of layer '{layer}' with shape {Utils.PythonFormat.tuple(shape)}";
        long count = element_count(shape)
            ?? throw new ArgumentException($"Cannot create the {what}: its element count is negative or overflows a 64-bit integer.", nameof(shape));
        long element = element_size(dtype);
        long bytes = count > long.MaxValue / element / BuildCopies ? long.MaxValue : count * element;
        if (bytes < CheckedFrom) return;
        long needed = bytes == long.MaxValue ? long.MaxValue : bytes * BuildCopies;
        long available = available_bytes();
        if (needed > available)
            throw new InsufficientMemoryException(
                $"Cannot create the {what}: {count} elements ({format_bytes(bytes)}, about {format_bytes(needed)} while it is built) " +
                $"exceed the {format_bytes(available)} of memory available.");
    }

    /// <summary>
    /// The memory this process can still get: Linux's <c>MemAvailable</c> where there is one,
    /// capped by the GC's limit (the container's limit, or the machine's memory).
    /// </summary>
    public static long available_bytes()
    {
        long limit = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (limit <= 0) limit = long.MaxValue;
        try
        {
            if (File.Exists("/proc/meminfo"))
            {
                foreach (var line in File.ReadLines("/proc/meminfo"))
                {
                    if (!line.StartsWith("MemAvailable:", StringComparison.Ordinal)) continue;
                    var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (parts.Length >= 2 && long.TryParse(parts[1], out long kib)) return Math.Min(limit, kib * 1024);
                }
            }
        }
        catch (IOException)
        {
            // Fall back to the GC's view.
        }
        return limit;
    }

    /// <summary>The bytes of one element of <paramref name="dtype"/>.</summary>
    public static int element_size(torch.ScalarType dtype) => dtype switch
    {
        torch.ScalarType.Float64 or torch.ScalarType.Int64 or torch.ScalarType.ComplexFloat32 => 8,
        torch.ScalarType.Float32 or torch.ScalarType.Int32 => 4,
        torch.ScalarType.Float16 or torch.ScalarType.BFloat16 or torch.ScalarType.Int16 => 2,
        torch.ScalarType.ComplexFloat64 => 16,
        _ => 1,
    };

    /// <summary>Bytes as a person reads them (<c>1.5 GiB</c>).</summary>
    public static string format_bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.#} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.#} MiB",
        >= 1L << 10 => $"{bytes / 1024.0:0.#} KiB",
        _ => $"{bytes} bytes",
    };
}
