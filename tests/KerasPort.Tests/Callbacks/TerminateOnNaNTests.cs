using KerasPort.Callbacks;

namespace KerasPort.Tests.Callbacks;

public class TerminateOnNaNTests
{
    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(double.NegativeInfinity)]
    public void Stops_training_on_an_invalid_loss(double loss)
    {
        var model = new TestModel(torch.zeros(1));
        var output = new StringWriter();
        var cb = new TerminateOnNaN { stdout = output };
        cb.set_model(model);
        cb.on_train_batch_end(0, new Dictionary<string, double> { ["loss"] = 0.7 });
        Assert.That(model.stop_training, Is.False);
        cb.on_train_batch_end(3, new Dictionary<string, double> { ["loss"] = loss });
        Assert.That(model.stop_training, Is.True);
        Assert.That(output.ToString(), Is.EqualTo("Batch 3: Invalid loss, terminating training\n"));
    }

    [Test]
    public void Ignores_logs_without_a_loss()
    {
        var model = new TestModel(torch.zeros(1));
        var cb = new TerminateOnNaN();
        cb.set_model(model);
        cb.on_train_batch_end(0, new Dictionary<string, double> { ["accuracy"] = double.NaN });
        cb.on_train_batch_end(1, null);
        Assert.That(model.stop_training, Is.False);
    }

    [Test]
    public void Can_raise_at_once()
    {
        var cb = new TerminateOnNaN(raise_error: true);
        cb.set_model(new TestModel(torch.zeros(1)));
        var e = Assert.Throws<InvalidOperationException>(() => cb.on_train_batch_end(2, new Dictionary<string, double> { ["loss"] = double.NaN }));
        Assert.That(e!.Message, Is.EqualTo("NaN or Inf loss encountered at batch 2. Loss value: nan. Terminating training immediately."));
    }
}
