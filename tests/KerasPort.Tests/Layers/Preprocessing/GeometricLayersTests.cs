using KerasPort.Layers;
using KerasPort.Tests.Layers;

namespace KerasPort.Tests.Layers.Preprocessing;

/// <summary>
/// Ports of Keras's random_rotation_test.py, random_zoom_test.py, random_translation_test.py, random_shear_test.py
/// and random_flip_test.py: fixed-factor numerics in both data formats, shapes, inference, argument errors.
/// </summary>
public sealed class GeometricLayersTests
{
    // A [1, H, W, 1] (or [1, 1, H, W]) ramp 0, 1, 2, ... as Keras's tests build it.
    private static Tensor Ramp(int height, int width, string data_format) =>
        torch.arange(height * width, dtype: torch.ScalarType.Float32)
            .reshape(data_format == "channels_last" ? [1, height, width, 1] : [1, 1, height, width]);

    private static Tensor Expected(float[,] values, string data_format)
    {
        int h = values.GetLength(0), w = values.GetLength(1);
        var flat = new float[h * w];
        Buffer.BlockCopy(values, 0, flat, 0, flat.Length * sizeof(float));
        return torch.tensor(flat).reshape(data_format == "channels_last" ? [1, h, w, 1] : [1, 1, h, w]);
    }

    private static void AssertClose(Tensor actual, Tensor expected, double atol = 1e-5)
    {
        Assert.That(actual.shape, Is.EqualTo(expected.shape));
        Assert.That((actual - expected).abs().max().item<float>(), Is.LessThanOrEqualTo(atol));
    }

    [Test]
    public void Rotation_by_half_a_turn_reverses_the_image()
    {
        var y = new RandomRotation((0.5, 0.5)).__call__(Ramp(5, 5, "channels_last"), training: true);
        AssertClose(y, Expected(new float[,] { { 24, 23, 22, 21, 20 }, { 19, 18, 17, 16, 15 }, { 14, 13, 12, 11, 10 }, { 9, 8, 7, 6, 5 }, { 4, 3, 2, 1, 0 } }, "channels_last"));
    }

    [Test]
    public void Geometric_layers_are_the_identity_at_inference()
    {
        var x = Ramp(5, 5, "channels_last");
        Layer[] layers = [new RandomRotation((0.5, 0.5)), new RandomZoom(0.5), new RandomTranslation(0.2, 0.2), new RandomShear(0.3, 0.3), new RandomFlip()];
        foreach (var layer in layers) Assert.That(layer.__call__(x, training: false).same_as(x), Is.True, layer.GetType().Name);
    }

    [Test]
    public void Called_directly_the_layers_augment_as_Keras_defaults_training_to_true()
    {
        var x = Ramp(5, 5, "channels_last");
        AssertClose(new RandomRotation((0.5, 0.5)).__call__(x), x.flip(1, 2));
        var pipeline = new KerasPort.Models.Sequential([new RandomRotation((0.5, 0.5)), new Rescaling(2.0)]);
        Assert.That((pipeline.__call__(x) - x.flip(1, 2) * 2).abs().max().item<float>(), Is.LessThan(1e-5));
        AssertClose(pipeline.__call__(x, training: false), x * 2, 0);
    }

    [Test]
    public void Zoom_out_fills_with_the_constant()
    {
        var layer = new RandomZoom((0.5, 0.5), width_factor: (0.8, 0.8), interpolation: "bilinear", fill_mode: "constant");
        AssertClose(layer.__call__(Ramp(5, 5, "channels_last"), training: true),
            Expected(new float[,] { { 0, 0, 0, 0, 0 }, { 0, 2.7f, 4.5f, 6.3f, 0 }, { 0, 10.2f, 12.0f, 13.8f, 0 }, { 0, 17.7f, 19.5f, 21.3f, 0 }, { 0, 0, 0, 0, 0 } }, "channels_last"));
    }

    [Test]
    public void Zoom_in_interpolates_the_centre()
    {
        var layer = new RandomZoom((-0.5, -0.5), width_factor: (-0.5, -0.5), interpolation: "bilinear", fill_mode: "constant");
        AssertClose(layer.__call__(Ramp(5, 5, "channels_last"), training: true),
            Expected(new float[,] { { 6, 6.5f, 7, 7.5f, 8 }, { 8.5f, 9, 9.5f, 10, 10.5f }, { 11, 11.5f, 12, 12.5f, 13 }, { 13.5f, 14, 14.5f, 15, 15.5f }, { 16, 16.5f, 17, 17.5f, 18 } }, "channels_last"));
    }

