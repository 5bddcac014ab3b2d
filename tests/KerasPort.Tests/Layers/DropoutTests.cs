using KerasPort.Layers;

namespace KerasPort.Tests.Layers;

/// <summary>Dropout's contracts, checked by statistics on large tensors and by exact identities.</summary>
public sealed class DropoutTests
{
    private static Tensor Ones(params long[] shape) => torch.ones(shape);

    [TestCase(0.2)]
    [TestCase(0.5)]
    [TestCase(0.8)]
    public void Training_drops_the_rate_and_scales_the_rest(double rate)
    {
        var layer = new Dropout(rate, seed: 1);
        var y = layer.__call__(Ones(1000, 1000), training: true);
        double dropped = y.eq(0).to_type(torch.ScalarType.Float64).mean().item<double>();
        // One million Bernoulli draws: the standard error of the fraction is below 5e-4.
        Assert.That(dropped, Is.EqualTo(rate).Within(0.003));
        var kept = y.masked_select(y.ne(0));
        Assert.That(kept.min().item<float>(), Is.EqualTo(1.0 / (1 - rate)).Within(1e-5));
        Assert.That(kept.max().item<float>(), Is.EqualTo(1.0 / (1 - rate)).Within(1e-5));
        Assert.That(y.mean().item<float>(), Is.EqualTo(1.0).Within(0.01));
    }

    [Test]
    public void Inference_is_the_identity()
    {
        var layer = new Dropout(0.5, seed: 3);
        var x = torch.randn(64, 32);
        Assert.That(layer.__call__(x, training: false).same_as(x), Is.True);
        Assert.That(layer.__call__(x).same_as(x), Is.True);
    }

    [Test]
    public void Rate_zero_is_the_identity_in_training()
    {
        var x = torch.randn(64, 32);
        Assert.That(new Dropout(0.0).__call__(x, training: true).same_as(x), Is.True);
    }

    [Test]
    public void Rate_one_is_refused_at_once()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout(1.0, seed: 2));
        Assert.That(e!.ParamName, Is.EqualTo("rate"));
        Assert.That(e.Message, Does.Contain("Expected a float value in [0, 1). Received: rate=1.0"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SpatialDropout2D(1.0));
    }

    [Test]
    public void Noise_shape_broadcasts_one_mask_over_the_rows()
    {
        var layer = new Dropout(0.5, noise_shape: [1, null], seed: 4);
        var y = layer.__call__(Ones(50, 400), training: true);
        var first = y[0];
        for (int i = 1; i < 50; i++) Assert.That(y[i].same_as(first), Is.True);
        double dropped = first.eq(0).to_type(torch.ScalarType.Float64).mean().item<double>();
        Assert.That(dropped, Is.InRange(0.35, 0.65));
    }

    [Test]
    public void Noise_shape_null_entry_takes_the_input_size()
    {
        var layer = new Dropout(0.5, noise_shape: [null, 1], seed: 5);
        var y = layer.__call__(Ones(300, 20), training: true);
        var row_zero = y.eq(0).all(1);
        var row_kept = y.ne(0).all(1);
        Assert.That(row_zero.logical_or(row_kept).all().item<bool>(), Is.True, "each row is dropped or kept as a whole");
        Assert.That(row_zero.any().item<bool>() && row_kept.any().item<bool>(), Is.True);
    }

    [Test]
    public void Same_seed_gives_the_same_masks()
    {
        var a = new Dropout(0.3, seed: 42);
        var b = new Dropout(0.3, seed: 42);
        var c = new Dropout(0.3, seed: 43);
        var x = Ones(100, 100);
        var ya = a.__call__(x, training: true);
        Assert.That(ya.same_as(b.__call__(x, training: true)), Is.True);
        Assert.That(ya.same_as(c.__call__(x, training: true)), Is.False);
        Assert.That(a.__call__(x, training: true).same_as(b.__call__(x, training: true)), Is.True, "the second masks match too");
    }

    [TestCase(-0.1)]
    [TestCase(1.5)]
    [TestCase(double.NaN)]
    public void Rate_outside_the_unit_interval_is_refused_as_Keras(double rate)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout(rate));
        Assert.That(e!.Message, Does.StartWith($"Invalid value received for argument `rate`. Expected a float value between 0 and 1. Received: rate={KerasPort.Utils.PythonFormat.str(rate)}"));
    }

    [Test]
    public void Noise_shape_with_a_non_positive_dimension_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new Dropout(0.5, noise_shape: [0, null]));
    }

    [Test]
    public void Noise_shape_of_the_wrong_rank_is_refused_at_call()
    {
        var layer = new Dropout(0.5, noise_shape: [1, null, 1], seed: 1);
        Assert.Throws<ArgumentException>(() => layer.__call__(Ones(4, 4), training: true));
    }

    [Test]
    public void Gradient_flows_through_kept_units_only()
    {
        var layer = new Dropout(0.5, seed: 9);
        var x = torch.ones(20, 20, requires_grad: true);
        var y = layer.__call__(x, training: true);
        y.sum().backward();
        Assert.That(x.grad!.same_as(y.detach()), Is.True, "d(sum y)/dx is the mask times the scale");
    }

    [Test]
    public void Has_no_weights_and_Keras_config()
    {
        keras.backend.clear_session();
        var layer = new Dropout(0.2, noise_shape: [null, 1], seed: 7);
        Assert.That(layer.name, Is.EqualTo("dropout"));
        Assert.That(layer.built, Is.True);
        Assert.That(layer.count_params(), Is.EqualTo(0));
        var config = layer.get_config();
        Assert.That(config["rate"], Is.EqualTo(0.2));
        Assert.That(config["seed"], Is.EqualTo(7L));
        Assert.That(new Dropout(0.1).name, Is.EqualTo("dropout_1"));
    }
}
