using static TorchSharp.torch;

namespace KerasPort.Backend;

/// <summary>
/// libtorch's intra-op threads for one loop of <c>fit</c>, <c>evaluate</c> or <c>predict</c>,
/// chosen by the size of the work. Idle OpenMP workers spin briefly, then sleep
/// (<see cref="ThreadPolicy"/>), and handing them work costs microseconds per operation: a small
/// model, whose operations take microseconds, runs faster on one thread than on several, and a
/// model whose operations are large (convolutions on images) gains from every core. The loop
/// therefore runs on one thread when a batch's forward pass costs fewer than
/// <see cref="parallel_multiply_adds"/> multiply-adds, and on the process's count otherwise; the
/// count in force before the loop is restored after it.
/// A count the user chose (<c>keras.config.set_num_threads</c>, or <c>OMP_NUM_THREADS</c> in the
/// environment) is never changed.
/// </summary>
internal sealed class IntraOpThreads : IDisposable
{
    /// <summary>
    /// The multiply-adds of a batch's forward pass from which a loop keeps several threads. The
    /// article's Dense 60-30-1 in batches of 50 (0.27 million) and the digits CNN in batches of 32
    /// (0.84 million) run faster on one thread; the MNIST-sized CNN in batches of 32 (107 million)
    /// is 1.5 to 1.7 times faster on two (benchmarks/README.md, <c>threads</c>).
    /// </summary>
    internal const double parallel_multiply_adds = 10e6;

    /// <summary>The count set with <c>keras.config.set_num_threads</c>; null while KerasPort chooses.</summary>
    internal static int? user_count { get; set; }

    /// <summary>The count libtorch had before the user's first choice, for <c>set_num_threads(null)</c>.</summary>
    internal static int? libtorch_count { get; set; }

    private static readonly bool environment_count = ThreadPolicy.get("OMP_NUM_THREADS") is not null;

    private int _restore;

    /// <summary>Whether the loop's count is chosen (at its first step on a built model).</summary>
    public bool chosen { get; private set; }

    /// <summary>Whether KerasPort chooses the count: the user set none.</summary>
    internal static bool automatic => user_count is null && !environment_count;

    /// <summary>
    /// Chooses the count for the rest of the loop from the multiply-adds of one batch's forward
    /// pass: one thread below <see cref="parallel_multiply_adds"/>, else the count in force.
    /// </summary>
    public void choose(double multiply_adds)
    {
        if (chosen) return;
        chosen = true;
        if (!automatic || multiply_adds >= parallel_multiply_adds) return;
        int current = get_num_threads();
        if (current == 1) return;
        set_num_threads(1);
        _restore = current;
    }

    /// <summary>Restores the count in force before the loop, unless the user set one meanwhile (a callback).</summary>
    public void Dispose()
    {
        if (_restore == 0) return;
        if (automatic) set_num_threads(_restore);
        _restore = 0;
    }
}