    private static readonly object[] Translations =
    [
        new object[] { -0.2, 0.0, "reflect", new float[,] { { 5, 6, 7, 8, 9 }, { 10, 11, 12, 13, 14 }, { 15, 16, 17, 18, 19 }, { 20, 21, 22, 23, 24 }, { 20, 21, 22, 23, 24 } } },
        new object[] { -0.2, 0.0, "constant", new float[,] { { 5, 6, 7, 8, 9 }, { 10, 11, 12, 13, 14 }, { 15, 16, 17, 18, 19 }, { 20, 21, 22, 23, 24 }, { 0, 0, 0, 0, 0 } } },
        new object[] { 0.2, 0.0, "reflect", new float[,] { { 0, 1, 2, 3, 4 }, { 0, 1, 2, 3, 4 }, { 5, 6, 7, 8, 9 }, { 10, 11, 12, 13, 14 }, { 15, 16, 17, 18, 19 } } },
        new object[] { 0.2, 0.0, "constant", new float[,] { { 0, 0, 0, 0, 0 }, { 0, 1, 2, 3, 4 }, { 5, 6, 7, 8, 9 }, { 10, 11, 12, 13, 14 }, { 15, 16, 17, 18, 19 } } },
        new object[] { 0.0, -0.2, "reflect", new float[,] { { 1, 2, 3, 4, 4 }, { 6, 7, 8, 9, 9 }, { 11, 12, 13, 14, 14 }, { 16, 17, 18, 19, 19 }, { 21, 22, 23, 24, 24 } } },
        new object[] { 0.0, -0.2, "constant", new float[,] { { 1, 2, 3, 4, 0 }, { 6, 7, 8, 9, 0 }, { 11, 12, 13, 14, 0 }, { 16, 17, 18, 19, 0 }, { 21, 22, 23, 24, 0 } } },
    ];

    [TestCaseSource(nameof(Translations))]
    public void Translation_shifts_by_whole_pixels(double dy, double dx, string fill_mode, float[,] expected)
    {
        foreach (var format in new[] { "channels_last", "channels_first" })
        {
            var layer = new RandomTranslation((dy, dy), (dx, dx), fill_mode: fill_mode, data_format: format);
            AssertClose(layer.__call__(Ramp(5, 5, format), training: true), Expected(expected, format));
        }
    }

    [Test]
    public void Translation_reflects_a_tall_image()
    {
        foreach (var format in new[] { "channels_last", "channels_first" })
        {
            var layer = new RandomTranslation((0.5, 0.5), 0.0, data_format: format);
            AssertClose(layer.__call__(Ramp(8, 2, format), training: true),
                Expected(new float[,] { { 6, 7 }, { 4, 5 }, { 2, 3 }, { 0, 1 }, { 0, 1 }, { 2, 3 }, { 4, 5 }, { 6, 7 } }, format));
        }
    }

    [Test]
    public void Geometric_layers_keep_the_shape_batched_and_unbatched()
    {
        Layer[] layers = [new RandomRotation(0.2), new RandomRotation((-0.2, 0.3)), new RandomZoom(-0.2, 0.3), new RandomZoom((-0.2, 0.3)),
            new RandomTranslation(-0.2, 0.3), new RandomShear(0.3, 0.1), new RandomFlip("horizontal")];
        foreach (var layer in layers)
        {
            Assert.That(layer.__call__(torch.rand(2, 3, 4), training: true).shape, Is.EqualTo(new long[] { 2, 3, 4 }), layer.name);
            Assert.That(layer.__call__(torch.rand(2, 6, 5, 3), training: true).shape, Is.EqualTo(new long[] { 2, 6, 5, 3 }), layer.name);
            Assert.That(layer.compute_output_shape([null, 6, 5, 3]), Is.EqualTo(new long?[] { null, 6, 5, 3 }));
        }
    }

    [Test]
    public void An_unbatched_image_is_the_batch_of_one_with_the_same_seed()
    {
        var x = torch.rand(7, 9, 3);
        Func<Layer>[] makers = [() => new RandomRotation(0.2, seed: 3), () => new RandomZoom(0.3, seed: 3), () => new RandomShear(0.3, 0.2, seed: 3),
            () => new RandomTranslation(0.2, 0.2, seed: 3), () => new RandomFlip(seed: 5)];
        foreach (var make in makers)
        {
            var one = make().__call__(x, training: true);
            var batch = make().__call__(x.unsqueeze(0), training: true);
            Assert.That(one.same_as(batch[0]), Is.True, make().GetType().Name);
        }
    }

