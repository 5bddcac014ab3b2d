using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace KerasPort.Backend
{

/// <summary>
/// How libtorch's CPU worker threads wait for work. libtorch runs its intra-op parallelism on
/// OpenMP, whose workers by default spin for a while (libgomp: 300,000 rounds, milliseconds)
/// after each parallel region before they sleep. Training a small model runs thousands of short
/// regions a second, so the workers never sleep: a second core is burnt, and when another process
/// wants a core the spinning threads and that process take turns by whole scheduler slices, which
/// made epochs 10 to 40 times slower. A worker that sleeps at once (<c>OMP_WAIT_POLICY=PASSIVE</c>)
/// keeps a busy machine usable, but waking it costs tens of microseconds on a virtual machine at
/// every region, which cost a convolutional network a third of its speed. KerasPort therefore
/// bounds the spin: on Linux, where libtorch's OpenMP is libgomp, <c>GOMP_SPINCOUNT</c> is set to
/// <see cref="spin_count"/> (tens of microseconds, enough to meet the next region of the same
/// step, too short to hold a core that another process wants); elsewhere
/// <c>OMP_WAIT_POLICY=PASSIVE</c>.
/// </summary>
/// <remarks>
/// OpenMP reads its settings once, when libtorch loads it, so the policy is applied when the
/// KerasPort library is first used (a module initializer). It cannot take effect in a process
/// that called TorchSharp before it touched KerasPort: there, set <c>GOMP_SPINCOUNT</c> (or
/// <c>OMP_WAIT_POLICY=PASSIVE</c>) in the environment that starts the program. The policy leaves
/// OpenMP alone where the environment already says how to wait (<c>OMP_WAIT_POLICY</c>,
/// <c>GOMP_SPINCOUNT</c> or <c>KMP_BLOCKTIME</c> is set), or where
/// <c>KERASPORT_THREAD_POLICY=off</c> asks it to.
/// The number of threads is a separate setting: <see cref="keras.config.set_num_threads"/>.
/// </remarks>
public static partial class ThreadPolicy
{
    /// <summary>The environment variable that turns the policy off when set to <c>off</c>.</summary>
    public const string switch_variable = "KERASPORT_THREAD_POLICY";

    /// <summary>The OpenMP settings that, when any is present, mean the user chose a wait policy.</summary>
    private static readonly string[] UserWaitSettings = ["OMP_WAIT_POLICY", "GOMP_SPINCOUNT", "KMP_BLOCKTIME"];

    /// <summary>
    /// libgomp's spin rounds before an idle worker sleeps, under the policy (libgomp's own default
    /// is 300,000). Measured on 2 cores (benchmarks/README.md, <c>threads</c>, median epochs): an
    /// MNIST-sized CNN on two threads took 1.53 s idle and 2.80 s with a competing busy process,
    /// against 1.89 s and 3.13 s waiting passively and 2.05 s and 6.20 s with libgomp's default;
    /// models that run on one thread do not spin at all.
    /// </summary>
    public const int spin_count = 3000;

    /// <summary>
    /// True when KerasPort chose how OpenMP's workers wait for this process (<see cref="spin_count"/>
    /// or passive); false when the environment chose its own wait policy, when
    /// <c>KERASPORT_THREAD_POLICY=off</c>, or when libtorch was already loaded (too late for OpenMP
    /// to see it).
    /// </summary>
    public static bool applied { get; private set; }

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
        if (OperatingSystem.IsLinux()) set("GOMP_SPINCOUNT", spin_count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        else set("OMP_WAIT_POLICY", "PASSIVE");
        applied = true;
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
