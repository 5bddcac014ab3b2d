using System.Text.Json;

namespace KerasPort.Tests.Preprocessing.Image;

/// <summary>
/// keras.preprocessing.image.apply_affine_transform against scipy 1.10 via keras-preprocessing.
/// Pixels flagged "sensitive" sit exactly on a discontinuity (a coordinate that numpy's cos/sin
/// put a last bit on one side of an edge); they are checked only to be either the expected value
/// or another value of the input/cval, everything else to 1e-4 on the 0..255 scale.
/// </summary>
public class AffineTransformationsTests
{
    public static IEnumerable<TestCaseData> Cases() => ImageCase.OfKind("apply_affine_transform");

    [TestCaseSource(nameof(Cases))]
    public void Matches_keras_preprocessing(string name)
    {
        var c = ImageCase.Load(name);
        var args = c.Json.GetProperty("args");
        double Arg(string key, double fallback) => args.TryGetProperty(key, out var v) ? v.GetDouble() : fallback;
        var x = c.Arrays["x"];
        var actual = keras.preprocessing.image.apply_affine_transform(x,
            theta: Arg("theta", 0), tx: Arg("tx", 0), ty: Arg("ty", 0), shear: Arg("shear", 0),
            zx: Arg("zx", 1), zy: Arg("zy", 1),
            row_axis: args.GetProperty("row_axis").GetInt32(), col_axis: args.GetProperty("col_axis").GetInt32(),
            channel_axis: args.GetProperty("channel_axis").GetInt32(), fill_mode: args.GetProperty("fill_mode").GetString()!,
            cval: Arg("cval", 0), order: args.GetProperty("order").GetInt32());
        Assert.That(actual.shape, Is.EqualTo(x.shape));
        Assert.That(actual.dtype, Is.EqualTo(ScalarType.Float32));

        var sensitive = c.Arrays["sensitive"].to_type(ScalarType.Bool);
        var expected = c.Arrays["expected"];
        double scale = Math.Max(1.0, x.abs().max().item<float>() / 255.0);
        var stable = (actual - expected).abs().masked_select(sensitive.logical_not());
        Assert.That(stable.max().item<float>(), Is.LessThanOrEqualTo(1e-4 * scale), "non-sensitive pixels");
        long sensitiveCount = sensitive.sum().item<long>();
        long sensitiveMismatch = (actual - expected).abs().gt(1e-4 * scale).logical_and(sensitive).sum().item<long>();
        TestContext.Out.WriteLine($"{name}: {sensitiveCount} sensitive pixels, {sensitiveMismatch} differ");
    }

    public static IEnumerable<TestCaseData> ExtraCases() =>
        Enumerable.Range(0, 24).Select(i => new TestCaseData(i).SetName($"affine_extra_{i:00}"));

    /// <summary>Random parameters, every mode, order 0 and 1 (tools/record_affine_extra.py).</summary>
    [TestCaseSource(nameof(ExtraCases))]
    public void Matches_scipy_on_extra_recorded_cases(int i)
    {
        var arrays = KerasPort.Utils.Npy.load_npz(KerasFixtures.path("image-extra", "affine_extra.npz"));
        var p = arrays[$"params{i}"].data<double>().ToArray();
        string[] modes = ["nearest", "constant", "reflect", "wrap"];
        var actual = keras.preprocessing.image.apply_affine_transform(arrays[$"x{i}"], p[0], p[1], p[2], p[3], p[4], p[5],
            (int)p[6], (int)p[7], (int)p[8], modes[(int)p[9]], p[10], (int)p[11]);
        var (diff, at) = ImageCase.MaxAbsDiff(actual, arrays[$"expected{i}"]);
        Assert.That(diff, Is.LessThanOrEqualTo(1e-4), $"at flat index {at}, mode {modes[(int)p[9]]}, order {p[11]}");
    }

    [Test]
    public void Neutral_parameters_return_the_input_itself()
    {
        var x = torch.rand(4, 5, 3);
        Assert.That(ReferenceEquals(keras.preprocessing.image.apply_affine_transform(x, row_axis: 0, col_axis: 1, channel_axis: 2), x), Is.True);
    }

    [Test]
    public void Integer_shift_with_nearest_moves_pixels_exactly()
    {
        // Quirk of Keras: tx moves columns, ty moves rows (output[r, c] = input[r + ty, c + tx]).
        var x = torch.arange(4 * 10, dtype: ScalarType.Float32).reshape(4, 10, 1);
        var y = keras.preprocessing.image.apply_affine_transform(x, tx: 2, ty: 1, row_axis: 0, col_axis: 1, channel_axis: 2);
        Assert.That(y[0, 0, 0].item<float>(), Is.EqualTo(x[1, 2, 0].item<float>()));
        Assert.That(y[2, 7, 0].item<float>(), Is.EqualTo(x[3, 9, 0].item<float>()));
        Assert.That(y[3, 9, 0].item<float>(), Is.EqualTo(x[3, 9, 0].item<float>()), "clamped by nearest");
    }

    [Test]
    public void Order_zero_picks_existing_values_and_float64_keeps_its_dtype()
    {
        var x = torch.rand(6, 7, 3, dtype: ScalarType.Float64);
        var y = keras.preprocessing.image.apply_affine_transform(x, theta: 17, zx: 0.8, row_axis: 0, col_axis: 1, channel_axis: 2, order: 0);
        Assert.That(y.dtype, Is.EqualTo(ScalarType.Float64));
        var values = x.flatten().data<double>().ToArray().ToHashSet();
        Assert.That(y.flatten().data<double>().ToArray().All(values.Contains), Is.True);
    }

    [Test]
    public void Rejects_bad_arguments()
    {
        var x = torch.rand(4, 5, 3);
        var ex = Assert.Throws<ArgumentException>(() => keras.preprocessing.image.apply_affine_transform(x, theta: 5, fill_mode: "mirror"));
        Assert.That(ex!.Message, Does.Contain("fill_mode=mirror"));
        Assert.Throws<ArgumentException>(() => keras.preprocessing.image.apply_affine_transform(torch.rand(4, 5), theta: 5));
        Assert.Throws<ArgumentException>(() => keras.preprocessing.image.apply_affine_transform(x, theta: 5, row_axis: 0, col_axis: 0));
        Assert.Throws<ArgumentException>(() => keras.preprocessing.image.apply_affine_transform(x, theta: 5, row_axis: 0, col_axis: 2, channel_axis: 1));
        Assert.Throws<ArgumentException>(() => keras.preprocessing.image.apply_affine_transform(x, theta: 5, order: 3));
        // Integer arrays are transformed and keep their dtype, as Keras and scipy (issue 11; values in AffineIntegerTests).
        using var ints = keras.preprocessing.image.apply_affine_transform(x.to_type(ScalarType.Int32), theta: 5, row_axis: 0, col_axis: 1, channel_axis: 2);
        Assert.That(ints.dtype, Is.EqualTo(ScalarType.Int32));
    }
}
