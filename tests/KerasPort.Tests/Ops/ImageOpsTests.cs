using KerasPort.Tests.TestSupport;
using KerasPort.Utils;

namespace KerasPort.Tests.Ops;

/// <summary>
/// keras.ops.image against outputs recorded from Keras 3.15.1 on torch (tools/record_image_ops.py):
/// within 1e-3 on the 0-255 scale (float32 rounding of the coordinates and weights).
/// </summary>
public sealed class ImageOpsTests
{
    private static readonly Lazy<Dictionary<string, Tensor>> Recorded =
        new(() => Npy.load_npz(KerasFixtures.path("augment_layers", "image_ops.npz")));

    private static Tensor R(string key) => Recorded.Value[key];

    private static void AssertClose(Tensor actual, Tensor expected, double tolerance = 1e-3)
    {
        Assert.That(actual.shape, Is.EqualTo(expected.shape));
        double diff = (actual.to_type(torch.ScalarType.Float64) - expected.to_type(torch.ScalarType.Float64)).abs().max().item<double>();
        Assert.That(diff, Is.LessThanOrEqualTo(tolerance));
    }

    private static readonly string[] Modes = ["constant", "nearest", "wrap", "mirror", "reflect"];

    [Test]
    public void Affine_transform_matches_Keras_for_every_fill_mode_and_interpolation(
        [ValueSource(nameof(Modes))] string mode, [Values("bilinear", "nearest")] string interpolation)
    {
        var y = keras.ops.image.affine_transform(R("x"), R("transform"), interpolation, mode, fill_value: 11.0);
        AssertClose(y, R($"affine_{mode}_{interpolation}"));
        var cf = keras.ops.image.affine_transform(R("x").permute(0, 3, 1, 2), R("transform"), interpolation, mode, 11.0, "channels_first");
        AssertClose(cf, R($"affine_cf_{mode}_{interpolation}"));
    }

    [Test]
    public void Affine_transform_of_one_image_is_the_batch_of_one()
    {
        var y = keras.ops.image.affine_transform(R("x")[1], R("transform")[1], fill_mode: "reflect");
        AssertClose(y, R("affine_reflect_bilinear")[1]);
    }

    [Test]
    public void Map_coordinates_matches_Keras([ValueSource(nameof(Modes))] string mode, [Values(0, 1)] int order)
    {
        var y = keras.ops.image.map_coordinates(R("map_x"), R("map_coords"), order, mode, 5.0);
        AssertClose(y, R($"map_{mode}_{order}"));
    }

    [Test]
    public void Resize_matches_Keras([Values("bilinear", "nearest", "bicubic")] string interpolation,
        [Values(false, true)] bool antialias, [Values("5x7", "14x17")] string size)
    {
        long[] hw = size.Split('x').Select(long.Parse).ToArray();
        var y = keras.ops.image.resize(R("x"), hw, interpolation, antialias);
        AssertClose(y, R($"resize_{interpolation}_{(antialias ? 1 : 0)}_{size}"));
    }

    [Test]
    public void Resize_crops_or_pads_to_the_aspect_ratio()
    {
        AssertClose(keras.ops.image.resize(R("x"), [6, 4], crop_to_aspect_ratio: true), R("resize_crop"));
        AssertClose(keras.ops.image.resize(R("x"), [6, 4], pad_to_aspect_ratio: true, fill_value: 7.0), R("resize_pad"));
    }

    [Test]
    public void Colour_conversions_match_Keras()
    {
        AssertClose(keras.ops.image.rgb_to_hsv(R("x") / 255.0), R("hsv"), 1e-6);
        AssertClose(keras.ops.image.hsv_to_rgb(R("hsv")), R("rgb_from_hsv"), 1e-6);
        AssertClose(keras.ops.image.rgb_to_grayscale(R("x")), R("gray"));
    }

    [Test]
    public void Bad_arguments_raise_naming_the_argument()
    {
        var x = torch.zeros(4, 4, 3);
        var t = torch.zeros(8);
        Assert.That(() => keras.ops.image.affine_transform(x, t, interpolation: "cubic"),
            Throws.ArgumentException.With.Message.Contains("interpolation=cubic"));
        Assert.That(() => keras.ops.image.affine_transform(x, t, fill_mode: "edge"),
            Throws.ArgumentException.With.Message.Contains("fill_mode=edge"));
        Assert.That(() => keras.ops.image.affine_transform(torch.zeros(4, 4), t),
            Throws.ArgumentException.With.Message.Contains("Invalid images rank"));
        Assert.That(() => keras.ops.image.resize(x, [2, 2], interpolation: "lanczos3"),
            Throws.ArgumentException.With.Message.Contains("Lanczos"));
        Assert.That(() => keras.ops.image.resize(x, [2, 2], crop_to_aspect_ratio: true, pad_to_aspect_ratio: true),
            Throws.ArgumentException.With.Message.Contains("Only one of"));
        Assert.That(() => keras.ops.image.resize(x, [2]), Throws.ArgumentException.With.Message.Contains("size"));
        Assert.That(() => keras.ops.image.rgb_to_grayscale(torch.zeros(4, 4, 2)),
            Throws.ArgumentException.With.Message.Contains("Invalid channel size"));
        Assert.That(() => keras.ops.image.rgb_to_hsv(torch.zeros(new long[] { 4, 4, 3 }, torch.ScalarType.Int32)),
            Throws.ArgumentException.With.Message.Contains("float dtype"));
    }
}
