using KerasPort.Initializers;
using KerasPort.Layers;
using KerasPort.Regularizers;
using KerasPort.Saving;
using static TorchSharp.torch;

namespace KerasPort.Tests.Layers;

/// <summary>
/// The typed layer arguments (<see cref="Activations.ActivationSpec"/>, <see cref="InitializerSpec"/>,
/// <see cref="RegularizerSpec"/>): every form Keras accepts works, names fail at construction with
/// Keras's message, and configs read back into the same layer.
/// </summary>
public sealed class LayerArgumentSpecTests
{
    private static Tensor Input() => arange(-6, 6, dtype: ScalarType.Float32).reshape(4, 3) / 3;

    [Test]
    public void Activation_by_name_by_function_or_none()
    {
        Func<Tensor, Tensor> relu = x => keras.activations.relu(x);
        var by_name = new Dense(2, activation: "relu", kernel_initializer: "ones");
        var by_function = new Dense(2, activation: relu, kernel_initializer: "ones");
        var none = new Dense(2, activation: null, kernel_initializer: "ones");
        using var x = Input();
        using var expected = x.sum(1, keepdim: true).expand(4, 2).clamp_min(0);
        Assert.That(by_name.__call__(x).allclose(expected), Is.True);
        Assert.That(by_function.__call__(x).allclose(expected), Is.True);
        Assert.That(none.__call__(x).allclose(x.sum(1, keepdim: true).expand(4, 2)), Is.True);
        Assert.That(by_name.get_config()["activation"], Is.EqualTo("relu"));
        Assert.That(none.get_config()["activation"], Is.EqualTo("linear"));
        Assert.That(new Activation("softmax").get_config()["activation"], Is.EqualTo("softmax"));
        Assert.Throws<ArgumentNullException>(() => new Activation((string?)null!));
    }

    [Test]
    public void Initializer_by_name_by_object_or_the_layers_default()
    {
        var by_name = new Dense(3, kernel_initializer: "ones", bias_initializer: "ones");
        var by_object = new Dense(3, kernel_initializer: new Constant(0.5), bias_initializer: keras.initializers.constant(-1));
        var defaults = new Dense(3);
        foreach (var layer in new[] { by_name, by_object, defaults }) layer.build([null, 2]);
        Assert.That(by_name.kernel!.data<float>().ToArray(), Is.All.EqualTo(1f));
        Assert.That(by_object.kernel!.data<float>().ToArray(), Is.All.EqualTo(0.5f));
        Assert.That(by_object.bias!.data<float>().ToArray(), Is.All.EqualTo(-1f));
        Assert.That(defaults.bias!.data<float>().ToArray(), Is.All.EqualTo(0f));
        Assert.That(((Dictionary<string, object?>)defaults.get_config()["kernel_initializer"]!)["class_name"], Is.EqualTo("GlorotUniform"));
        Assert.That(((Dictionary<string, object?>)new BatchNormalization(gamma_initializer: "zeros").get_config()["gamma_initializer"]!)["class_name"], Is.EqualTo("Zeros"));
    }

    [Test]
    public void Regularizer_by_name_by_object_or_none()
    {
        var by_name = new Dense(2, kernel_regularizer: "l2", activity_regularizer: "l1", kernel_initializer: "ones");
        var by_object = new Conv2D(2, 1, kernel_regularizer: keras.regularizers.l1_l2(l1: 0.1, l2: 0.2));
        Assert.That(by_name.kernel_regularizer, Is.TypeOf<L2>().With.Property(nameof(L2.l2)).EqualTo(0.01));
        Assert.That(by_name.activity_regularizer, Is.TypeOf<L1>());
        Assert.That(by_object.kernel_regularizer, Is.TypeOf<L1L2>());
        Assert.That(new Dense(2).kernel_regularizer, Is.Null);
        by_name.build([null, 3]);
        Assert.That(by_name.losses.Single().item<float>(), Is.EqualTo(0.01f * 6).Within(1e-7), "l2 of six ones");
    }

    [Test]
    public void Unknown_names_fail_at_construction_with_Kerass_message()
    {
        Assert.That(Assert.Throws<ArgumentException>(() => new Dense(2, activation: "nope"))!.Message,
            Does.StartWith("Could not interpret activation function identifier: nope"));
        Assert.That(Assert.Throws<ArgumentException>(() => new Dense(2, kernel_initializer: "nope"))!.Message,
            Does.StartWith("Could not interpret initializer identifier: nope"));
        Assert.That(Assert.Throws<ArgumentException>(() => new Conv2D(2, 1, bias_regularizer: "nope"))!.Message,
            Does.StartWith("Could not interpret regularizer identifier: nope"));
        Assert.That(Assert.Throws<ArgumentException>(() => new Embedding(4, 2, embeddings_initializer: "nope"))!.Message,
            Does.StartWith("Could not interpret initializer identifier: nope"));
    }

    [Test]
    public void Configs_read_back_into_the_typed_arguments()
    {
        var dense = new Dense(2, activation: "tanh", kernel_initializer: new Constant(0.25), kernel_regularizer: keras.regularizers.l2(0.3),
            activity_regularizer: "l1", name: "typed");
        var config = Serialization.serialize_keras_object(dense);
        var loaded = (Dense)Deserialization.deserialize_keras_object(config)!;
        Assert.That(KerasJson.dumps(loaded.get_config()), Is.EqualTo(KerasJson.dumps(dense.get_config())));
        loaded.build([null, 3]);
        Assert.That(loaded.kernel!.data<float>().ToArray(), Is.All.EqualTo(0.25f));
        Assert.That(loaded.kernel_regularizer, Is.TypeOf<L2>().With.Property(nameof(L2.l2)).EqualTo(0.3));
        using var x = Input();
        using var expected = (x.sum(1, keepdim: true) * 0.25).tanh().expand(4, 2);
        Assert.That(loaded.__call__(x).allclose(expected), Is.True);
    }
}
