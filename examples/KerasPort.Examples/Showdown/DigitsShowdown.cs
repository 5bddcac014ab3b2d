using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Optimizers;
using KerasPort.Preprocessing.Image;
using TorchSharp;

namespace KerasPort.Examples.Showdown;

/// <summary>
/// Data augmentation, measured: a small CNN on a few hundred 8x8 digits, trained on the plain
/// images, on ImageDataGenerator's augmented stream, and with Keras 3's augmentation layers
/// (RandomRotation, RandomZoom, RandomTranslation) inside the model, validated on unseen digits.
/// </summary>
public static class DigitsShowdown
{
    private static readonly string[] Variants = ["plain", "augmented", "augmentation_layers"];

    public static List<RunResult> Run(torch.Tensor x, torch.Tensor y, IReadOnlyList<long> seeds, int epochs, int n_train = 300, int n_val = 600, Action<string>? progress = null)
    {
        var scaled = x / 16.0f;
        var (x_train, y_train) = (scaled[..n_train], y[..n_train]);
        var (x_val, y_val) = (scaled[n_train..(n_train + n_val)], y[n_train..(n_train + n_val)]);

        var results = new List<RunResult>();
        int run = 0;
        foreach (string variant in Variants)
        {
            bool augment = variant == "augmented";
            foreach (long seed in seeds)
            {
                progress?.Invoke($"[{++run}/{Variants.Length * seeds.Count}] digits {variant}, seed {seed}");
                keras.utils.set_random_seed(seed);
                var model = Build(augmentation_layers: variant == "augmentation_layers");
                model.compile(loss: "sparse_categorical_crossentropy", optimizer: new Adam(), metrics: ["accuracy"]);

                var history = augment
                    ? model.fit(new ImageDataGenerator(rotation_range: 12, width_shift_range: 0.1, height_shift_range: 0.1,
                                                       zoom_range: 0.1, fill_mode: "constant")
                                    .flow(x_train, y_train, batch_size: 32, seed: seed),
                                epochs: epochs, validation_data: (x_val, y_val), verbose: 0)
                    : model.fit(x_train, y_train, batch_size: 32, epochs: epochs, validation_data: (x_val, y_val), verbose: 0);

                results.Add(RunResult.Measure(variant, seed, model, history, (x_train, y_train), (x_val, y_val)));
            }
        }
        return results;
    }

    internal static Sequential Build(bool augmentation_layers)
    {
        var model = new Sequential();
        if (augmentation_layers)
        {
            // The same augmentation as the generator's (12 degrees, 10% shifts and zoom), inside the model:
            // active in fit, the identity in evaluate and predict.
            model.add(new RandomRotation(12.0 / 360, fill_mode: "constant", input_shape: [8, 8, 1]));
            model.add(new RandomZoom(0.1, fill_mode: "constant"));
            model.add(new RandomTranslation(0.1, 0.1, fill_mode: "constant"));
        }
        model.add(new Conv2D(16, kernel_size: 3, activation: "relu", padding: "same", input_shape: [8, 8, 1]));
        model.add(new MaxPooling2D(pool_size: 2));
        model.add(new Flatten());
        model.add(new Dense(64, activation: "relu"));
        model.add(new Dense(10, activation: "softmax"));
        return model;
    }
}
