using KerasPort.Layers;
using KerasPort.Tests.Layers;

namespace KerasPort.Tests.Layers.Preprocessing;

/// <summary>
/// Ports of Keras's colour-layer tests (random_contrast_test.py, random_brightness_test.py, random_grayscale_test.py,
/// random_saturation_test.py, random_hue_test.py, random_sharpness_test.py, random_invert_test.py,
/// random_posterization_test.py, auto_contrast_test.py, solarization_test.py, equalization_test.py,
/// random_color_jitter_test.py, random_erasing_test.py, mix_up_test.py, cut_mix_test.py, rand_augment_test.py):
/// value ranges, inference, shapes and argument errors.
/// </summary>
public sealed class ColorLayersTests
{
    private static Tensor Images(params long[] shape) => torch.rand(shape) * 255;

    [Test]
    public void Contrast_stays_in_the_value_range_and_keeps_the_mean()
    {
        var x = Images(4, 8, 8, 3);
        var y = new RandomContrast(0.5, seed: 1).__call__(x, training: true);
        Assert.That(y.min().item<float>(), Is.GreaterThanOrEqualTo(0));
        Assert.That(y.max().item<float>(), Is.LessThanOrEqualTo(255));
        var unclipped = new RandomContrast(0.5, value_range: [-1e6, 1e6], seed: 1).__call__(x, training: true);
        Assert.That((unclipped.mean([1, 2]) - x.mean([1, 2])).abs().max().item<float>(), Is.LessThan(1e-2));
        Assert.That(new RandomContrast(0.5).__call__(x, training: false).same_as(x), Is.True);
    }

    [Test]
    public void Brightness_shifts_each_image_by_one_delta()
    {
        var x = torch.full(new long[] { 3, 4, 4, 3 }, 100f);
        var y = new RandomBrightness(0.2, seed: 2).__call__(x, training: true);
        for (int i = 0; i < 3; i++)
        {
            var delta = y[i] - 100f;
            Assert.That((delta - delta.flatten()[0]).abs().max().item<float>(), Is.LessThan(1e-4));
            Assert.That(delta.abs().max().item<float>(), Is.LessThanOrEqualTo(0.2 * 255 + 1e-3));
        }
        Assert.That(new RandomBrightness(0.2).__call__(x, training: false).same_as(x), Is.True);
    }

    [Test]
    public void Brightness_clips_to_the_value_range()
    {
        var y = new RandomBrightness((0.5, 0.5), value_range: [0, 1]).__call__(torch.full(new long[] { 2, 3, 3, 3 }, 0.8f), training: true);
        Assert.That(y.max().item<float>(), Is.EqualTo(1f));
    }

    [Test]
    public void Grayscale_with_factor_one_makes_equal_channels()
    {
        var x = Images(2, 5, 5, 3);
        var y = new RandomGrayscale(1.0).__call__(x, training: true);
        Assert.That(y.shape, Is.EqualTo(x.shape));
        Assert.That((y[.., .., .., 0] - y[.., .., .., 1]).abs().max().item<float>(), Is.EqualTo(0));
        Assert.That(new RandomGrayscale(0.0).__call__(x, training: true).same_as(x), Is.True);
        var cf = new RandomGrayscale(1.0, data_format: "channels_first").__call__(x.permute(0, 3, 1, 2), training: true);
        Assert.That((cf.permute(0, 2, 3, 1) - y).abs().max().item<float>(), Is.LessThan(1e-4));
    }

    [Test]
    public void Invert_with_factor_one_inverts_every_image()
    {
        var x = Images(3, 4, 4, 3);
        var y = new RandomInvert(1.0).__call__(x, training: true);
        // factor 1 gives probabilities drawn from [0, 1): most images are inverted, each wholly or not at all.
        for (int i = 0; i < 3; i++)
            Assert.That(y[i].same_as(x[i]) || (y[i] - (255 - x[i])).abs().max().item<float>() < 1e-4, Is.True);
        Assert.That(new RandomInvert().__call__(x, training: false).same_as(x), Is.True);
    }

    [Test]
    public void Posterization_keeps_the_top_bits()
    {
        var x = torch.arange(256, dtype: torch.ScalarType.Float32).reshape(1, 16, 16, 1).expand(2, 16, 16, 3).contiguous();
        var y = new RandomPosterization((4, 4)).__call__(x, training: true);
        var expected = (x / 16).floor() * 16;
        Assert.That(y.same_as(expected), Is.True);
    }

    [Test]
    public void AutoContrast_stretches_to_the_full_range_in_training_and_inference()
    {
        var x = torch.linspace(50, 100, 48).reshape(1, 4, 4, 3);
        foreach (var training in new[] { true, false })
        {
            var y = new AutoContrast().__call__(x, training: training);
            Assert.That(y.amin([1, 2]).max().item<float>(), Is.EqualTo(0).Within(1e-3));
            Assert.That(y.amax([1, 2]).min().item<float>(), Is.EqualTo(255).Within(1e-3));
        }
        // A flat image has no range to stretch: Keras keeps the input where the result is NaN.
        var flat = torch.full(new long[] { 1, 3, 3, 3 }, 7f);
        Assert.That(new AutoContrast().__call__(flat).same_as(flat), Is.True);
    }

