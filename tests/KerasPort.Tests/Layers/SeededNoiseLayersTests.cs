using KerasPort.Layers;
using KerasPort.Models;
using TorchSharp;
using static KerasPort.Tests.TestSupport.RecordedTensor;

namespace KerasPort.Tests.Layers;

/// <summary>
/// Dropout and noise layers against Keras 3.15.1 on torch (tests/fixtures/seeded/keras_random.json,
/// "layers", from tools/record_keras_random.py): after set_random_seed(3), the same layers built
/// and called in the same order give Keras's outputs exactly. This pins each path: unseeded
/// Dropout on torch's global generator, seeded Dropout and noise_shape on the layer's
/// SeedGenerator (its seed from Python's random when none is given), the spatial dropouts,
/// GaussianNoise, GaussianDropout and AlphaDropout.
/// </summary>
[NonParallelizable]
public class SeededNoiseLayersTests
{
    [Test]
    public void Layers_draw_as_keras_torch_backend()
    {
        keras.utils.set_random_seed(3);
        using var ones = torch.ones(4, 6);
        var d = new Dropout(0.5);
        for (int i = 0; i < 2; i++) AssertMatches(d.__call__(ones, training: true), KerasRandom("layers", "dropout_unseeded", i.ToString()), what: $"unseeded call {i}");
        d = new Dropout(0.5, seed: 7);
        for (int i = 0; i < 2; i++) AssertMatches(d.__call__(ones, training: true), KerasRandom("layers", "dropout_seeded", i.ToString()), what: $"seeded call {i}");
        d = new Dropout(0.5, noise_shape: [null, 1]);
        AssertMatches(d.__call__(ones, training: true), KerasRandom("layers", "dropout_noise_shape"));
        AssertMatches(new SpatialDropout1D(0.5).__call__(torch.ones(2, 3, 4), training: true), KerasRandom("layers", "spatial1d"));
        AssertMatches(new SpatialDropout2D(0.5).__call__(torch.ones(2, 3, 3, 4), training: true), KerasRandom("layers", "spatial2d"));
        var g = new GaussianNoise(0.2);
        for (int i = 0; i < 2; i++) AssertMatches(g.__call__(torch.zeros(2, 5), training: true), KerasRandom("layers", "gaussian_noise", i.ToString()), what: $"noise call {i}");
        AssertMatches(new GaussianDropout(0.3, seed: 12).__call__(ones, training: true), KerasRandom("layers", "gaussian_dropout"));
        AssertMatches(new AlphaDropout(0.2).__call__(torch.ones(3, 5), training: true), KerasRandom("layers", "alpha_dropout"), 1e-6);
        AssertMatches(new Dropout(0.5).__call__(ones, training: false), KerasRandom("layers", "dropout_inference"));
        AssertMatches(torch.rand(3), KerasRandom("layers", "torch_rand_after"), what: "torch's global stream after the layers");
    }

    [Test]
    public void A_seeded_layer_advances_its_seed_generator_once_per_call()
    {
        var d = new Dropout(0.5, seed: 7);
        d.__call__(torch.ones(2, 2), training: true);
        d.__call__(torch.ones(2, 2), training: true);
        Assert.That(d.seed_generator!.state, Is.EqualTo(new[] { 7, 2 }));
        Assert.That(new Dropout(0.0).seed_generator, Is.Null, "rate 0 makes no SeedGenerator, as Keras");
    }

    [Test]
    public void Every_regularization_layer_takes_input_shape()
    {
        var layers = new Layer[]
        {
            new GaussianNoise(0.3, input_shape: [10]), new GaussianDropout(0.3, input_shape: [10]),
            new AlphaDropout(0.3, input_shape: [10]), new Dropout(0.3, input_shape: [10]),
            new SpatialDropout1D(0.3, input_shape: [5, 2]), new SpatialDropout2D(0.3, input_shape: [4, 4, 2]),
            new ActivityRegularization(l1: 0.1, input_shape: [10]),
        };
        foreach (var layer in layers)
        {
            var model = new Sequential([layer, new Dense(1)]);
            Assert.That(model.built, Is.True, layer.GetType().Name);
            Assert.That(layer.batch_input_shape![1..], Is.EqualTo(layer is SpatialDropout1D ? new long?[] { 5, 2 } : layer is SpatialDropout2D ? new long?[] { 4, 4, 2 } : new long?[] { 10 }), layer.GetType().Name);
        }
    }
}
