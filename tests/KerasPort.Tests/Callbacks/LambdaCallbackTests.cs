using KerasPort.Callbacks;

namespace KerasPort.Tests.Callbacks;

public class LambdaCallbackTests
{
    [Test]
    public void Calls_each_given_delegate_with_Kerass_arguments()
    {
        var calls = new List<string>();
        var logs = new Dictionary<string, double> { ["loss"] = 0.5 };
        var cb = new LambdaCallback(
            on_epoch_begin: (epoch, l) => calls.Add($"epoch_begin {epoch}"),
            on_epoch_end: (epoch, l) => calls.Add($"epoch_end {epoch} {l!["loss"]}"),
            on_train_begin: l => calls.Add("train_begin"),
            on_train_end: l => calls.Add("train_end"),
            on_train_batch_begin: (batch, l) => calls.Add($"batch_begin {batch}"),
            on_train_batch_end: (batch, l) => calls.Add($"batch_end {batch}"));
        var list = new CallbackList([cb], new TestModel(torch.zeros(1)));
        list.on_train_begin();
        list.on_epoch_begin(0);
        list.on_train_batch_begin(0);
        list.on_train_batch_end(0, logs);
        list.on_epoch_end(0, logs);
        list.on_train_end();
        Assert.That(calls, Is.EqualTo(new[] { "train_begin", "epoch_begin 0", "batch_begin 0", "batch_end 0", "epoch_end 0 0.5", "train_end" }));
    }

    [Test]
    public void Hooks_not_given_do_nothing()
    {
        int ends = 0;
        var cb = new LambdaCallback(on_epoch_end: (epoch, logs) => ends++);
        cb.on_train_begin();
        cb.on_epoch_begin(0);
        cb.on_train_batch_end(0);
        cb.on_train_end();
        Assert.That(ends, Is.Zero);
        cb.on_epoch_end(0);
        Assert.That(ends, Is.EqualTo(1));
    }
}
