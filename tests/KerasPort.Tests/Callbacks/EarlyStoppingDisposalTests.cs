using KerasPort.Callbacks;

namespace KerasPort.Tests.Callbacks;

/// <summary>Issue 11, item 10: EarlyStopping releases the weight copies it replaces, instead of leaving them to the finalizer.</summary>
public sealed class EarlyStoppingDisposalTests
{
    [Test]
    public void Replaced_best_weights_are_disposed_and_the_kept_ones_restored()
    {
        var model = new TestModel(torch.zeros(3));
        var callback = new EarlyStopping(monitor: "loss", patience: 5, restore_best_weights: true);
        callback.set_model(model);
        callback.on_train_begin();
        callback.on_epoch_end(0, new Dictionary<string, double> { ["loss"] = 1.0 });
        var first = callback.best_weights!;
        model.variables[0] = torch.ones(3);
        callback.on_epoch_end(1, new Dictionary<string, double> { ["loss"] = 0.5 });
        var second = callback.best_weights!;
        Assert.That(first.All(w => w.IsInvalid), Is.True, "the copy of epoch 1 is released when epoch 2 beats it");
        Assert.That(second.All(w => !w.IsInvalid), Is.True);

        callback.on_epoch_end(2, new Dictionary<string, double> { ["loss"] = 0.9 });
        Assert.That(callback.best_weights, Is.SameAs(second), "a worse epoch keeps the best copy");
        callback.on_train_end();
        Assert.That(model.variables[0].eq(1).all().item<bool>(), Is.True, "restored from the kept copy");

        callback.on_train_begin();
        Assert.That(second.All(w => w.IsInvalid), Is.True, "a new fit releases the previous fit's copy");
        Assert.That(callback.best_weights, Is.Null);
    }
}
