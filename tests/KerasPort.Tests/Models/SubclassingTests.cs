using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Optimizers;

namespace KerasPort.Tests.Models;

/// <summary>
/// Keras's subclassing API (models/model_test.py's subclassed cases, layers/layer_test.py's custom
/// layers): a class deriving Model or Layer with build and call trains, saves and loads its weights,
/// and serialises through get_config.
/// </summary>
[NonParallelizable]
public sealed class SubclassingTests : TempDirectoryTest
{
    /// <summary>A custom layer with its own weights, made in build (Keras's Linear example).</summary>
    private sealed class Linear(int units, string? name = null) : Layer(name)
    {
        public TorchSharp.Modules.Parameter? w;
        public TorchSharp.Modules.Parameter? b;

        public override void build(long?[] input_shape)
        {
            w = add_weight("w", [input_shape[^1]!.Value, units], new KerasPort.Initializers.RandomNormal(seed: 1));
            b = add_weight("b", [units], new KerasPort.Initializers.Zeros());
            base.build(input_shape);
        }

        public override Tensor call(Tensor inputs, bool training = false) => inputs.matmul(w!) + b!;

        public override long?[] compute_output_shape(long?[] input_shape) => [.. input_shape[..^1], units];

        public override Dictionary<string, object?> get_config()
        {
            var config = base.get_config();
            config["units"] = units;
            return config;
        }
    }

    /// <summary>A subclassed model: layers in fields, its own weight made in build, a call of its own.</summary>
    private sealed class MyModel : Model
    {
        private readonly Linear _hidden = new(8, name: "hidden");
        private readonly Dropout _dropout = new(0.5, seed: 3);
        private readonly Dense _head = new(1, name: "head");
        public TorchSharp.Modules.Parameter? offset;

        public MyModel() : base(name: "my_model")
        {
        }

        public override void build(long?[] input_shape)
        {
            offset = add_weight("offset", [1], new KerasPort.Initializers.Zeros());
            base.build(input_shape);
        }

        public override Tensor call(Tensor inputs, bool training = false) =>
            _head.__call__(_dropout.__call__(_hidden.__call__(inputs).relu())) + offset!;
    }

    [Test]
    public void A_subclassed_model_builds_trains_and_tracks_its_layers()
    {
        var model = new MyModel();
        Assert.That(model.built, Is.False);
        model.compile(optimizer: new Adam(0.01), loss: "mse");
        var x = torch.rand(32, 4);
        var y = x.sum(1, keepdim: true);
        var history = model.fit(x, y, epochs: 5, batch_size: 8, verbose: 0);
        Assert.That(model.built, Is.True);
        Assert.That(model.layers.Select(l => l.name), Is.EqualTo(new[] { "hidden", model.layers[1].name, "head" }));
        Assert.That(model.trainable_weights.Select(w => w.shape), Is.EqualTo(new[] { new long[] { 1 }, [4, 8], [8], [8, 1], [1] }));
        Assert.That(history.history["loss"][^1], Is.LessThan(history.history["loss"][0]));
        Assert.That(model.predict(x, verbose: 0).shape, Is.EqualTo(new long[] { 32, 1 }));
    }

    [Test]
    public void A_subclassed_model_saves_and_loads_its_weights()
    {
        var model = new MyModel();
        model.build([null, 4]);
        var path = Path.Combine(dir, "sub.weights.h5");
        model.save_weights(path);
        var expected = model.predict(torch.ones(3, 4), verbose: 0);

        var other = new MyModel();
        other.build([null, 4]);
        other.set_weights(other.get_weights().Select(w => torch.zeros_like(w) + 0.5f).ToArray());
        other.load_weights(path);
        Assert.That(other.get_weights().Zip(model.get_weights()).All(p => p.First.equal(p.Second).all().item<bool>()), Is.True);
        Assert.That(other.predict(torch.ones(3, 4), verbose: 0).allclose(expected), Is.True);
    }

    [Test]
    public void A_custom_layer_serialises_through_get_config_and_works_in_a_functional_model()
    {
        var layer = new Linear(3, name: "lin");
        var config = layer.get_config();
        Assert.That(config["units"], Is.EqualTo(3));
        Assert.That(config["name"], Is.EqualTo("lin"));
        Assert.That(config["trainable"], Is.EqualTo(true));

        var inputs = keras.Input([5]);
        var outputs = layer.__call__(inputs);
        Assert.That(outputs.shape, Is.EqualTo(new long?[] { null, 3 }));
        var model = new Model(inputs, outputs);
        model.compile(optimizer: "sgd", loss: "mse");
        model.fit(torch.rand(6, 5), torch.rand(6, 3), verbose: 0);
        Assert.That(model.count_params(), Is.EqualTo(5 * 3 + 3));
    }

    [Test]
    public void Calling_an_abstract_model_without_call_says_so()
    {
        var model = new Model();
        Assert.Throws<NotImplementedException>(() => model.__call__(torch.ones(2, 2)));
        Assert.That(model.built, Is.False);
    }
}
