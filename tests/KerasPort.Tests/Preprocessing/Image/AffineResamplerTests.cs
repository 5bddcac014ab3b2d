using KerasPort.Preprocessing.Image;

namespace KerasPort.Tests.Preprocessing.Image;

/// <summary>
/// The optimized pixel paths against the straightforward ones, bit for bit: the float32
/// channels_last resampler (channels of a pixel in one vector, flips fused into the affine pass)
/// against the per-channel scalar loop that channels_first images take, and apply_transform's
/// brightness (vector min/max, gathered PIL table) against a plain scalar transcription of
/// Keras's steps. Several seeds, all four fill modes, both orders, 1 to 4 channels.
/// </summary>
public class AffineResamplerTests
{
    private static readonly string[] Modes = ["nearest", "constant", "reflect", "wrap"];

    public static IEnumerable<TestCaseData> AffineCases() =>
        from mode in Modes
        from order in new[] { 0, 1 }
        from channels in new[] { 1, 2, 3, 4 }
        select new TestCaseData(mode, order, channels).SetName($"vector_path_equals_scalar_path_{mode}_order{order}_c{channels}");

    [TestCaseSource(nameof(AffineCases))]
    public void Vector_path_equals_scalar_path(string mode, int order, int channels)
    {
        for (int seed = 0; seed < 6; seed++)
        {
            using var scope = NewDisposeScope();
            var (x, theta, tx, ty, shear, zx, zy) = RandomCase(seed, 17 + seed, 23 - seed, channels);
            // Rows and columns of different lengths, so a swapped axis would show.
            var last = keras.preprocessing.image.apply_affine_transform(x, theta, tx, ty, shear, zx, zy,
                row_axis: 0, col_axis: 1, channel_axis: 2, fill_mode: mode, cval: 0.5, order: order);
            var first = keras.preprocessing.image.apply_affine_transform(x.permute(2, 0, 1).contiguous(), theta, tx, ty, shear, zx, zy,
                row_axis: 1, col_axis: 2, channel_axis: 0, fill_mode: mode, cval: 0.5, order: order);
            AssertBitEqual(last, first.permute(1, 2, 0).contiguous(), $"seed {seed}");
        }
    }

    public static IEnumerable<TestCaseData> TransformCases() =>
        from mode in Modes
        from channels in new[] { 1, 3, 4 }
        select new TestCaseData(mode, channels).SetName($"apply_transform_equals_keras_steps_{mode}_c{channels}");

    [TestCaseSource(nameof(TransformCases))]
    public void Apply_transform_equals_keras_steps(string mode, int channels)
    {
        var generator = new ImageDataGenerator(fill_mode: mode, cval: 3, horizontal_flip: true, vertical_flip: true);
        for (int seed = 0; seed < 8; seed++)
        {
            using var scope = NewDisposeScope();
            var (x, theta, tx, ty, shear, zx, zy) = RandomCase(seed, 31, 29, channels);
            x = x.floor_().clamp_(0, 255);   // in [0, 255], so the brightness step does not rescale
            var p = new TransformParameters
            {
                theta = theta, tx = tx, ty = ty, shear = shear, zx = zx, zy = zy,
                flip_horizontal = seed % 2 == 0, flip_vertical = seed % 3 == 0,
                brightness = 0.25 * seed,   // factors in [0, 1] and above 1
            };
            var actual = generator.apply_transform(x, p);

            // Keras's steps one by one: affine (the scalar channels_first path), flips, brightness.
            var expected = keras.preprocessing.image.apply_affine_transform(x.permute(2, 0, 1).contiguous(), theta, tx, ty, shear, zx, zy,
                row_axis: 1, col_axis: 2, channel_axis: 0, fill_mode: mode, cval: 3, order: 1).permute(1, 2, 0);
            if (p.flip_horizontal)
                expected = expected.flip(1);
            if (p.flip_vertical)
                expected = expected.flip(0);
            expected = ScalarBrightness(expected.contiguous(), p.brightness.Value);
            AssertBitEqual(actual, expected, $"seed {seed}");
        }
    }

    [TestCase("channels_last")]
    [TestCase("channels_first")]
    public void Flips_fused_into_the_affine_pass_equal_flips_after_it(string data_format)
    {
        var generator = new ImageDataGenerator(fill_mode: "reflect", data_format: data_format);
        int rowAxis = data_format == "channels_last" ? 0 : 1, colAxis = rowAxis + 1, channelAxis = data_format == "channels_last" ? 2 : 0;
        for (int seed = 0; seed < 4; seed++)
        {
            using var scope = NewDisposeScope();
            var (x, theta, tx, ty, shear, zx, zy) = RandomCase(seed, 19, 26, 3);
            if (data_format == "channels_first")
                x = x.permute(2, 0, 1).contiguous();
            var p = new TransformParameters
            {
                theta = theta, tx = tx, ty = ty, shear = shear, zx = zx, zy = zy,
                flip_horizontal = seed % 2 == 0, flip_vertical = seed / 2 == 0,
            };
            var expected = keras.preprocessing.image.apply_affine_transform(x, theta, tx, ty, shear, zx, zy,
                row_axis: rowAxis, col_axis: colAxis, channel_axis: channelAxis, fill_mode: "reflect");
            if (p.flip_horizontal)
                expected = expected.flip(colAxis);
            if (p.flip_vertical)
                expected = expected.flip(rowAxis);
            AssertBitEqual(generator.apply_transform(x, p), expected, $"seed {seed}");
        }
    }