    [Test]
    public void Solarization_inverts_above_the_threshold()
    {
        var x = torch.tensor(new float[] { 0, 100, 200, 255 }).reshape(1, 2, 2, 1);
        // A threshold factor of 0 draws a threshold of 0: every pixel is at or above it.
        var y = new Solarization().__call__(x, training: true);
        Assert.That(y.same_as(255 - x), Is.True);
        // Keras draws the threshold from [lower, upper * 255]: here [0.9, 229.5], so 255 is always inverted.
        var z = new Solarization(threshold_factor: (0.9, 0.9), seed: 1).__call__(x, training: true);
        Assert.That(z[0, 1, 1, 0].item<float>(), Is.EqualTo(0f));
        Assert.That(new Solarization(0.5, 0.5).__call__(x, training: false).same_as(x), Is.True);
    }

    [Test]
    public void Equalization_spreads_the_histogram()
    {
        var x = torch.linspace(100, 120, 64).reshape(1, 8, 8, 1);
        var y = new Equalization().__call__(x, training: true);
        Assert.That(new Equalization().__call__(x, training: false).same_as(x), Is.True);
        Assert.That(y.min().item<float>(), Is.EqualTo(0));
        Assert.That(y.max().item<float>(), Is.EqualTo(255));
        var flat = torch.full(new long[] { 1, 4, 4, 3 }, 9f);
        Assert.That(new Equalization().__call__(flat, training: true).same_as(flat), Is.True);
    }

    [Test]
    public void Colour_layers_keep_shapes_batched_unbatched_and_channels_first()
    {
        Func<string, Layer>[] makers =
        [
            f => new RandomContrast(0.3, seed: 1, data_format: f), f => new RandomBrightness(0.3, seed: 1, data_format: f),
            f => new RandomSaturation(0.4, seed: 1, data_format: f), f => new RandomHue(0.3, seed: 1, data_format: f),
            f => new RandomSharpness(0.3, seed: 1, data_format: f), f => new RandomColorJitter(brightness_factor: 0.2, contrast_factor: 0.2, saturation_factor: 0.3, hue_factor: 0.1, seed: 1, data_format: f),
            f => new RandomInvert(0.5, seed: 1, data_format: f), f => new RandomPosterization(4, seed: 1, data_format: f),
            f => new AutoContrast(data_format: f), f => new Solarization(0.2, 0.5, seed: 1, data_format: f), f => new Equalization(data_format: f),
            f => new RandomColorDegeneration(0.5, seed: 1, data_format: f), f => new RandomErasing(seed: 1, data_format: f),
            f => new MixUp(seed: 1, data_format: f), f => new CutMix(seed: 1, data_format: f), f => new RandAugment(seed: 1, data_format: f),
            f => new RandomGrayscale(0.5, seed: 1, data_format: f), f => new RandomGaussianBlur(kernel_size: 5, seed: 1, data_format: f),
            f => new RandomPerspective(scale: 0.3, seed: 1, data_format: f), f => new AugMix(seed: 1, data_format: f),
            f => new RandomElasticTransform(scale: 0.5, seed: 1, data_format: f),
        ];
        var x = Images(2, 6, 7, 3);
        foreach (var make in makers)
        {
            var last = make("channels_last");
            Assert.That(last.__call__(x, training: true).shape, Is.EqualTo(x.shape), last.name);
            Assert.That(last.__call__(x[0], training: true).shape, Is.EqualTo(x[0].shape), last.name);
            Assert.That(last.compute_output_shape([null, 6, 7, 3]), Is.EqualTo(new long?[] { null, 6, 7, 3 }));
            var first = make("channels_first");
            Assert.That(first.__call__(x.permute(0, 3, 1, 2), training: true).shape, Is.EqualTo(new long[] { 2, 3, 6, 7 }), first.name);
        }
    }

    [Test]
    public void Channels_first_colour_layers_give_the_channels_last_result()
    {
        var x = Images(3, 6, 7, 3);
        Func<string, Layer>[] makers =
        [
            f => new RandomContrast(0.3, seed: 1, data_format: f), f => new RandomSaturation(0.4, seed: 1, data_format: f),
            f => new RandomHue(0.3, seed: 1, data_format: f), f => new RandomSharpness(0.3, seed: 1, data_format: f),
            f => new Equalization(data_format: f), f => new RandomErasing(fill_value: [3.0], seed: 1, data_format: f),
            f => new CutMix(seed: 1, data_format: f),
        ];
        foreach (var make in makers)
        {
            var last = make("channels_last").__call__(x, training: true);
            var first = make("channels_first").__call__(x.permute(0, 3, 1, 2), training: true).permute(0, 2, 3, 1);
            Assert.That((last - first).abs().max().item<float>(), Is.LessThan(1e-3), make("channels_last").GetType().Name);
        }
    }

