namespace KerasPort.Tests.Preprocessing.Image;

/// <summary>
/// apply_brightness_shift and apply_channel_shift against keras-preprocessing's own functions
/// with PIL 9.4 (tools/record_brightness_extra.py): 1, 3 and 4 channels, factors below 0, in
/// [0, 1] and above 1, scale on/off, data in and outside [0, 255]. The uint8 round trip makes
/// the results integers (or their affine map back), so they are compared exactly up to float32
/// rounding of that map.
/// </summary>
public class PixelShiftTests
{
    private static Dictionary<string, Tensor>? _arrays;

    private static Dictionary<string, Tensor> Arrays => _arrays ??= KerasPort.Utils.Npy.load_npz(
        KerasFixtures.path("image-extra", "brightness_extra.npz"));

    public static IEnumerable<TestCaseData> Cases() =>
        Enumerable.Range(0, 124).Select(i => new TestCaseData(i).SetName($"pixel_shift_extra_{i:000}"));

    [TestCaseSource(nameof(Cases))]
    public void Matches_keras_and_pil(int i)
    {
        var p = Arrays[$"params{i}"].data<double>().ToArray();
        var x = Arrays[$"x{i}"];
        var copy = x.clone();
        var actual = p[0] == 0
            ? keras.preprocessing.image.apply_brightness_shift(x, p[1], scale: p[2] != 0)
            : keras.preprocessing.image.apply_channel_shift(x, p[1], channel_axis: (int)p[2]);
        var (diff, at) = ImageCase.MaxAbsDiff(actual, Arrays[$"expected{i}"]);
        Assert.That(diff, Is.LessThanOrEqualTo(1e-4), $"at flat index {at}");
        Assert.That(x.eq(copy).all().item<bool>(), Is.True, "input untouched");
    }

    [Test]
    public void Brightness_rejects_channel_counts_pil_cannot_hold()
    {
        var ex = Assert.Throws<ArgumentException>(() => keras.preprocessing.image.apply_brightness_shift(torch.rand(3, 5, 6), 1.2));
        Assert.That(ex!.Message, Does.StartWith("Unsupported channel number: 6"));
        Assert.Throws<ArgumentException>(() => keras.preprocessing.image.random_brightness(torch.rand(3, 5, 3), [0.5]));
    }

    [Test]
    public void Random_functions_draw_from_the_global_generator_like_keras()
    {
        var x = torch.rand(6, 7, 3) * 255;
        KerasPort.Utils.RandomState.Global.seed(4);
        var a = keras.preprocessing.image.random_rotation(x, 30, row_axis: 0, col_axis: 1, channel_axis: 2);
        var theta = new KerasPort.Utils.RandomState(4).uniform(-30, 30);
        var b = keras.preprocessing.image.apply_affine_transform(x, theta: theta, row_axis: 0, col_axis: 1, channel_axis: 2);
        Assert.That(a.eq(b).all().item<bool>(), Is.True);
    }
}
