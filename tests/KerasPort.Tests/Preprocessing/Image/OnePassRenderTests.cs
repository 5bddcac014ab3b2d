using KerasPort.Preprocessing.Image;
using KerasPort.Utils;

namespace KerasPort.Tests.Preprocessing.Image;

/// <summary>
/// The iterators' one-pass render (resample, flips, brightness and rescale written straight into
/// the batch) against the general path it replaces, apply_transform then standardize, which the
/// recorded Keras cases check: bit for bit, over layouts, modes and value ranges.
/// </summary>
public class OnePassRenderTests
{
    private static ImageDataGenerator generator(bool brightness, bool rescale, string fill_mode = "nearest", double cval = 0,
                                                int order = 1, double channel_shift = 0, bool flips = true) =>
        new(rotation_range: 40, width_shift_range: 0.2, height_shift_range: 0.2, shear_range: 0.2, zoom_range: 0.4,
            brightness_range: brightness ? [0.5, 1.5] : null, rescale: rescale ? 1.0 / 255 : null,
            horizontal_flip: flips, vertical_flip: flips, fill_mode: fill_mode, cval: cval, interpolation_order: order,
            channel_shift_range: channel_shift);

    // Integer-like values in [0, 255] as decoded pictures have (the brightness lookup's domain), or
    // any values, which Keras scales before the blend.
    private static Tensor images(int n, int h, int w, int channels, double low, double high, bool integers)
    {
        var x = torch.rand(n, h, w, channels, dtype: ScalarType.Float64) * (high - low) + low;
        return (integers ? x.floor() : x).to_type(ScalarType.Float32);
    }

    // Each image of the iterator's first batch against apply_transform + standardize with the
    // parameters the iterator draws (seed 7, no shuffle: the draws follow np.random.seed(7)).
    private static void assert_same_as_general_path(ImageDataGenerator g, Tensor x)
    {
        using var it = g.flow(x, batch_size: (int)x.shape[0], shuffle: false, seed: 7);
        var batch = it.next().x;
        RandomState.Global.seed(7);
        for (int i = 0; i < x.shape[0]; i++)
        {
            var p = g.get_random_transform(x.shape[1..]);
            var expected = g.standardize(g.apply_transform(x[i].clone(), p));
            Assert.That(batch[i].bytes.ToArray(), Is.EqualTo(expected.bytes.ToArray()), $"image {i}: {p}");
        }
    }

    [TestCase(3, true, true)]
    [TestCase(3, true, false)]
    [TestCase(3, false, true)]
    [TestCase(3, false, false)]
    [TestCase(4, true, true)]
    [TestCase(1, true, true)]
    [TestCase(1, false, true)]
    [TestCase(2, false, true)]
    public void Matches_apply_transform_then_standardize(int channels, bool brightness, bool rescale)
    {
        torch.manual_seed(channels * 4 + (brightness ? 2 : 0) + (rescale ? 1 : 0));
        // Odd widths leave vector tails in every row.
        assert_same_as_general_path(generator(brightness, rescale), images(6, 13, 11, channels, 0, 255, integers: true));
        assert_same_as_general_path(generator(brightness, rescale), images(6, 9, 17, channels, 0, 255, integers: false));
    }

    [TestCase("constant", 0.0, 1)]
    [TestCase("constant", 300.0, 1)]   // the fill leaves [0, 255]: Keras scales the image before the blend
    [TestCase("constant", -0.0, 0)]
    [TestCase("reflect", 0.0, 1)]
    [TestCase("wrap", 0.0, 0)]
    public void Matches_in_every_fill_mode(string fill_mode, double cval, int order)
    {
        torch.manual_seed(11);
        assert_same_as_general_path(generator(true, true, fill_mode, cval, order), images(6, 12, 10, 3, 0, 255, integers: true));
    }

    [Test]
    public void Matches_on_values_outside_0_255_and_with_a_channel_shift()
    {
        torch.manual_seed(5);
        assert_same_as_general_path(generator(true, true), images(6, 12, 10, 3, -40, 300, integers: false));
        assert_same_as_general_path(generator(true, false), images(6, 12, 10, 4, 0, 256, integers: false));
        assert_same_as_general_path(generator(true, true, channel_shift: 30), images(6, 12, 10, 3, 0, 255, integers: true));
        assert_same_as_general_path(generator(true, false, channel_shift: 90), images(6, 12, 10, 4, 0, 255, integers: true));
        // No blend after the shift: the sign of a zero bound shows, so the flips must follow the shift.
        var zeros = images(6, 12, 10, 3, 0, 255, integers: true);
        zeros[.., 5.., .., 0] = torch.tensor(-0f);
        zeros[.., ..5, .., 1] = torch.tensor(0f);
        assert_same_as_general_path(generator(false, true, channel_shift: 40), zeros);
        assert_same_as_general_path(generator(false, false, channel_shift: 40, fill_mode: "constant", cval: -0.0), zeros);
        var nan = images(2, 8, 8, 3, 0, 255, integers: true);
        nan[1, 3, 3, 1] = torch.tensor(float.NaN);
        assert_same_as_general_path(generator(true, true), nan);
    }

