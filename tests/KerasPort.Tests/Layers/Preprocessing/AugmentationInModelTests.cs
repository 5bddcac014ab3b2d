using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Tests.Layers;

namespace KerasPort.Tests.Layers.Preprocessing;

/// <summary>
/// The layers as the tutorials use them: in front of a CNN inside a Sequential, active in fit, the identity in
/// predict, listed by summary with no weights, and saved and loaded with the model in a .keras file.
/// </summary>
public sealed class AugmentationInModelTests : TempDirectoryTest
{
    private static Sequential Model() => new(
    [
        new RandomFlip("horizontal", input_shape: [12, 12, 3]),
        new RandomRotation(0.1),
        new RandomZoom(0.1),
        new RandomTranslation(0.1, 0.1),
        new Rescaling(1.0 / 255),
        new Conv2D(4, 3, activation: "relu"),
        new Flatten(),
        new Dense(2, activation: "softmax"),
    ]);

    [Test]
    public void Fits_predicts_without_augmentation_and_summarises()
    {
        keras.utils.set_random_seed(3);
        var model = Model();
        model.compile(loss: "sparse_categorical_crossentropy", optimizer: "adam", metrics: ["accuracy"]);
        var x = torch.rand(16, 12, 12, 3) * 255;
        var y = torch.tensor(Enumerable.Range(0, 16).Select(i => (long)(i % 2)).ToArray());
        var history = model.fit(x, y, epochs: 2, batch_size: 8, verbose: 0);
        Assert.That(history.history["loss"].Count, Is.EqualTo(2));

        // predict runs the augmentation layers in inference mode: the same as the network alone.
        var plain = new Sequential([new Rescaling(1.0 / 255, input_shape: [12, 12, 3]), new Conv2D(4, 3, activation: "relu"), new Flatten(), new Dense(2, activation: "softmax")]);
        plain.build([null, 12, 12, 3]);
        plain.set_weights(model.get_weights());
        Assert.That((model.predict(x) - plain.predict(x)).abs().max().item<float>(), Is.LessThan(1e-6));

        var lines = new List<string>();
        model.summary(print_fn: lines.Add);
        string text = string.Join("\n", lines);
        Assert.That(text, Does.Contain("random_flip").And.Contain("RandomFlip").And.Contain("RandomRotation").And.Contain("(None, 12, 12, 3)"));
    }

    [Test]
    public void Saves_and_loads_in_a_keras_file()
    {
        var model = Model();
        model.build([null, 12, 12, 3]);
        string path = Path.Combine(dir, "augmented.keras");
        model.save(path);
        var loaded = (Sequential)keras.models.load_model(path, compile: false);
        Assert.That(loaded.layers.Select(l => l.GetType()), Is.EqualTo(model.layers.Select(l => l.GetType())));
        for (int i = 0; i < 5; i++)
            Assert.That(KerasPort.Saving.KerasJson.dumps(loaded.layers[i].get_config()), Is.EqualTo(KerasPort.Saving.KerasJson.dumps(model.layers[i].get_config())));
        var x = torch.rand(2, 12, 12, 3) * 255;
        Assert.That((loaded.predict(x) - model.predict(x)).abs().max().item<float>(), Is.LessThan(1e-6));
    }
}
