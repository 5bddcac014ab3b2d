using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Optimizers;

namespace KerasPort.Tests.Models;

/// <summary>
/// PORTING.md's spellings for calling layers and models (§5) and the Functional API (§7) with the
/// layers that exist today, run as a ported program runs them.
/// </summary>
[NonParallelizable]
public sealed class PortingSpellingTests
{
    [SetUp]
    public void Reset() => keras.backend.clear_session();

    [Test]
    public void P4_augmentation_sequential_as_the_first_layer_trains()
    {
        int img_height = 12, img_width = 12;
        var data_augmentation = new Sequential([
            new RandomFlip("horizontal", input_shape: [img_height, img_width, 3]),
            new RandomRotation(0.1),
            new RandomZoom(0.1)]);
        var augmented_images = data_augmentation.__call__(torch.rand(2, img_height, img_width, 3));
        Assert.That(augmented_images.shape, Is.EqualTo(new long[] { 2, img_height, img_width, 3 }));
        var model = new Sequential([
            data_augmentation,
            new Rescaling(1.0 / 255),
            new Conv2D(4, 3, padding: "same", activation: "relu"),
            new MaxPooling2D(),
            new Flatten(),
            new Dense(2)]);
        Assert.That(model.built, Is.True);
        model.compile(optimizer: "adam", loss: keras.losses.get("sparse_categorical_crossentropy"), metrics: ["accuracy"]);
        var history = model.fit(torch.rand(4, img_height, img_width, 3) * 255, torch.tensor(new float[] { 0, 1, 0, 1 }), epochs: 2, verbose: 0);
        Assert.That(history.history.Keys, Is.EquivalentTo(new[] { "loss", "accuracy" }));
    }

    [Test]
    public void P5_a_sequential_called_on_one_unbatched_image_then_used_as_a_first_layer_fails_as_in_keras()
    {
        const int IMG_SIZE = 8;
        var resize_and_rescale = new Sequential([new Resizing(IMG_SIZE, IMG_SIZE), new Rescaling(1.0 / 255)]);
        var image = torch.rand(16, 16, 3) * 255;
        var result = resize_and_rescale.__call__(image);
        Assert.That(result.shape, Is.EqualTo(new long[] { IMG_SIZE, IMG_SIZE, 3 }));
        var data_augmentation = new Sequential([new RandomFlip("horizontal_and_vertical"), new RandomRotation(0.2)]);
        // Keras 3.15.1 raises ValueError here; the port raises ArgumentException.
        Assert.Throws<ArgumentException>(() => new Sequential([resize_and_rescale, data_augmentation,
            new Conv2D(16, 3, padding: "same", activation: "relu"), new MaxPooling2D()]));
    }

    [Test]
    public void P2_probability_model_wraps_a_trained_model()
    {
        var model = new Sequential([keras.Input(shape: [4]), new Dense(3)]);
        var probability_model = new Sequential([model, new Lambda(x => x.softmax(-1))]);
        var predictions = probability_model.predict(torch.rand(5, 4), verbose: 0);
        Assert.That(predictions.sum(1).allclose(torch.ones(5)), Is.True);
    }

    [Test]
    public void P6_make_model_with_a_residual_add_builds_and_trains()
    {
        Model make_model(long[] input_shape, int num_classes)
        {
            var inputs = keras.Input(shape: input_shape);
            var x = new Rescaling(1.0 / 255).__call__(inputs);
            x = new Conv2D(8, 3, strides: 2, padding: "same").__call__(x);
            x = new Activation("relu").__call__(x);
            var previous_block_activation = x;
            x = new Conv2D(8, 3, padding: "same").__call__(x);
            x = new MaxPooling2D(3, strides: 2, padding: "same").__call__(x);
            var residual = new Conv2D(8, 1, strides: 2, padding: "same").__call__(previous_block_activation);
            x = keras.layers.add([x, residual]);
            x = new Flatten().__call__(x);
            x = new Dropout(0.5).__call__(x);
            var outputs = new Dense(num_classes == 2 ? 1 : num_classes).__call__(x);
            return new Model(inputs, outputs);
        }
        var image_size = (16, 16);
        var model = make_model(input_shape: [image_size.Item1, image_size.Item2, 3], num_classes: 2);
        model.compile(optimizer: new Adam(1e-3), loss: new KerasPort.Losses.BinaryCrossentropy(from_logits: true), metrics: ["accuracy"]);
        var history = model.fit(torch.rand(6, 16, 16, 3) * 255, torch.tensor(new float[] { 0, 1, 0, 1, 1, 0 }).unsqueeze(1), epochs: 1, verbose: 0);
        Assert.That(history.history["loss"], Has.Count.EqualTo(1));
        Assert.That(model.summary_text(line_length: 108), Does.Contain("Connected to"));
    }
}
