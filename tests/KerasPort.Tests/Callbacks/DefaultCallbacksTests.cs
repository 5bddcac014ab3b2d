using KerasPort.Callbacks;
using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Optimizers;

namespace KerasPort.Tests.Callbacks;

/// <summary>
/// Issue 11 item 10: as Keras's CallbackList, fit adds its own History and ProgbarLogger only
/// where the user passed none; a user's ProgbarLogger prints once, a user's History is the one
/// fit fills and returns.
/// </summary>
public class DefaultCallbacksTests
{
    private static Sequential model()
    {
        var m = new Sequential([new Dense(1, input_shape: [2], activation: "sigmoid")]);
        m.compile(optimizer: new SGD(0.1), loss: "binary_crossentropy");
        return m;
    }

    [Test]
    public void AUsersProgbarLoggerPrintsOnce()
    {
        // Both a user's logger and one fit would add print to the console: capture it.
        var output = new StringWriter();
        var console = Console.Out;
        Console.SetOut(output);
        try
        {
            model().fit(torch.ones(8, 2), torch.ones(8, 1), batch_size: 4, epochs: 2, verbose: 2, callbacks: [new ProgbarLogger()]);
        }
        finally
        {
            Console.SetOut(console);
        }
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines.Count(l => l.StartsWith("Epoch 1/2")), Is.EqualTo(1));
        Assert.That(lines.Count(l => l.StartsWith("Epoch 2/2")), Is.EqualTo(1));
    }

    [Test]
    public void AUsersHistoryIsTheOneFitReturns()
    {
        var mine = new History();
        var m = model();
        var returned = m.fit(torch.ones(8, 2), torch.ones(8, 1), batch_size: 4, epochs: 3, verbose: 0, callbacks: [mine]);
        Assert.That(returned, Is.SameAs(mine));
        Assert.That(m.history, Is.SameAs(mine));
        Assert.That(mine.history["loss"], Has.Count.EqualTo(3), "filled once per epoch, not twice");
        Assert.That(mine.epoch, Is.EqualTo(new[] { 0, 1, 2 }));
    }

    [Test]
    public void WithoutUserCallbacksFitAddsItsOwn()
    {
        var m = model();
        var history = m.fit(torch.ones(8, 2), torch.ones(8, 1), batch_size: 4, epochs: 2, verbose: 0);
        Assert.That(history.history["loss"], Has.Count.EqualTo(2));
        var again = m.fit(torch.ones(8, 2), torch.ones(8, 1), batch_size: 4, epochs: 1, verbose: 0);
        Assert.That(again, Is.Not.SameAs(history), "a new History per fit");
    }
}
