using KerasPort.Callbacks;
using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Optimizers;
using KerasPort.Saving;
using KerasPort.Tests.Layers;

namespace KerasPort.Tests.Saving;

/// <summary>
/// Subclassed models in <c>.keras</c> files (saving_lib_test's custom-model cases,
/// serialization_lib_test's registered-name cases): a class registered with
/// <c>keras.saving.register_keras_serializable</c> comes back through its <c>from_config</c> or
/// its constructor, built and compiled, with its weights and its optimizer's; ModelCheckpoint saves
/// it; an unregistered class is refused by name.
/// </summary>
[NonParallelizable]
public sealed class SubclassedModelSavingTests : TempDirectoryTest
{
    /// <summary>A subclass rebuilt through its constructor (Keras's <c>cls(**config)</c>).</summary>
    public sealed class TwoLayerModel : Model
    {
        private readonly Dense _hidden;
        private readonly Dense _head;

        public TwoLayerModel(int units, string? name = null, bool trainable = true) : base(name, trainable)
        {
            this.units = units;
            _hidden = new Dense(units, activation: "relu");
            _head = new Dense(1);
        }

        public int units { get; }

        public override Tensor call(Tensor inputs, bool training = false) => _head.__call__(_hidden.__call__(inputs));

        public override Dictionary<string, object?> get_config()
        {
            var config = base.get_config();
            config["units"] = units;
            return config;
        }
    }

    /// <summary>A subclass rebuilt through a static from_config of its own, with a weight of its own.</summary>
    public sealed class ScaledModel : Model
    {
        private readonly Dense _dense = new(2);
        private TorchSharp.Modules.Parameter? _scale;

        private ScaledModel(double initial, string? name) : base(name) => this.initial = initial;

        public double initial { get; }

        public static ScaledModel make(double initial) => new(initial, null);

        public static ScaledModel from_config(IDictionary<string, object?> config) =>
            new(Convert.ToDouble(config["initial"]), config["name"] as string);

        public override void build(long?[] input_shape)
        {
            _scale = add_weight("scale", [1], new KerasPort.Initializers.Constant(initial));
            base.build(input_shape);
        }

        public override Tensor call(Tensor inputs, bool training = false) => _dense.__call__(inputs) * _scale!;

        public override Dictionary<string, object?> get_config()
        {
            var config = base.get_config();
            config["initial"] = initial;
            return config;
        }
    }

    /// <summary>Never registered: a file naming it cannot be loaded.</summary>
    public sealed class Unregistered : Model
    {
        private readonly Dense _dense = new(1);

        public Unregistered(string? name = null, bool trainable = true) : base(name, trainable)
        {
        }

        public override Tensor call(Tensor inputs, bool training = false) => _dense.__call__(inputs);
    }

    [OneTimeSetUp]
    public void Register()
    {
        keras.saving.register_keras_serializable<TwoLayerModel>(package: "KerasPortTests");
        keras.saving.register_keras_serializable<ScaledModel>(package: "KerasPortTests", name: "Scaled");
    }

    [Test]
    public void register_keras_serializable_names_the_class_as_Keras()
    {
        Assert.That(keras.saving.get_registered_name(typeof(TwoLayerModel)), Is.EqualTo("KerasPortTests>TwoLayerModel"));
        Assert.That(keras.saving.get_registered_name(typeof(ScaledModel)), Is.EqualTo("KerasPortTests>Scaled"));
        Assert.That(keras.saving.get_registered_object("KerasPortTests>Scaled"), Is.EqualTo(typeof(ScaledModel)));
        Assert.That(keras.saving.get_registered_name(typeof(Unregistered)), Is.EqualTo("Unregistered"));
        Assert.That(() => keras.saving.register_keras_serializable<Unregistered>(package: "KerasPortTests", name: "Scaled"),
            Throws.ArgumentException.With.Message.Contains("has already been registered"));
        Assert.That(() => keras.saving.register_keras_serializable<Unregistered>(package: "a>b"), Throws.ArgumentException.With.Message.Contains("package"));
    }

    [Test]
    public void A_registered_subclass_loads_through_its_constructor_compiled_and_trained()
    {
        using var model = new TwoLayerModel(5, name: "two_layers");
        model.compile(optimizer: new Adam(0.01), loss: "mse", metrics: ["mae"]);
        var x = torch.rand(16, 3);
        var y = x.sum(1, keepdim: true);
        model.fit(x, y, batch_size: 8, epochs: 1, shuffle: false, verbose: 0);
        string path = Path.Combine(dir, "sub.keras");
        model.save(path);

        using var loaded = keras.models.load_model(path);
        Assert.That(loaded, Is.InstanceOf<TwoLayerModel>());
        Assert.That(((TwoLayerModel)loaded).units, Is.EqualTo(5));
        Assert.That(loaded.name, Is.EqualTo("two_layers"));
        Assert.That(loaded.built && loaded.compiled, Is.True);
        Assert.That(loaded.predict(x).same_as(model.predict(x)), Is.True);
        model.fit(x, y, batch_size: 8, epochs: 1, shuffle: false, verbose: 0);
        loaded.fit(x, y, batch_size: 8, epochs: 1, shuffle: false, verbose: 0);
        var a = model.get_weights();
        var b = loaded.get_weights();
        for (int i = 0; i < a.Length; i++) Assert.That(b[i].same_as(a[i]), Is.True, $"weight {i}");
    }

    [Test]
    public void A_registered_subclass_loads_through_its_own_from_config()
    {
        using var model = ScaledModel.make(3.0);
        var x = torch.rand(4, 3);
        var expected = model.__call__(x);
        string path = Path.Combine(dir, "scaled.keras");
        model.save(path);
        string config = KerasArchiveEdits.read_config(path);
        Assert.That(config, Does.Contain("\"registered_name\": \"KerasPortTests>Scaled\"").And.Contain("\"initial\": 3.0").And.Contain("\"build_config\": {\"input_shape\": [4, 3]}"));
        using var loaded = keras.models.load_model(path);
        Assert.That(loaded, Is.InstanceOf<ScaledModel>());
        Assert.That(loaded.__call__(x).same_as(expected), Is.True);
    }

    [Test]
    public void ModelCheckpoint_saves_a_subclassed_model()
    {
        using var model = new TwoLayerModel(4);
        model.compile(optimizer: "adam", loss: "mse");
        var x = torch.rand(16, 3);
        var y = x.sum(1, keepdim: true);
        string pattern = Path.Combine(dir, "save_at_{epoch}.keras");
        model.fit(x, y, batch_size: 8, epochs: 2, shuffle: false, verbose: 0, callbacks: [new ModelCheckpoint(pattern)]);
        using var last = keras.models.load_model(Path.Combine(dir, "save_at_2.keras"));
        Assert.That(last.optimizer!.iterations, Is.EqualTo(4));
        Assert.That(last.predict(x).same_as(model.predict(x)), Is.True);
    }

    [Test]
    public void An_unregistered_subclass_is_refused_by_name_at_load()
    {
        using var model = new Unregistered();
        model.build([null, 3]);
        string path = Path.Combine(dir, "unregistered.keras");
        model.save(path);
        var e = Assert.Throws<InvalidDataException>(() => keras.models.load_model(path));
        Assert.That(e!.Message, Does.Contain(path).And.Contain("Could not locate class 'Unregistered'").And.Contain("KerasPort.Tests.Saving").And.Contain("register_keras_serializable"));
    }
}