    [TestCase(3, true)]
    [TestCase(4, true)]
    [TestCase(1, true)]
    [TestCase(3, false)]
    public void A_batch_smaller_than_the_cores_is_computed_in_bands_with_the_same_values(int channels, bool brightness)
    {
        // Batches of one image on 2 cores or more: each image in bands of rows, one per core.
        Assume.That(Environment.ProcessorCount, Is.GreaterThanOrEqualTo(2));
        Assert.That(Iterator.row_bands(1, 40), Is.EqualTo(Math.Min(Environment.ProcessorCount, 40 / 16)));
        Assert.That(Iterator.row_bands(1, 20), Is.EqualTo(1), "bands of 16 rows at least");
        Assert.That(Iterator.row_bands(Environment.ProcessorCount, 400), Is.EqualTo(1), "a core per image already");
        torch.manual_seed(channels);
        var x = images(5, 41, 23, channels, 0, 255, integers: true);
        // Image 3 goes above 255 in its bottom rows only: the band there fails the blend's check,
        // and the whole image takes the general way.
        x[3, 30.., .., ..] += 100;
        foreach (var g in new[] { generator(brightness, true), generator(brightness, false, channel_shift: 20) })
        {
            using var it = g.flow(x, batch_size: 1, shuffle: false, seed: 7);
            for (int i = 0; i < x.shape[0]; i++)
            {
                var batch = it.next().x;
                RandomState.Global.seed(7 + i);
                var p = g.get_random_transform(x.shape[1..]);
                var expected = g.standardize(g.apply_transform(x[i].clone(), p));
                Assert.That(batch[0].bytes.ToArray(), Is.EqualTo(expected.bytes.ToArray()), $"image {i}: {p}");
            }
        }
    }

    [Test]
    public void Writes_in_one_pass_only_where_the_values_allow_the_lookup()
    {
        var g = generator(true, true);
        var p = new TransformParameters { theta = 10, brightness = 1.2, flip_horizontal = true };
        using var inside = images(1, 8, 8, 3, 0, 255, integers: true)[0];
        using var output = torch.empty(8, 8, 3);
        Assert.That(g.transform_into(inside, p, output), Is.True);
        Assert.That(output.bytes.ToArray(), Is.EqualTo(g.standardize(g.apply_transform(inside, p)).bytes.ToArray()));
        // Keras checks the transformed image: every value above 255.
        using var outside = images(1, 8, 8, 3, 256, 300, integers: true)[0];
        var before = outside.clone();
        Assert.That(g.transform_into(outside, p, output), Is.False, "values above 255");
        Assert.That(outside.eq(before).all().item<bool>(), Is.True, "the source is never written");
        Assert.That(g.transform_into(inside, new TransformParameters { brightness = 1.2 }, output), Is.False, "no affine part");
        Assert.That(g.transform_into(inside, p with { channel_shift_intensity = 3 }, output), Is.True, "a channel shift");
        Assert.That(output.bytes.ToArray(), Is.EqualTo(g.standardize(g.apply_transform(inside, p with { channel_shift_intensity = 3 })).bytes.ToArray()));
    }

    [TestCase(0.5f, 3)]
    [TestCase(1.37f, 4)]
    [TestCase(0f, 3)]
    [TestCase(1f, 4)]
    [TestCase(0.0123f, 3)]
    [TestCase(2.9f, 3)]
    [TestCase(-0.5f, 4)]
    [TestCase(1e12f, 3)]
    public void Blend_computed_lane_by_lane_equals_PILs_table(float brightness, int channels)
    {
        var table = new float[256];
        PixelOps.BrightnessTable(table, brightness);
        // Every uint8 level with fractions; 193 pixels leave a tail after the 8-value vectors.
        var levels = Enumerable.Range(0, 256).SelectMany(v => new[] { v, v + 0.25f, v + 0.999f }).Where(v => v <= 255).ToArray();
        var values = Enumerable.Range(0, 193 * channels).Select(i => levels[i * 7 % levels.Length]).ToArray();
        foreach (float scale in new[] { 0f, 1f / 255 })
        {
            var expected = values.Select((v, i) => (channels == 4 && i % 4 == 3 ? (int)v : table[(int)v]) * (scale == 0 ? 1 : scale)).ToArray();
            var mapped = values.ToArray();
            Assert.That(new AffineResampler.OutputMap(brightness, scale).Apply(mapped, channels), Is.True);
            Assert.That(mapped, Is.EqualTo(expected).AsCollection, $"scale {scale}");
        }
    }

    [Test]
    public void Leaves_the_iterators_data_untouched()
    {
        // Neutral transforms and rescale only: standardize works in place, on the batch's copy.
        var g = new ImageDataGenerator(rescale: 0.5, horizontal_flip: true);
        var x = images(4, 5, 6, 3, 0, 255, integers: true);
        var before = x.clone();
        using var it = g.flow(x, batch_size: 4, shuffle: false, seed: 1);
        var batch = it.next().x;
        Assert.That(it.x.eq(before).all().item<bool>(), Is.True);
        Assert.That(batch.max().item<float>(), Is.LessThanOrEqualTo(127.5f));
    }
}
