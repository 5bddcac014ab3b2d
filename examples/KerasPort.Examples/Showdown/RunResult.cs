using KerasPort.Callbacks;
using KerasPort.Models;
using TorchSharp;

namespace KerasPort.Examples.Showdown;

/// <summary>What one training run of the showdown measured.</summary>
public sealed record RunResult(
    string variant,
    long seed,
    double train_accuracy,
    double val_accuracy,
    int epochs_run,
    IReadOnlyList<double> loss,
    IReadOnlyList<double> val_loss)
{
    public double gap => train_accuracy - val_accuracy;

    /// <summary>Evaluates a trained model on its training and validation rows and keeps its curves.</summary>
    public static RunResult Measure(string variant, long seed, Model model, History history,
        (torch.Tensor x, torch.Tensor y) train, (torch.Tensor x, torch.Tensor y) validation) =>
        new(variant, seed,
            train_accuracy: model.evaluate(train.x, train.y, verbose: 0)[1],
            val_accuracy: model.evaluate(validation.x, validation.y, verbose: 0)[1],
            epochs_run: history.epoch.Count,
            loss: history.history["loss"],
            val_loss: history.history["val_loss"]);
}
