namespace KerasPort.Preprocessing.Image;

/// <summary>
/// The threads that compute the images of augmentation batches: one long-lived thread per core,
/// taking work from one queue in the order the batches were started. A batch prepared ahead is
/// queued behind the one being computed, so a worker that finishes its last image of one batch
/// goes straight on to the next, and a worker sleeps only when the queue is empty. Parallel.For
/// per batch (the earlier way) forks and joins on every batch: about 25 thread switches a batch,
/// which on 64x64 images cost a third of the CPU time that a second core added.
/// </summary>
internal sealed class RenderWorkers
{
    /// <summary>The workers of the process, one per core it may run on.</summary>
    public static RenderWorkers shared { get; } = new(Environment.ProcessorCount);

    private readonly object _lock = new();
    private readonly Queue<(Job job, int index)> _queue = new();
    private readonly int _threads;
    private int _started;
    private int _sleeping;

    private RenderWorkers(int threads) => _threads = Math.Max(1, threads);

    /// <summary>
    /// Runs <paramref name="body"/> for 0 to <paramref name="count"/> − 1 on the workers, each
    /// writing its part of <paramref name="batch"/>. The task gives the batch once every call has
    /// returned, or fails with the first exception any of them threw (the batch is then disposed).
    /// </summary>
    public Task<TorchSharp.torch.Tensor> run(int count, Action<int> body, TorchSharp.torch.Tensor batch)
    {
        if (count == 0) return Task.FromResult(batch);
        var job = new Job(count, body, batch);
        lock (_lock)
        {
            start_threads();
            for (int i = 0; i < count; i++) _queue.Enqueue((job, i));
            // A sleeper for one item; all of them for more (a running worker finds the rest itself).
            if (_sleeping > 0)
            {
                if (count == 1) Monitor.Pulse(_lock);
                else Monitor.PulseAll(_lock);
            }
        }
        return job.done.Task;
    }

    private void start_threads()
    {
        for (; _started < _threads; _started++)
            new Thread(work) { IsBackground = true, Name = "KerasPort image render" }.Start();
    }

    private void work()
    {
        while (true)
        {
            (Job job, int index) item;
            lock (_lock)
            {
                while (_queue.Count == 0)
                {
                    _sleeping++;
                    Monitor.Wait(_lock);
                    _sleeping--;
                }
                item = _queue.Dequeue();
            }
            item.job.run(item.index);
        }
    }

    private sealed class Job(int count, Action<int> body, TorchSharp.torch.Tensor batch)
    {
        private int _left = count;
        private Exception? _error;

        // Continuations (a dropped batch's disposal) run elsewhere, never inside a worker's loop.
        public readonly TaskCompletionSource<TorchSharp.torch.Tensor> done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void run(int index)
        {
            try
            {
                if (Volatile.Read(ref _error) is null) body(index);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _error, e, null);
            }
            if (Interlocked.Decrement(ref _left) > 0) return;
            if (_error is { } error)
            {
                batch.Dispose();
                done.SetException(error);
            }
            else done.SetResult(batch);
        }
    }
}