    [Test]
    public void MixUp_blends_two_images_of_the_batch()
    {
        var x = torch.stack([torch.zeros(4, 4, 3), torch.full(new long[] { 4, 4, 3 }, 10f)]);
        var y = new MixUp(alpha: 0.3, seed: 5).__call__(x, training: true);
        for (int i = 0; i < 2; i++)
        {
            var v = y[i].flatten();
            Assert.That((v - v[0]).abs().max().item<float>(), Is.LessThan(1e-5));
            Assert.That(v[0].item<float>(), Is.InRange(0f, 10f));
        }
        Assert.That(new MixUp().__call__(x, training: false).same_as(x), Is.True);
    }

    [Test]
    public void CutMix_pastes_boxes_from_the_batch_and_leaves_one_image_alone()
    {
        var x = torch.stack([torch.zeros(8, 8, 3), torch.ones(8, 8, 3)]);
        var y = new CutMix(seed: 3).__call__(x, training: true);
        Assert.That(y.eq(0).logical_or(y.eq(1)).all().item<bool>(), Is.True);
        Assert.That(new CutMix().__call__(x[0], training: true).same_as(x[0]), Is.True);
    }

    [Test]
    public void RandomErasing_fills_one_box_with_the_fill_value()
    {
        var x = torch.full(new long[] { 2, 10, 10, 3 }, 50f);
        var y = new RandomErasing(factor: (1.0, 1.0), scale: (0.2, 0.2), fill_value: [7.0], seed: 4).__call__(x, training: true);
        Assert.That(y.eq(50).logical_or(y.eq(7)).all().item<bool>(), Is.True);
        Assert.That(new RandomErasing().__call__(x, training: false).same_as(x), Is.True);
    }

    [Test]
    public void Bad_colour_arguments_raise_at_construction()
    {
        Assert.That(() => new RandomContrast(1.5), Throws.ArgumentException.With.Message.Contains("in the range [0, 1]"));
        Assert.That(() => new RandomContrast(-0.1), Throws.ArgumentException.With.Property("ParamName").EqualTo("factor"));
        Assert.That(() => new RandomBrightness(1.2), Throws.ArgumentException.With.Message.Contains("[-1, 1]"));
        Assert.That(() => new RandomBrightness(0.2, value_range: [0, 1, 2]), Throws.ArgumentException.With.Message.Contains("should be a list of two numbers").And.Property("ParamName").EqualTo("value_range"));
        Assert.That(() => new RandomGrayscale(1.5), Throws.ArgumentException.With.Message.Contains("`factor` should be between 0 and 1"));
        Assert.That(() => new RandomHue(2.0), Throws.ArgumentException);
        Assert.That(() => new RandomSaturation(1.5), Throws.ArgumentException);
        Assert.That(() => new RandomSharpness(1.5), Throws.ArgumentException);
        Assert.That(() => new RandomInvert(1.5), Throws.ArgumentException);
        Assert.That(() => new RandomPosterization(9), Throws.ArgumentException.With.Message.Contains("[1, 8]"));
        Assert.That(() => new Solarization(addition_factor: 1.5), Throws.ArgumentException.With.Property("ParamName").EqualTo("addition_factor"));
        Assert.That(() => new AutoContrast(value_range: [1]), Throws.ArgumentException.With.Property("ParamName").EqualTo("value_range"));
        Assert.That(() => new Equalization(value_range: [0, 1, 2]), Throws.ArgumentException);
        Assert.That(() => new RandomErasing(scale: 1.5), Throws.ArgumentException.With.Property("ParamName").EqualTo("scale"));
        Assert.That(() => new RandomErasing(fill_value: [1.0, 2.0]), Throws.ArgumentException.With.Property("ParamName").EqualTo("fill_value"));
        Assert.That(() => new CutMix(1.5), Throws.ArgumentException);
        Assert.That(() => new RandAugment(factor: 1.5), Throws.ArgumentException);
        Assert.That(() => new MixUp(alpha: 0), Throws.ArgumentException.With.Property("ParamName").EqualTo("alpha"));
        Assert.That(() => new RandomGaussianBlur(kernel_size: 4), Throws.ArgumentException.With.Message.Contains("must be an odd number"));
        Assert.That(() => new RandomGaussianBlur(sigma: 1.5), Throws.ArgumentException.With.Property("ParamName").EqualTo("sigma"));
        Assert.That(() => new RandomPerspective(scale: 1.5), Throws.ArgumentException.With.Message.Contains("[0,1]"));
        Assert.That(() => new RandomPerspective(interpolation: "bicubic"), Throws.ArgumentException.With.Property("ParamName").EqualTo("interpolation"));
        Assert.That(() => new AugMix(factor: 1.5), Throws.ArgumentException);
        Assert.That(() => new AugMix(num_chains: 0), Throws.ArgumentException.With.Property("ParamName").EqualTo("num_chains"));
        Assert.That(() => new RandomElasticTransform(scale: 2.0), Throws.ArgumentException.With.Property("ParamName").EqualTo("scale"));
        Assert.That(() => new RandomElasticTransform(fill_mode: "edge"), Throws.ArgumentException.With.Property("ParamName").EqualTo("fill_mode"));
    }
}
