using KerasPort.Layers;
using KerasPort.Metrics;
using KerasPort.Models;
using KerasPort.Optimizers;
using KerasPort.Tests.Layers;
using KerasPort.Utils;

namespace KerasPort.Tests.Saving;

/// <summary>
/// The models KerasPort writes for Keras to read (tools/check_keras_loads.py): a Sequential CNN, a
/// Functional residual network, a two-input model, a Functional model holding a Functional and a
/// Sequential model, a Sequential with a nested augmentation Sequential, a compiled two-output
/// model, and a Sequential with an adapted Normalization, the 1D reshaping layers and regression metrics, each trained one epoch (so the optimizer has state) and saved with <c>model.save</c>,
/// with <c>NAME.npz</c> beside it (the probe inputs <c>probe_i</c>, the predictions
/// <c>predict_i</c>, the weights <c>w_i</c>, the optimizer's variables <c>o_i</c> and its
/// <c>iterations</c>). Here each file
/// loads back in KerasPort to the same predictions, weights and optimizer state; with the
/// environment variable <c>KERASPORT_SAVED_MODELS_DIR</c> set, the files are also left in that
/// folder for the Keras check (tools/README.md).
/// </summary>
[NonParallelizable]
public sealed class KerasPortWrittenModelsTests : TempDirectoryTest
{
    public const string ExportVariable = "KERASPORT_SAVED_MODELS_DIR";

    private static readonly string[] Names = ["sequential_cnn", "functional_residual", "two_inputs", "nested_models", "augmented", "compiled_two_outputs", "normalized_sequence"];

