using KerasPort.Preprocessing.Image;

namespace KerasPort.Tests.Preprocessing.Image;

/// <summary>
/// Keeps every render worker busy with a part that waits until disposed, so that a test can see
/// what the waiting caller computes by itself.
/// </summary>
internal sealed class HeldWorkers : IDisposable
{
    private readonly ManualResetEventSlim _release = new();
    private readonly Task<Tensor> _held;

    public HeldWorkers()
    {
        var workers = RenderWorkers.shared;
        using var started = new CountdownEvent(workers.threads);
        _held = workers.run(workers.threads, _ =>
        {
            started.Signal();
            _release.Wait();
        }, torch.zeros(workers.threads));
        if (!started.Wait(TimeSpan.FromSeconds(30)))
            throw new TimeoutException("the render workers did not all take a part");
    }

    public void Dispose()
    {
        _release.Set();
        RenderWorkers.shared.wait(_held).Dispose();
        _release.Dispose();
    }
}