    [Test]
    public void Channels_first_gives_the_channels_last_result_transposed()
    {
        var x = torch.rand(2, 7, 9, 3);
        Func<string, Layer>[] makers = [f => new RandomRotation(0.2, seed: 3, data_format: f), f => new RandomZoom(0.3, (0.1, 0.2), seed: 3, data_format: f),
            f => new RandomShear(0.3, 0.2, seed: 3, data_format: f), f => new RandomTranslation(0.2, 0.2, fill_mode: "wrap", seed: 3, data_format: f),
            f => new RandomFlip(seed: 4, data_format: f)];
        foreach (var make in makers)
        {
            var last = make("channels_last").__call__(x, training: true);
            var first = make("channels_first").__call__(x.permute(0, 3, 1, 2), training: true);
            AssertClose(first.permute(0, 2, 3, 1), last, 1e-6);
        }
    }

    [Test]
    public void Flip_horizontal_and_vertical_mirror_the_chosen_axes()
    {
        var x = torch.arange(2 * 3 * 4, dtype: torch.ScalarType.Float32).reshape(2, 3, 4, 1);
        // Same seed, same draws: the images flipped by one mode are the images flipped by the other.
        var h = new RandomFlip("horizontal", seed: 11).__call__(x, training: true);
        var v = new RandomFlip("vertical", seed: 11).__call__(x, training: true);
        var both = new RandomFlip("horizontal_and_vertical", seed: 11).__call__(x, training: true);
        for (int i = 0; i < 2; i++)
        {
            bool flipped = !h[i].same_as(x[i]);
            Assert.That(h[i].same_as(flipped ? x[i].flip(1) : x[i]), Is.True);
            Assert.That(v[i].same_as(flipped ? x[i].flip(0) : x[i]), Is.True);
            Assert.That(both[i].same_as(flipped ? x[i].flip(0, 1) : x[i]), Is.True);
        }
    }

    [Test]
    public void Bad_factors_modes_and_interpolations_raise_at_construction()
    {
        Assert.That(() => new RandomRotation(1.5), Throws.ArgumentException.With.Message.Contains("in the range [-1, 1]").And.Message.Contains("factor=1.5"));
        Assert.That(() => new RandomRotation(new[] { 0.1, 0.2, 0.3 }), Throws.ArgumentException.With.Property("ParamName").EqualTo("factor"));
        Assert.That(() => new RandomRotation(0.1, fill_mode: "mirror"), Throws.ArgumentException.With.Message.Contains("Unknown `fill_mode` mirror"));
        Assert.That(() => new RandomRotation(0.1, interpolation: "bicubic"), Throws.ArgumentException.With.Message.Contains("Unknown `interpolation` bicubic"));
        Assert.That(() => new RandomZoom(-1.0), Throws.ArgumentException.With.Message.Contains("(-1.0, 1.0]").And.Property("ParamName").EqualTo("height_factor"));
        Assert.That(() => new RandomZoom(0.2, width_factor: (0.1, 1.5)), Throws.ArgumentException.With.Property("ParamName").EqualTo("width_factor"));
        // random_translation_test.py: test_random_translation_with_bad_factor
        Assert.That(() => new RandomTranslation(2.0, 0.0), Throws.ArgumentException.With.Message.Contains("input_number=2.0"));
        Assert.That(() => new RandomTranslation(0.0, (-1.5, 0.2)), Throws.ArgumentException.With.Property("ParamName").EqualTo("width_factor"));
        Assert.That(() => new RandomShear(x_factor: -0.1), Throws.ArgumentException.With.Message.Contains("[0, 1.0]"));
        Assert.That(() => new RandomFlip("diagonal"), Throws.ArgumentException.With.Property("ParamName").EqualTo("mode"));
        Assert.That(() => new RandomFlip(data_format: "channels_middle"), Throws.ArgumentException.With.Message.Contains("data_format"));
    }

    [Test]
    public void Rank_two_input_is_refused()
    {
        Assert.That(() => new RandomRotation(0.1).__call__(torch.rand(3, 4), training: true),
            Throws.ArgumentException.With.Message.Contains("Expected image tensor to have rank 3"));
    }
}
