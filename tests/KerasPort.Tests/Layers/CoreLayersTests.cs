using KerasPort.Layers;

namespace KerasPort.Tests.Layers;

/// <summary>Dense, Activation, Flatten, Reshape, InputLayer, ActivityRegularization and the Layer base.</summary>
[NonParallelizable]
public sealed class CoreLayersTests
{
    [Test]
    public void Dense_computes_activation_of_x_kernel_plus_bias()
    {
        var layer = new Dense(3, activation: "relu");
        var x = torch.randn(5, 4);
        var y = layer.__call__(x);
        Assert.That(layer.kernel!.shape, Is.EqualTo(new long[] { 4, 3 }));
        Assert.That(layer.bias!.shape, Is.EqualTo(new long[] { 3 }));
        var expected = torch.nn.functional.relu(x.matmul(layer.kernel) + layer.bias);
        Assert.That(y.allclose(expected), Is.True);
        Assert.That(layer.count_params(), Is.EqualTo(15));
    }

    [Test]
    public void Dense_starts_glorot_uniform_and_zeros()
    {
        var layer = new Dense(200);
        layer.build([null, 300]);
        double limit = Math.Sqrt(6.0 / (300 + 200));
        Assert.That(layer.kernel!.abs().max().item<float>(), Is.LessThanOrEqualTo(limit));
        Assert.That(layer.kernel.std().item<float>(), Is.EqualTo(limit / Math.Sqrt(3)).Within(0.01 * limit));
        Assert.That(layer.bias!.count_nonzero().item<long>(), Is.EqualTo(0));
    }

    [Test]
    public void Dense_without_bias_has_one_weight()
    {
        var layer = new Dense(2, use_bias: false);
        layer.build([null, 3]);
        Assert.That(layer.get_weights(), Has.Length.EqualTo(1));
    }

    [Test]
    public void Dense_refuses_an_input_of_another_width()
    {
        var layer = new Dense(2, input_shape: [3]);
        layer.build([null, 3]);
        var e = Assert.Throws<ArgumentException>(() => layer.__call__(torch.ones(4, 5)));
        Assert.That(e!.Message, Does.Contain("expected axis -1 of input shape to have value 3, but received input with shape (4, 5)"));
    }

    [Test]
    public void Dense_refuses_bad_arguments()
    {
        Assert.Throws<ArgumentException>(() => new Dense(0));
        Assert.Throws<ArgumentException>(() => new Dense(2, activation: "no_such_activation"));
        Assert.Throws<ArgumentException>(() => new Dense(2, kernel_initializer: "no_such_initializer"));
        Assert.Throws<ArgumentException>(() => new Dense(2, kernel_regularizer: "no_such_regularizer"));
        Assert.Throws<ArgumentException>(() => new Dense(2, input_shape: [0]));
    }

    [Test]
    public void Frozen_layer_has_only_non_trainable_weights()
    {
        var layer = new Dense(2);
        layer.build([null, 3]);
        layer.trainable = false;
        Assert.That(layer.trainable_weights, Is.Empty);
        Assert.That(layer.non_trainable_weights, Has.Count.EqualTo(2));
        Assert.That(layer.kernel!.requires_grad, Is.False);
    }

    [Test]
    public void Set_weights_checks_everything_first()
    {
        var layer = new Dense(2);
        layer.build([null, 3]);
        var before = layer.get_weights();
        Assert.Throws<ArgumentException>(() => layer.set_weights([torch.ones(3, 2)]));
        Assert.Throws<ArgumentException>(() => layer.set_weights([torch.ones(3, 2), torch.ones(3)]));
        var after = layer.get_weights();
        Assert.That(after[0].same_as(before[0]), Is.True);
        Assert.That(after[1].same_as(before[1]), Is.True);
    }

