using KerasPort.Preprocessing.Image;

namespace KerasPort.Tests.Preprocessing.Image;

public class RenderWorkersTests
{
    [Test]
    public void Every_part_runs_once_and_the_task_gives_the_batch()
    {
        var batch = torch.zeros(64);
        var task = RenderWorkers.shared.run(64, i => batch[i].fill_(i + 1), batch);
        Assert.That(task.GetAwaiter().GetResult(), Is.SameAs(batch));
        Assert.That(batch.data<float>().ToArray(), Is.EqualTo(Enumerable.Range(1, 64).Select(i => (float)i)));
        batch.Dispose();
    }

    [Test]
    public void A_failing_part_fails_the_task_with_its_exception_and_frees_the_batch()
    {
        var batch = torch.zeros(16);
        var task = RenderWorkers.shared.run(16, i =>
        {
            if (i == 5) throw new InvalidDataException("image 5");
        }, batch);
        var error = Assert.Throws<InvalidDataException>(() => task.GetAwaiter().GetResult());
        Assert.That(error!.Message, Is.EqualTo("image 5"));
        Assert.That(batch.IsInvalid, Is.True, "the batch is disposed");
        // The workers go on: the next batch is computed.
        using var next = torch.zeros(4);
        Assert.That(RenderWorkers.shared.run(4, i => next[i].fill_(1), next).GetAwaiter().GetResult().sum().item<float>(), Is.EqualTo(4f));
    }

    [Test]
    public void The_waiting_caller_computes_its_own_batch_while_the_workers_are_busy()
    {
        var workers = RenderWorkers.shared;
        using var held = new HeldWorkers();
        var batch = torch.zeros(8);
        var ran_on = new int[8];
        var task = workers.run(8, i =>
        {
            ran_on[i] = Environment.CurrentManagedThreadId;
            batch[i].fill_(i + 1);
        }, batch);
        // On a thread of its own, so that a caller that only waited fails the test instead of hanging it.
        var caller = Task.Run(() => (batch: workers.wait(task), thread: Environment.CurrentManagedThreadId));
        Assert.That(caller.Wait(TimeSpan.FromSeconds(30)), Is.True, "no worker was free: the caller did every part");
        Assert.That(caller.Result.batch, Is.SameAs(batch));
        Assert.That(ran_on, Is.All.EqualTo(caller.Result.thread));
        Assert.That(batch.data<float>().ToArray(), Is.EqualTo(Enumerable.Range(1, 8).Select(i => (float)i)));
        batch.Dispose();

        // A part that fails on the caller fails the batch as on a worker.
        var failing = torch.zeros(3);
        var failed = Task.Run(() => workers.wait(workers.run(3, i =>
        {
            if (i == 1) throw new InvalidDataException("image 1");
        }, failing)));
        Assert.That(() => failed.Wait(TimeSpan.FromSeconds(30)),
                    Throws.InstanceOf<AggregateException>().With.InnerException.InstanceOf<InvalidDataException>().And.InnerException.Message.EqualTo("image 1"));
        Assert.That(failing.IsInvalid, Is.True, "the batch is disposed");
    }
}
