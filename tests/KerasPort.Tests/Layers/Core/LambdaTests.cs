using KerasPort.Layers;
using KerasPort.Models;

namespace KerasPort.Tests.Layers.Core;

/// <summary>Keras's layers/core/lambda_layer_test.py, the assertions that translate (C# delegates have no serialized bytecode).</summary>
[NonParallelizable]
public sealed class LambdaTests
{
    [Test]
    public void Lambda_basics()
    {
        var layer = new Lambda(x => x.square());
        var y = layer.__call__(torch.full(3, 2, 3.0f));
        Assert.That(y.allclose(torch.full(3, 2, 9.0f)), Is.True);
        Assert.That(layer.trainable_weights, Is.Empty);
        Assert.That(layer.built, Is.True);

        var symbolic = layer.__call__(keras.Input([2]));
        Assert.That(symbolic.shape, Is.EqualTo(new long?[] { null, 2 }));
        var reshape = new Lambda(x => x.reshape(x.shape[0], -1));
        Assert.That(reshape.compute_output_shape([null, 3, 4]), Is.EqualTo(new long?[] { null, 12 }));
        var given = new Lambda(x => x.sum(-1), output_shape: s => s[..^1]);
        Assert.That(given.compute_output_shape([null, 3, 4]), Is.EqualTo(new long?[] { null, 3 }));
    }

    [Test]
    public void Lambda_in_a_model_trains_around_it()
    {
        var inputs = keras.Input([3]);
        var x = new Lambda(t => t * 2).__call__(inputs);
        var model = new Model(inputs, new KerasPort.Layers.Dense(1).__call__(x));
        model.compile(optimizer: "sgd", loss: "mse");
        var history = model.fit(torch.rand(8, 3), torch.rand(8, 1), epochs: 2, verbose: 0);
        Assert.That(history.history["loss"], Has.Count.EqualTo(2));
        Assert.Throws<ArgumentNullException>(() => new Lambda(null!));
    }
}