    private static (Model model, Tensor[] x, Tensor[] y) Make(string name)
    {
        keras.utils.set_random_seed(11);
        switch (name)
        {
            case "sequential_cnn":
            {
                var model = new Sequential([
                    keras.Input(shape: [10, 10, 1]),
                    new Conv2D(4, 3, activation: "relu"),
                    new MaxPooling2D(2),
                    new Flatten(),
                    new Dropout(0.3),
                    new Dense(3, activation: "softmax"),
                ]);
                model.compile(optimizer: new Adam(0.01), loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
                return (model, [torch.rand(16, 10, 10, 1)], [torch.randint(0, 3, [16])]);
            }
            case "functional_residual":
            {
                var inputs = keras.Input(shape: [12, 12, 3]);
                var x = new Rescaling(1.0 / 255).__call__(inputs);
                x = new Conv2D(8, 3, strides: 2, padding: "same").__call__(x);
                x = new BatchNormalization().__call__(x);
                x = new Activation("relu").__call__(x);
                var previous = x;
                x = new SeparableConv2D(12, 3, padding: "same").__call__(x);
                x = new BatchNormalization().__call__(x);
                x = new MaxPooling2D(3, strides: 2, padding: "same").__call__(x);
                var residual = new Conv2D(12, 1, strides: 2, padding: "same").__call__(previous);
                x = keras.layers.add([x, residual]);
                x = new GlobalAveragePooling2D().__call__(x);
                x = new Dropout(0.5).__call__(x);
                var model = new Model(inputs, new Dense(1).__call__(x), name: "small_xception");
                model.compile(optimizer: new Adam(1e-3), loss: new KerasPort.Losses.BinaryCrossentropy(from_logits: true), metrics: ["accuracy"]);
                return (model, [torch.rand(8, 12, 12, 3) * 255], [torch.rand(8, 1).round()]);
            }
            case "two_inputs":
            {
                var numbers = keras.Input(shape: [6], name: "numbers");
                var extra = keras.Input(shape: [4], name: "extra");
                var a = new Dense(8, activation: "relu", kernel_regularizer: keras.regularizers.l2(0.01)).__call__(numbers);
                var b = new Dense(8, activation: "tanh").__call__(extra);
                var x = new Dropout(0.3).__call__(keras.layers.concatenate([a, b]), training: false);
                var model = new Model([numbers, extra], new Dense(1, activation: "sigmoid", name: "score").__call__(x));
                model.compile(optimizer: new RMSprop(0.01), loss: "binary_crossentropy", metrics: ["accuracy"]);
                return (model, [torch.rand(16, 6), torch.rand(16, 4)], [torch.rand(16, 1).round()]);
            }
            case "nested_models":
            {
                var inner_input = keras.Input(shape: [5]);
                var inner = new Model(inner_input, new Dense(4, activation: "relu").__call__(inner_input), name: "inner");
                var block = new Sequential([new Dense(4), new LayerNormalization()], name: "block");
                var x = keras.Input(shape: [5]);
                var h = block.__call__(inner.__call__(x));
                var model = new Model(x, new Dense(2).__call__(h), name: "outer");
                model.compile(optimizer: new SGD(0.1, momentum: 0.9), loss: "mse");
                return (model, [torch.rand(16, 5)], [torch.rand(16, 2)]);
            }
            case "augmented":
            {
                var data_augmentation = new Sequential([
                    new RandomFlip("horizontal"),
                    new RandomRotation(0.1),
                    new RandomZoom(0.1),
                ], name: "data_augmentation");
                var model = new Sequential([
                    keras.Input(shape: [12, 12, 3]),
                    data_augmentation,
                    new Rescaling(1.0 / 255),
                    new Conv2D(4, 3, padding: "same", activation: "relu"),
                    new GlobalAveragePooling2D(),
                    new Dense(2),
                ]);
                model.compile(optimizer: "adam", loss: new KerasPort.Losses.SparseCategoricalCrossentropy(from_logits: true));
                return (model, [torch.rand(8, 12, 12, 3) * 255], [torch.randint(0, 2, [8])]);
            }
            case "normalized_sequence":
            {
                // An adapted Normalization (its int64 count), the 1D reshaping layers, the regression metrics.
                var x = torch.rand(16, 8, 2) * 10;
                var normalizer = new Normalization(axis: -1);
                normalizer.adapt(x);
                var model = new Sequential([
                    keras.Input(shape: [8, 2]),
                    normalizer,
                    new ZeroPadding1D(1),
                    new Conv1D(3, 3, activation: "relu"),
                    new UpSampling1D(2),
                    new Cropping1D((1, 2)),
                    new GlobalAveragePooling1D(),
                    new Dense(1),
                ]);
                model.compile(optimizer: "adam", loss: "msle", metrics: ["mape", new RootMeanSquaredError(), new R2Score()]);
                return (model, [x], [x.mean([1, 2]).unsqueeze(1)]);
            }
            default:
            {
                var x = keras.Input(shape: [6], name: "x");
                var h = new Dense(8, activation: "relu", name: "hidden").__call__(x);
                var score = new Dense(1, activation: "sigmoid", name: "score").__call__(h);
                var value = new Dense(2, name: "value").__call__(h);
                var model = new Model(x, [score, value], name: "two_outputs");
                model.compile(optimizer: new Adam(0.01, amsgrad: true), loss: new string?[] { "binary_crossentropy", "mse" },
                              metrics: new Dictionary<string, MetricSpec> { ["score"] = "accuracy", ["value"] = new[] { "mae" } }, loss_weights: new[] { 1.0, 0.5 });
                return (model, [torch.rand(16, 6)], [torch.rand(16, 1).round(), torch.rand(16, 2)]);
            }
        }
    }

    [TestCaseSource(nameof(Names))]
    public void A_written_model_loads_back_the_same(string name)
    {
        var (model, x, y) = Make(name);
        using var _ = model;
        if (y.Length == 1) model.fit(x, y[0], batch_size: 8, epochs: 1, shuffle: false, verbose: 0);
        else model.fit(x, y, batch_size: 8, epochs: 1, shuffle: false, verbose: 0);
        string folder = Environment.GetEnvironmentVariable(ExportVariable) is { Length: > 0 } export ? Directory.CreateDirectory(export).FullName : dir;
        string path = Path.Combine(folder, name + ".keras");
        model.save(path);
        var predictions = model.predict_outputs(x);
        var arrays = new Dictionary<string, Tensor> { ["iterations"] = torch.tensor(model.optimizer!.iterations) };
        for (int i = 0; i < x.Length; i++) arrays[$"probe_{i}"] = x[i];
        for (int i = 0; i < predictions.Length; i++) arrays[$"predict_{i}"] = predictions[i];
        var weights = model.get_weights();
        for (int i = 0; i < weights.Length; i++) arrays[$"w_{i}"] = weights[i];
        var slots = model.optimizer.variables;
        for (int i = 0; i < slots.Count; i++) arrays[$"o_{i}"] = slots[i];
        Npy.savez(Path.Combine(folder, name + ".npz"), arrays);

        keras.backend.clear_session();
        using var loaded = keras.models.load_model(path);
        var again = loaded.predict_outputs(x);
        for (int i = 0; i < predictions.Length; i++) Assert.That(again[i].same_as(predictions[i]), Is.True, $"output {i}");
        Assert.That(loaded.optimizer!.iterations, Is.EqualTo(model.optimizer.iterations));
        var loaded_weights = loaded.get_weights();
        for (int i = 0; i < weights.Length; i++) Assert.That(loaded_weights[i].same_as(weights[i]), Is.True, $"weight {i}");
    }
}
