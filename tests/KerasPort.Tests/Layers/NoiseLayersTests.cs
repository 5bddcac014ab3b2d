using KerasPort.Layers;

namespace KerasPort.Tests.Layers;

/// <summary>SpatialDropout1D/2D, GaussianNoise, GaussianDropout and AlphaDropout: statistics in training, identity at inference.</summary>
public sealed class NoiseLayersTests
{
    [Test]
    public void SpatialDropout1D_drops_whole_channels()
    {
        var y = new SpatialDropout1D(0.5, seed: 1).__call__(torch.ones(40, 30, 16), training: true);
        var per_channel_zero = y.eq(0).all(1);
        var per_channel_kept = y.ne(0).all(1);
        Assert.That(per_channel_zero.logical_or(per_channel_kept).all().item<bool>(), Is.True);
        double dropped = per_channel_zero.to_type(torch.ScalarType.Float64).mean().item<double>();
        Assert.That(dropped, Is.InRange(0.4, 0.6));
        Assert.That(y.max().item<float>(), Is.EqualTo(2.0f).Within(1e-6));
    }

    [Test]
    public void SpatialDropout1D_needs_3D_inputs()
    {
        Assert.Throws<ArgumentException>(() => new SpatialDropout1D(0.5).__call__(torch.ones(4, 4), training: true));
    }

    [TestCase("channels_last")]
    [TestCase("channels_first")]
    public void SpatialDropout2D_drops_whole_feature_maps(string data_format)
    {
        bool last = data_format == "channels_last";
        var x = last ? torch.ones(20, 6, 6, 32) : torch.ones(20, 32, 6, 6);
        var y = new SpatialDropout2D(0.5, data_format: data_format, seed: 2).__call__(x, training: true);
        long[] spatial = last ? [1, 2] : [2, 3];
        var zero = y.eq(0).all(spatial[1]).all(spatial[0]);
        var kept = y.ne(0).all(spatial[1]).all(spatial[0]);
        Assert.That(zero.logical_or(kept).all().item<bool>(), Is.True);
        Assert.That(zero.to_type(torch.ScalarType.Float64).mean().item<double>(), Is.InRange(0.4, 0.6));
    }

    [Test]
    public void GaussianNoise_adds_noise_of_the_given_stddev()
    {
        var x = torch.zeros(1000, 1000);
        var y = new GaussianNoise(0.3, seed: 3).__call__(x, training: true);
        Assert.That(y.mean().item<float>(), Is.EqualTo(0).Within(0.002));
        Assert.That(y.std().item<float>(), Is.EqualTo(0.3).Within(0.002));
        Assert.That(new GaussianNoise(0.3).__call__(x).same_as(x), Is.True);
    }

    [Test]
    public void GaussianDropout_multiplies_by_noise_of_mean_one()
    {
        double rate = 0.2;
        var y = new GaussianDropout(rate, seed: 4).__call__(torch.ones(1000, 1000), training: true);
        Assert.That(y.mean().item<float>(), Is.EqualTo(1).Within(0.003));
        Assert.That(y.std().item<float>(), Is.EqualTo(Math.Sqrt(rate / (1 - rate))).Within(0.003));
        var x = torch.randn(5, 5);
        Assert.That(new GaussianDropout(rate).__call__(x).same_as(x), Is.True);
    }

    [Test]
    public void AlphaDropout_keeps_mean_and_variance_of_standard_inputs()
    {
        var x = torch.randn(1000, 1000, generator: new torch.Generator(5));
        var y = new AlphaDropout(0.2, seed: 6).__call__(x, training: true);
        Assert.That(y.mean().item<float>(), Is.EqualTo(0).Within(0.01));
        Assert.That(y.std().item<float>(), Is.EqualTo(1).Within(0.01));
        Assert.That(new AlphaDropout(0.2).__call__(x).same_as(x), Is.True);
    }

    [Test]
    public void Noise_layers_with_the_same_seed_repeat()
    {
        var x = torch.ones(50, 50);
        Assert.That(new GaussianNoise(0.5, seed: 8).__call__(x, true).same_as(new GaussianNoise(0.5, seed: 8).__call__(x, true)), Is.True);
        Assert.That(new AlphaDropout(0.5, seed: 8).__call__(x, true).same_as(new AlphaDropout(0.5, seed: 8).__call__(x, true)), Is.True);
    }

    [Test]
    public void Arguments_outside_the_unit_interval_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianNoise(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianDropout(1.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AlphaDropout(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SpatialDropout1D(-0.5));
        Assert.Throws<ArgumentException>(() => new SpatialDropout2D(0.5, data_format: "nhwc"));
    }
}
