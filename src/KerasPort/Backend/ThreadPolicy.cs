using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace KerasPort.Backend
{

/// <summary>
/// How libtorch's CPU worker threads wait for work. libtorch runs its intra-op parallelism on
/// OpenMP, whose workers by default spin for a while (libgomp: about 3 ms) after each parallel
/// region before they sleep. Training a small model runs thousands of short regions a second, so
/// the workers never sleep: a second core is burnt, and when another process wants a core the
/// spinning threads and that process take turns by whole scheduler slices, which made epochs 10
/// to 40 times slower. KerasPort therefore asks OpenMP to wait passively
/// (<c>OMP_WAIT_POLICY=PASSIVE</c>): an idle worker sleeps at once and is woken for the next
/// region, which costs a few microseconds on an idle machine and keeps a busy one usable.
/// </summary>
/// <remarks>
/// OpenMP reads its settings once, when libtorch loads it, so the policy is applied when the
/// KerasPort library is first used (a module initializer). It cannot take effect in a process
/// that called TorchSharp before it touched KerasPort: there, set <c>OMP_WAIT_POLICY=PASSIVE</c>
/// in the environment that starts the program. The policy leaves OpenMP alone where the
/// environment already says how to wait (<c>OMP_WAIT_POLICY</c>, <c>GOMP_SPINCOUNT</c> or
/// <c>KMP_BLOCKTIME</c> is set), or where <c>KERASPORT_THREAD_POLICY=off</c> asks it to.
/// The number of threads is a separate setting: <see cref="keras.config.set_num_threads"/>.
/// </remarks>
public static partial class ThreadPolicy
{
    /// <summary>The environment variable that turns the policy off when set to <c>off</c>.</summary>
    public const string switch_variable = "KERASPORT_THREAD_POLICY";

    /// <summary>The OpenMP settings that, when any is present, mean the user chose a wait policy.</summary>
    private static readonly string[] UserWaitSettings = ["OMP_WAIT_POLICY", "GOMP_SPINCOUNT", "KMP_BLOCKTIME"];

    /// <summary>
    /// True when KerasPort set <c>OMP_WAIT_POLICY=PASSIVE</c> for this process; false when the
    /// environment chose its own wait policy, when <c>KERASPORT_THREAD_POLICY=off</c>, or when
    /// libtorch was already loaded (too late for OpenMP to see it).
    /// </summary>
    public static bool passive_wait { get; private set; }

    private static int _done;

    /// <summary>
    /// Applies the policy once per process (later calls return at once). It runs as a module
    /// initializer; another module initializer that loads libtorch (the native-library fix-up)
    /// calls it first, since the order of module initializers is up to the compiler.
    /// </summary>
    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "OpenMP reads its wait policy once, when libtorch loads; this must run before the first TorchSharp call.")]
    internal static void apply()
    {
        if (Interlocked.Exchange(ref _done, 1) == 1) return;
        if (!should_apply(get, libtorch_loaded)) return;
        set("OMP_WAIT_POLICY", "PASSIVE");
        passive_wait = true;
    }

    /// <summary>
    /// The policy's decision: apply unless it is switched off, the environment chose its own wait
    /// policy, or libtorch (and with it OpenMP) is already loaded.
    /// </summary>
    internal static bool should_apply(Func<string, string?> environment, Func<bool> libtorch_loaded)
        => !string.Equals(environment(switch_variable), "off", StringComparison.OrdinalIgnoreCase)
           && !UserWaitSettings.Any(name => environment(name) is not null)
           && !libtorch_loaded();

    /// <summary>The variable as the native runtime sees it (on Unix, .NET keeps its own copy of the environment).</summary>
    internal static string? get(string name)
        => OperatingSystem.IsWindows() ? Environment.GetEnvironmentVariable(name) : Marshal.PtrToStringUTF8(getenv(name));

    private static void set(string name, string value)
    {
        // On Windows the process environment block is the one the OpenMP runtime reads.
        if (!OperatingSystem.IsWindows() && setenv(name, value, 1) != 0)
            throw new InvalidOperationException($"setenv({name}) failed with errno {Marshal.GetLastPInvokeError()}.");
        Environment.SetEnvironmentVariable(name, value);
    }

    /// <summary>Whether libtorch's CPU library is already mapped into the process (Linux only; elsewhere assume not).</summary>
    private static bool libtorch_loaded()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try { return File.ReadAllText("/proc/self/maps").Contains("libtorch_cpu", StringComparison.Ordinal); }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint getenv(string name);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int setenv(string name, string value, int overwrite);
}
}

namespace KerasPort
{
public static partial class keras
{
    /// <summary>Process-wide settings (Keras's <c>keras.config</c>).</summary>
    public static partial class config
    {
        /// <summary>
        /// The number of threads libtorch uses inside one operation (intra-op threads) now. This is
        /// not a Keras setting: KerasPort adds it because the engine is libtorch. Unless set with
        /// <see cref="set_num_threads"/>, it is libtorch's default (the number of physical cores),
        /// and <c>fit</c>, <c>evaluate</c> and <c>predict</c> run a small model on one thread
        /// (<see cref="KerasPort.Backend.IntraOpThreads"/>).
        /// </summary>
        public static int num_threads() => TorchSharp.torch.get_num_threads();

        /// <summary>
        /// Sets the number of threads libtorch uses inside one operation (intra-op threads) for the
        /// whole process, and keeps it: <c>fit</c>, <c>evaluate</c> and <c>predict</c> no longer
        /// choose by the model's size. Without this call (or <c>OMP_NUM_THREADS</c> in the
        /// environment), they run a model whose batch costs fewer than about ten million
        /// multiply-adds on one thread, where waking a second thread for each small operation costs
        /// more than it saves, and larger ones (convolutions on images) on every core. Idle workers
        /// sleep rather than spin (<see cref="KerasPort.Backend.ThreadPolicy"/>), so more threads than
        /// free cores cost little CPU, but each operation still waits for its slowest thread.
        /// </summary>
        /// <param name="num_threads">A positive number of threads, or null to return to the
        /// automatic choice with libtorch's own count.</param>
        public static void set_num_threads(int? num_threads)
        {
            if (num_threads < 1)
                throw new ArgumentException(
                    $"Invalid value received for argument num_threads. Expected a positive integer or null. Received: num_threads={num_threads}",
                    nameof(num_threads));
            var threads = KerasPort.Backend.IntraOpThreads.libtorch_count ??= TorchSharp.torch.get_num_threads();
            KerasPort.Backend.IntraOpThreads.user_count = num_threads;
            TorchSharp.torch.set_num_threads(num_threads ?? threads);
        }
    }
}
}
