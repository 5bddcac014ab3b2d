using System.Runtime.InteropServices;
using System.Text;

namespace KerasPort.Distribution;

/// <summary>
/// The MPI job this process belongs to, through MPI.NET: started by
/// <c>keras.distribution.initialize()</c> when the process was launched by <c>mpiexec</c>, finalized
/// at process exit. MPI.NET's binaries name MS-MPI's library; MPICH shares MS-MPI's ABI, so on Linux
/// the binding is pointed at MPICH's <c>libmpich.so.12</c> (Debian's <c>mpich</c> package).
/// Every collective here is called by every rank in the same order.
/// </summary>
internal static class Mpi
{
    private static readonly object _lock = new();
    private static MPI.Environment? _environment;
    private static bool _resolver_set;

    /// <summary>Whether a process manager (MPICH's Hydra, or any PMI launcher) started this process.</summary>
    public static bool launched => Environment.GetEnvironmentVariable("PMI_SIZE") is not null
        || Environment.GetEnvironmentVariable("PMI_RANK") is not null;

    /// <summary>Whether MPI runs in this process.</summary>
    public static bool running => _environment is not null;

    /// <summary>This process's rank in the job (0 without MPI).</summary>
    public static int rank { get; private set; }

    /// <summary>The number of processes in the job (1 without MPI).</summary>
    public static int size { get; private set; } = 1;

    /// <summary>The rank of this process among those on its machine (Hydra's <c>MPI_LOCALRANKID</c>), for picking a GPU.</summary>
    public static int local_rank => int.TryParse(Environment.GetEnvironmentVariable("MPI_LOCALRANKID"), out int r) ? r : rank;

    /// <summary>Starts MPI once per process; later calls do nothing.</summary>
    public static void start()
    {
        lock (_lock)
        {
            if (_environment is not null) return;
            if (!_resolver_set)
            {
                NativeLibrary.SetDllImportResolver(typeof(MPI.Communicator).Assembly, resolve);
                _resolver_set = true;
            }
            string[] args = [];
            try
            {
                _environment = new MPI.Environment(ref args, MPI.Threading.Serialized);
            }
            catch (DllNotFoundException e)
            {
                throw new InvalidOperationException(
                    "keras.distribution.initialize: this process was launched by mpiexec, but no MPI library could be loaded. " +
                    "On Debian or Ubuntu, install MPICH: apt-get install mpich.", e);
            }
            rank = MPI.Communicator.world.Rank;
            size = MPI.Communicator.world.Size;
            AppDomain.CurrentDomain.ProcessExit += (_, _) => finish();
            // A rank that dies leaves the others waiting in a collective: end the whole job, naming the rank.
            AppDomain.CurrentDomain.UnhandledException += (_, e) => abort(e.ExceptionObject as Exception);
        }
    }

    private static readonly TimeSpan AbortGrace = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// Ends the whole job from this rank (<c>MPI_Abort</c>): Hydra stops every other rank, so none
    /// waits forever in a collective. The exception, with this rank's number, goes to standard error first.
    /// </summary>
    public static void abort(Exception? error)
    {
        Console.Error.WriteLine($"KerasPort: rank {rank} of {size} failed, ending the job on every rank: {error}");
        Console.Error.Flush();
        // Hydra's proxy forwards a rank's output asynchronously and drops what it has not read when
        // MPI_Abort tears the job down (the line was lost about once in ten runs on a busy machine):
        // give it a moment to pass the line on.
        Thread.Sleep(AbortGrace);
        MPI.Environment.Abort(1);
    }

    /// <summary>Adds <paramref name="values"/> element by element over every rank; every rank gets the sums.</summary>
    public static unsafe float[] sum(float[] values)
    {
        var result = new float[values.Length];
        // MPI's own MPI_SUM on MPI_FLOAT, called directly: no managed operator, no derived datatype.
        fixed (float* send = values, receive = result)
            check(MPI.Unsafe.MPI_Allreduce((IntPtr)send, (IntPtr)receive, values.Length, MPI.Unsafe.MPI_FLOAT, MPI.Unsafe.MPI_SUM, MPI.Unsafe.MPI_COMM_WORLD), "MPI_Allreduce");
        return result;
    }

    /// <summary>Adds <paramref name="values"/> element by element over every rank; every rank gets the sums.</summary>
    public static unsafe int[] sum(int[] values)
    {
        var result = new int[values.Length];
        fixed (int* send = values, receive = result)
            check(MPI.Unsafe.MPI_Allreduce((IntPtr)send, (IntPtr)receive, values.Length, MPI.Unsafe.MPI_INT, MPI.Unsafe.MPI_SUM, MPI.Unsafe.MPI_COMM_WORLD), "MPI_Allreduce");
        return result;
    }

    /// <summary>Whether <paramref name="value"/> holds on any rank.</summary>
    public static unsafe bool any(bool value)
    {
        int mine = value ? 1 : 0, result = 0;
        check(MPI.Unsafe.MPI_Allreduce((IntPtr)(&mine), (IntPtr)(&result), 1, MPI.Unsafe.MPI_INT, MPI.Unsafe.MPI_MAX, MPI.Unsafe.MPI_COMM_WORLD), "MPI_Allreduce");
        return result == 1;
    }

    /// <summary>Overwrites <paramref name="values"/> on every rank with rank <paramref name="root"/>'s (the lengths must agree).</summary>
    public static unsafe void broadcast<T>(T[] values, int root = 0) where T : unmanaged
    {
        fixed (T* buffer = values)
            check(MPI.Unsafe.MPI_Bcast((IntPtr)buffer, values.Length * sizeof(T), MPI.Unsafe.MPI_BYTE, root, MPI.Unsafe.MPI_COMM_WORLD), "MPI_Bcast");
    }

    /// <summary>Every rank's <paramref name="text"/>, by rank.</summary>
    public static string[] gather(string text)
    {
        var mine = Encoding.UTF8.GetBytes(text);
        var lengths = new int[size];
        lengths[rank] = mine.Length;
        lengths = sum(lengths);
        var result = new string[size];
        for (int r = 0; r < size; r++)
        {
            var bytes = r == rank ? mine : new byte[lengths[r]];
            broadcast(bytes, r);
            result[r] = Encoding.UTF8.GetString(bytes);
        }
        return result;
    }

    private static void check(int code, string call)
    {
        if (code != 0) throw new InvalidOperationException($"{call} failed on rank {rank} with MPI error code {code}.");
    }

    private static void finish()
    {
        lock (_lock)
        {
            _environment?.Dispose();
            _environment = null;
        }
    }

    // MPI.NET imports "msmpi.dll"; elsewhere than Windows, MPICH's library stands in for it.
    private static IntPtr resolve(string name, System.Reflection.Assembly assembly, DllImportSearchPath? path)
    {
        if (OperatingSystem.IsWindows() || !name.Contains("msmpi", StringComparison.OrdinalIgnoreCase)) return IntPtr.Zero;
        foreach (var candidate in new[] { "libmpich.so.12", "libmpi.so.12", "libmpich.so" })
            if (NativeLibrary.TryLoad(candidate, out var handle)) return handle;
        return IntPtr.Zero;
    }
}
