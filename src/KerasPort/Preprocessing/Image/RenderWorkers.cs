namespace KerasPort.Preprocessing.Image;

/// <summary>
/// The threads that compute the images of augmentation batches: one long-lived thread per core but
/// one, taking work from one queue in the order the batches were started, and the thread that waits
/// for a batch (<see cref="wait"/>), which computes that batch's images too. A batch prepared ahead
/// is queued behind the one being computed, so a worker that finishes its last image of one batch
/// goes straight on to the next, and a worker sleeps only when the queue is empty. Parallel.For per
/// batch (the earlier way) forked and joined on every batch: about 25 thread switches a batch, which
/// on 64x64 images cost a third of the CPU time that a second core added. A worker on every core
/// (the way after that) left the waiting caller without a core when its batch was done: it ran only
/// once a worker had emptied the queue and slept, so every batch ended in an idle gap on one core
/// (64x64 on 2 cores: one sleep a batch, 10% of the workers' time idle).
/// </summary>
internal sealed class RenderWorkers
{
    /// <summary>The workers of the process: one per core it may run on but one, the waiting caller's.</summary>
    public static RenderWorkers shared { get; } = new(Environment.ProcessorCount - 1);

    private readonly object _lock = new();
    private readonly Queue<(Job job, int index)> _queue = new();
    private int _started;
    private int _sleeping;

    private RenderWorkers(int threads) => this.threads = Math.Max(1, threads);

    /// <summary>Worker threads (besides the waiting caller): at least one, so that batches are prepared ahead.</summary>
    internal int threads { get; }

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

    /// <summary>
    /// The batch of a task that <see cref="run"/> gave, once done. Until then the calling thread
    /// computes the batch's parts itself while they are first in the queue (behind an older batch's
    /// parts it waits; the workers reach them).
    /// </summary>
    public TorchSharp.torch.Tensor wait(Task<TorchSharp.torch.Tensor> batch)
    {
        while (!batch.IsCompleted)
        {
            (Job job, int index) item;
            lock (_lock)
            {
                if (_queue.Count == 0 || _queue.Peek().job.done.Task != batch) break;
                item = _queue.Dequeue();
            }
            item.job.run(item.index);
        }
        return batch.GetAwaiter().GetResult();
    }

    private void start_threads()
    {
        for (; _started < threads; _started++)
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
