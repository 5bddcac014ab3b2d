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
}
