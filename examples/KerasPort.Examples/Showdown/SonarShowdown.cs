using KerasPort.Callbacks;
using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Optimizers;
using TorchSharp;

namespace KerasPort.Examples.Showdown;

/// <summary>
/// The article's claim, measured: the same Sonar network as a baseline, with Dropout, with L1/L2,
/// with EarlyStopping (restore_best_weights) and with all three, over several seeds.
/// </summary>
public static class SonarShowdown
{
    public static readonly string[] Variants = ["baseline", "dropout", "l1_l2", "early_stopping", "all_three"];

    public static List<RunResult> Run(torch.Tensor x, torch.Tensor y, IReadOnlyList<long> seeds, int epochs, Action<string>? progress = null)
    {
        const double validation_split = 0.25;
        // Keras's split: the last rows are the validation rows.
        int n_train = (int)Math.Floor(x.shape[0] * (1.0 - validation_split));
        var (x_train, y_train) = (x[..n_train], y[..n_train]);
        var (x_val, y_val) = (x[n_train..], y[n_train..]);

        var results = new List<RunResult>();
        int run = 0;
        foreach (string variant in Variants)
        {
            foreach (long seed in seeds)
            {
                progress?.Invoke($"[{++run}/{Variants.Length * seeds.Count}] sonar {variant}, seed {seed}");
                keras.utils.set_random_seed(seed);
                bool dropout = variant is "dropout" or "all_three";
                bool regularize = variant is "l1_l2" or "all_three";
                bool stop_early = variant is "early_stopping" or "all_three";

                var model = Build(dropout, regularize);
                model.compile(loss: "binary_crossentropy", optimizer: new Adam(), metrics: ["accuracy"]);
                var callbacks = new List<Callback>();
                if (stop_early)
                    callbacks.Add(new EarlyStopping(monitor: "val_loss", patience: 20, restore_best_weights: true));
                var history = model.fit(x, y, epochs: epochs, batch_size: 16, validation_split: validation_split,
                                        verbose: 0, callbacks: callbacks);

                results.Add(RunResult.Measure(variant, seed, model, history, (x_train, y_train), (x_val, y_val)));
            }
        }
        return results;
    }

    private static Sequential Build(bool dropout, bool regularize)
    {
        var model = new Sequential();
        model.add(new Dense(60, input_shape: [60], activation: "relu",
                            kernel_regularizer: regularize ? keras.regularizers.l1(0.001) : null));
        if (dropout) model.add(new Dropout(0.2));
        model.add(new Dense(30, activation: "relu",
                            kernel_regularizer: regularize ? keras.regularizers.l2(0.001) : null));
        if (dropout) model.add(new Dropout(0.2));
        model.add(new Dense(1, activation: "sigmoid"));
        return model;
    }
}
