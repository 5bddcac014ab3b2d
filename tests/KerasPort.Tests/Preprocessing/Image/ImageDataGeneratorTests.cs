using System.Text.Json;
using KerasPort.Preprocessing.Image;
using KerasPort.Utils;

namespace KerasPort.Tests.Preprocessing.Image;

/// <summary>
/// ImageDataGenerator against keras-preprocessing (= Keras 3's legacy module): random parameters
/// bit for bit, transformed images within 1e-4 on the 0..255 scale.
/// </summary>
[NonParallelizable]
public class ImageDataGeneratorTests : ImageDataGeneratorWarningsTest
{
    public static IEnumerable<TestCaseData> GetRandomTransformCases() => ImageCase.OfKind("get_random_transform");
    public static IEnumerable<TestCaseData> RandomTransformCases() => ImageCase.OfKind("random_transform");
    public static IEnumerable<TestCaseData> ApplyTransformCases() => ImageCase.OfKind("apply_transform");

    [TestCaseSource(nameof(GetRandomTransformCases))]
    public void Get_random_transform_draws_keras_values(string name)
    {
        var c = ImageCase.Load(name);
        var g = GeneratorConfig.Create(c.Json.GetProperty("generator_config"));
        long[] shape = c.Json.GetProperty("img_shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        var seeds = c.Json.GetProperty("seeds").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        var expected = c.Json.GetProperty("expected").EnumerateArray().ToArray();
        var positions = c.Json.GetProperty("rng_pos_after").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        for (int i = 0; i < seeds.Length; i++)
        {
            var p = g.get_random_transform(shape, seeds[i]);
            Assert.That(RandomState.Global.get_state().pos, Is.EqualTo(positions[i]), $"seed {seeds[i]}: words consumed");
            Assert.That(p, Is.EqualTo(GeneratorConfig.Parameters(expected[i])), $"seed {seeds[i]}");
        }
    }

    [TestCaseSource(nameof(RandomTransformCases))]
    public void Random_transform_gives_keras_image(string name)
    {
        var c = ImageCase.Load(name);
        var x = c.Arrays["x"];
        long seed = c.Json.GetProperty("seed").GetInt64();
        if (c.Json.TryGetProperty("error", out var error))
        {
            var g0 = GeneratorConfig.Create(c.Json.GetProperty("generator_config"));
            var ex = Assert.Throws<ArgumentException>(() => g0.random_transform(x, seed));
            Assert.That(ex!.Message, Does.StartWith(error.GetProperty("message").GetString()!));
            return;
        }
        var g = GeneratorConfig.Create(c.Json.GetProperty("generator_config"));
        Assert.That(g.get_random_transform(x.shape, seed), Is.EqualTo(GeneratorConfig.Parameters(c.Json.GetProperty("params"))), "parameters");
        var actual = g.random_transform(x, seed);
        AssertImage(actual, c.Arrays["expected"], x);
    }

    [TestCaseSource(nameof(ApplyTransformCases))]
    public void Apply_transform_gives_keras_image(string name)
    {
        var c = ImageCase.Load(name);
        var g = GeneratorConfig.Create(c.Json.GetProperty("generator_config"));
        var x = c.Arrays["x"];
        var actual = g.apply_transform(x, GeneratorConfig.Parameters(c.Json.GetProperty("transform_parameters")));
        AssertImage(actual, c.Arrays["expected"], x);
    }

    [Test]
    public void Constructor_rejects_bad_arguments_with_keras_messages()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ImageDataGenerator(data_format: "channels_middle"));
        Assert.That(ex!.Message, Does.Contain("Received: channels_middle"));
        ex = Assert.Throws<ArgumentException>(() => new ImageDataGenerator(fill_mode: "mirror"));
        Assert.That(ex!.Message, Does.Contain("fill_mode=mirror"));
        ex = Assert.Throws<ArgumentException>(() => new ImageDataGenerator(brightness_range: [0.5, 1.0, 1.5]));
        Assert.That(ex!.Message, Does.Contain("`brightness_range should be tuple or list of two floats"));
        ex = Assert.Throws<ArgumentException>(() => new ImageDataGenerator(zoom_range: new[] { 0.5 }));
        Assert.That(ex!.Message, Does.Contain("`zoom_range` should be a float or a tuple or list of two floats"));
        foreach (double split in new[] { 1.0, -0.1, 1.5 })
        {
            ex = Assert.Throws<ArgumentException>(() => new ImageDataGenerator(validation_split: split));
            Assert.That(ex!.Message, Does.Contain("`validation_split` must be strictly between 0 and 1"));
        }
        Assert.Throws<ArgumentException>(() => new ImageDataGenerator(interpolation_order: 3));
        Assert.Throws<ArgumentException>(() => new ImageDataGenerator(dtype: "int8"));
        Assert.That(new ImageDataGenerator(validation_split: 0.0).validation_split, Is.Zero);
    }

    [Test]
    public void Constructor_normalises_ranges_and_axes()
    {
        var g = new ImageDataGenerator(zoom_range: 0.25, data_format: "channels_first", width_shift_range: 5);
        Assert.That(g.zoom_range, Is.EqualTo(new[] { 0.75, 1.25 }));
        Assert.That((g.channel_axis, g.row_axis, g.col_axis), Is.EqualTo((1, 2, 3)));
        Assert.That(new ImageDataGenerator(zoom_range: new[] { 0.8, 1.5 }).zoom_range, Is.EqualTo(new[] { 0.8, 1.5 }));
        Assert.That(new ImageDataGenerator().zoom_range, Is.EqualTo(new[] { 1.0, 1.0 }));
        Assert.That(warnings.lines(), Is.Empty);
    }

    [Test]
    public void Zca_and_std_overrides_warn_as_keras()
    {
        var g = new ImageDataGenerator(zca_whitening: true, featurewise_std_normalization: true);
        Assert.That((g.featurewise_center, g.featurewise_std_normalization), Is.EqualTo((true, false)));
        Assert.That(warnings.lines(), Is.EqualTo(new[]
        {
            "This ImageDataGenerator specifies `zca_whitening`, which overrides setting of `featurewise_center`.",
            "This ImageDataGenerator specifies `zca_whitening` which overrides setting of`featurewise_std_normalization`.",
            "This ImageDataGenerator specifies `featurewise_std_normalization`, which overrides setting of `featurewise_center`.",
        }));
    }

    [Test]
    public void Int_shift_range_draws_whole_pixels_with_zero_twice_as_likely()
    {
        var g = new ImageDataGenerator(width_shift_range: 3);
        var counts = new Dictionary<double, int>();
        RandomState.Global.seed(5);
        for (int i = 0; i < 6000; i++)
        {
            double ty = g.get_random_transform([8, 8, 3]).ty;
            counts[ty] = counts.GetValueOrDefault(ty) + 1;
        }
        Assert.That(counts.Keys.Order(), Is.EqualTo(new double[] { -2, -1, 0, 1, 2 }));
        Assert.That(counts[0], Is.InRange(1800, 2200));
        Assert.That(counts[2], Is.InRange(800, 1200));
    }

    [Test]
    public void Random_transform_of_a_seed_repeats_and_keeps_the_input()
    {
        var g = new ImageDataGenerator(rotation_range: 40, width_shift_range: 0.2, height_shift_range: 0.2,
            brightness_range: [0.5, 1.5], shear_range: 0.2, zoom_range: 0.4, horizontal_flip: true);
        var x = torch.rand(12, 10, 3) * 255;
        var copy = x.clone();
        var a = g.random_transform(x, 3);
        var b = g.random_transform(x, 3);
        Assert.That(a.eq(b).all().item<bool>(), Is.True);
        Assert.That(x.eq(copy).all().item<bool>(), Is.True);
    }

    [Test]
    public void Apply_transform_gives_the_same_images_in_parallel()
    {
        var g = new ImageDataGenerator(rotation_range: 40, width_shift_range: 0.2, height_shift_range: 0.2,
            brightness_range: [0.5, 1.5], shear_range: 0.2, zoom_range: 0.4, horizontal_flip: true,
            vertical_flip: true, channel_shift_range: 20);
        RandomState.Global.seed(1);
        var images = Enumerable.Range(0, 16).Select(_ => (torch.rand(32, 24, 3) * 255).floor()).ToArray();
        var parameters = images.Select(image => g.get_random_transform(image.shape)).ToArray();
        var serial = images.Select((image, i) => g.apply_transform(image, parameters[i])).ToArray();
        var parallel = new Tensor[images.Length];
        Parallel.For(0, images.Length, i => parallel[i] = g.apply_transform(images[i], parameters[i]));
        for (int i = 0; i < images.Length; i++)
            Assert.That(parallel[i].eq(serial[i]).all().item<bool>(), Is.True, $"image {i}");
    }

    private static void AssertImage(Tensor actual, Tensor expected, Tensor input)
    {
        Assert.That(actual.shape, Is.EqualTo(expected.shape), "shape");
        Assert.That(actual.dtype, Is.EqualTo(ScalarType.Float32), "dtype");
        double scale = Math.Max(1.0, input.abs().max().item<float>() / 255.0);
        var (diff, at) = ImageCase.MaxAbsDiff(actual, expected);
        Assert.That(diff, Is.LessThanOrEqualTo(1e-4 * scale), $"largest difference at flat index {at}");
    }
}
