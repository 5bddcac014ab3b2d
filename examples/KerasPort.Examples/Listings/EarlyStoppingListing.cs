using KerasPort.Callbacks;
using KerasPort.Models;
using TorchSharp;

namespace KerasPort.Examples.Listings;

/// <summary>Listing 5: EarlyStopping with every parameter the article shows, then the article's fit.</summary>
public static class EarlyStoppingListing
{
    public static (History history, EarlyStopping early_stopping) Run(Sequential model, torch.Tensor X_train, torch.Tensor y_train, int epochs = 100, int verbose = 2)
    {
        var early_stopping = new EarlyStopping(
            monitor: "loss",
            min_delta: 0,
            patience: 2,
            verbose: 1,
            mode: "auto",
            baseline: null,
            restore_best_weights: true,
            start_from_epoch: 0);

        History history = model.fit(X_train, y_train, epochs: epochs, validation_split: 0.20,
                                    batch_size: 50, verbose: verbose, callbacks: [early_stopping]);
        return (history, early_stopping);
    }
}