    [Test]
    public void Layers_are_named_as_Keras_names_them()
    {
        keras.backend.clear_session();
        Assert.That(new Dense(1).name, Is.EqualTo("dense"));
        Assert.That(new Dense(1).name, Is.EqualTo("dense_1"));
        Assert.That(new Dense(1, name: "mine").name, Is.EqualTo("mine"));
        Assert.That(new Dense(1).name, Is.EqualTo("dense_2"));
        Assert.That(new Conv2D(1, 1).name, Is.EqualTo("conv2d"));
        Assert.That(new MaxPooling2D().name, Is.EqualTo("max_pooling2d"));
        Assert.That(new SpatialDropout1D(0.1).name, Is.EqualTo("spatial_dropout1d"));
        Assert.That(new ActivityRegularization().name, Is.EqualTo("activity_regularization"));
        Assert.That(keras.Input([3]).name, Is.EqualTo("input_layer"));
        keras.backend.clear_session();
        Assert.That(new Dense(1).name, Is.EqualTo("dense"));
        Assert.Throws<ArgumentException>(() => new Dense(1, name: "a/b"));
        Assert.Throws<ArgumentException>(() => new Dropout(0.1, name: ""));
    }

    [Test]
    public void Activation_layer_applies_its_function()
    {
        var x = torch.randn(4, 4);
        Assert.That(new Activation("relu").__call__(x).same_as(torch.nn.functional.relu(x)), Is.True);
        Assert.That(new Activation("sigmoid").__call__(x).allclose(torch.sigmoid(x)), Is.True);
    }

    [Test]
    public void Flatten_and_Reshape_keep_the_batch_axis()
    {
        var x = torch.arange(2 * 3 * 4, dtype: torch.ScalarType.Float32).reshape(2, 3, 4);
        var flat = new Flatten().__call__(x);
        Assert.That(flat.shape, Is.EqualTo(new long[] { 2, 12 }));
        Assert.That(new Flatten().compute_output_shape([null, 3, 4]), Is.EqualTo(new long?[] { null, 12 }));
        var channels_first = new Flatten(data_format: "channels_first").__call__(x);
        Assert.That(channels_first[0, 1].item<float>(), Is.EqualTo(4f), "channels_first flattens in channels-last order");
        var reshaped = new Reshape([4, -1]).__call__(x);
        Assert.That(reshaped.shape, Is.EqualTo(new long[] { 2, 4, 3 }));
        Assert.That(new Reshape([4, -1]).compute_output_shape([null, 3, 4]), Is.EqualTo(new long?[] { null, 4, 3 }));
        Assert.Throws<ArgumentException>(() => new Reshape([5]).__call__(x));
        Assert.Throws<ArgumentException>(() => new Reshape([-1, -1]));
    }

    [Test]
    public void InputLayer_refuses_a_different_sample_shape()
    {
        var input = new InputLayer([3, 2]);
        Assert.That(input.__call__(torch.ones(5, 3, 2)).shape, Is.EqualTo(new long[] { 5, 3, 2 }));
        Assert.Throws<ArgumentException>(() => input.__call__(torch.ones(5, 2, 3)));
    }

    [Test]
    public void Activity_penalty_is_divided_by_the_batch_size()
    {
        var layer = new ActivityRegularization(l1: 0.5, l2: 0.25);
        var x = torch.tensor(new float[] { 1, -2, 3, -4 }).reshape(2, 2);
        var y = layer.__call__(x);
        Assert.That(y.same_as(x), Is.True);
        Assert.That(layer.losses, Has.Count.EqualTo(1));
        double expected = (0.5 * 10 + 0.25 * 30) / 2;
        Assert.That(layer.losses[0].item<float>(), Is.EqualTo(expected).Within(1e-5));
    }

    [Test]
    public void Weight_penalties_follow_the_activity_penalties()
    {
        var layer = new Dense(2, kernel_regularizer: keras.regularizers.l2(0.1), activity_regularizer: keras.regularizers.l1(1.0));
        layer.build([null, 2]);
        layer.set_weights([torch.ones(2, 2), torch.zeros(2)]);
        Assert.That(layer.losses.Select(t => t.item<float>()), Is.EqualTo(new[] { 0.4f }).Within(1e-6));
        layer.__call__(torch.ones(4, 2)); // outputs of 2 in a 4x2 batch: l1 = 16, over 4 samples
        Assert.That(layer.losses.Select(t => t.item<float>()), Is.EqualTo(new[] { 4.0f, 0.4f }).Within(1e-6));
    }
}