    [Test]
    public void Brightness_min_max_keeps_nan_and_signed_zero_bounds()
    {
        // Values outside [0, 255] make the brightness step use the min and max; a NaN and a
        // leading -0 must give the scalar loop's bounds.
        var x = torch.linspace(-300, 300, 5 * 7 * 3, dtype: ScalarType.Float32).reshape(5, 7, 3);
        var actual = keras.preprocessing.image.apply_brightness_shift(x, 1.3, scale: false);
        AssertBitEqual(actual, ScalarBrightness(x.clone(), 1.3, scale: false), "range [-300, 300]");

        var zeros = torch.full(new long[] { 5, 7, 3 }, 200f);
        zeros[0, 0, 0] = torch.tensor(-0.0f);
        zeros[2, 3, 1] = torch.tensor(300f);
        actual = keras.preprocessing.image.apply_brightness_shift(zeros, 0.7, scale: false);
        AssertBitEqual(actual, ScalarBrightness(zeros.clone(), 0.7, scale: false), "-0 minimum");

        zeros[4, 6, 2] = torch.tensor(float.NaN);
        actual = keras.preprocessing.image.apply_brightness_shift(zeros, 0.7, scale: false);
        AssertBitEqual(actual, ScalarBrightness(zeros.clone(), 0.7, scale: false), "NaN");
    }

    private static (Tensor x, double theta, double tx, double ty, double shear, double zx, double zy) RandomCase(
        int seed, int h, int w, int channels)
    {
        var rng = new System.Random(seed);
        double U(double lo, double hi) => lo + (hi - lo) * rng.NextDouble();
        var x = torch.tensor(Enumerable.Range(0, h * w * channels).Select(_ => (float)U(-20, 270)).ToArray()).reshape(h, w, channels);
        return (x, U(-40, 40), U(-0.3, 0.3) * h, U(-0.3, 0.3) * w, U(-20, 20), U(0.6, 1.4), U(0.6, 1.4));
    }

    // Keras's apply_brightness_shift step by step in plain scalar float32 arithmetic: min/max,
    // optional min-max scaling, uint8 truncation, PIL's blend with black, back to the range.
    private static Tensor ScalarBrightness(Tensor x, double brightness, bool scale = false)
    {
        var v = x.data<float>().ToArray();
        float lo = v[0], hi = v[0];
        foreach (var e in v)
        {
            if (float.IsNaN(e)) { lo = hi = e; break; }
            if (e < lo) lo = e;
            if (e > hi) hi = e;
        }
        bool local = lo < 0 || hi > 255;
        if (local || scale)
        {
            float m = lo, top = float.NegativeInfinity;
            for (int i = 0; i < v.Length; i++) { v[i] -= m; top = Math.Max(top, v[i]); }
            for (int i = 0; i < v.Length; i++) { if (top != 0) v[i] /= top; v[i] *= 255f; }
        }
        float alpha = (float)brightness;
        int channels = (int)x.shape[2];
        for (int i = 0; i < v.Length; i++)
        {
            byte b = (byte)(int)v[i];
            float t = 0 + alpha * b;
            bool interpolate = alpha >= 0 && alpha <= 1.0f;
            v[i] = channels == 4 && i % 4 == 3 ? b : interpolate ? (int)t : t <= 0f ? 0 : t >= 255f ? 255 : (int)t;
        }
        if (!scale && local)
            for (int i = 0; i < v.Length; i++)
                v[i] = v[i] / 255f * (float)((double)hi - lo) + lo;
        return torch.tensor(v).reshape(x.shape);
    }

    private static void AssertBitEqual(Tensor actual, Tensor expected, string what)
    {
        Assert.That(actual.shape, Is.EqualTo(expected.shape), what);
        var a = actual.contiguous().data<float>().ToArray();
        var e = expected.contiguous().data<float>().ToArray();
        for (int i = 0; i < a.Length; i++)
            if (BitConverter.SingleToInt32Bits(a[i]) != BitConverter.SingleToInt32Bits(e[i]))
                Assert.Fail($"{what}: element {i} is {a[i]:R}, expected {e[i]:R} bit for bit");
    }
}
