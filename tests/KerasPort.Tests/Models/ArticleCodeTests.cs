using KerasPort.Callbacks;
using KerasPort.Examples.Listings;
using KerasPort.Models;
using KerasPort.Optimizers;

namespace KerasPort.Tests.Models;

/// <summary>The article's model code from DESIGN.md (the examples' ArticleModels), as written, runs and trains.</summary>
[NonParallelizable]
public sealed class ArticleCodeTests
{
    [Test]
    public void Article_listing_compiles_runs_and_lowers_the_loss()
    {
        torch.manual_seed(3);
        var g = new torch.Generator(4);
        var X_train = torch.randn([300, 60], generator: g);
        var y_train = X_train.narrow(1, 0, 5).sum(1, keepdim: true).gt(0).to_type(torch.ScalarType.Float32);

        var adam = new Adam();
        var model = ArticleModels.create_model();   // DESIGN.md's create_model, line for line
        model.compile(loss: "binary_crossentropy", optimizer: adam, metrics: ["accuracy"]);
        string? text = null;
        model.summary(line_length: 76, print_fn: s => text = s);
        Assert.That(text, Does.Contain(" Total params: 5,521 (21.57 KB)"));

        var early_stopping = new EarlyStopping(monitor: "loss", patience: 2);
        History history = model.fit(X_train, y_train, epochs: 8, validation_split: 0.20,
                                    batch_size: 50, verbose: 0, callbacks: [early_stopping]);
        var loss = history.history["loss"];
        Assert.That(history.history.Keys, Is.EqualTo(new[] { "accuracy", "loss", "val_accuracy", "val_loss" }));
        Assert.That(loss[^1], Is.LessThan(loss[0]));
        Assert.That(history.history["val_loss"], Has.Count.EqualTo(loss.Count));
    }
}
