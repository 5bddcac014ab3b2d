using KerasPort.Layers;
using KerasPort.Tests.Layers;

namespace KerasPort.Tests.Layers.Preprocessing;

/// <summary>
/// Ports of Keras's rescaling_test.py, resizing_test.py, center_crop_test.py and random_crop_test.py.
/// </summary>
public sealed class PreprocessingLayersTests
{
    private static Tensor Grid(string data_format, int side = 4)
    {
        var x = torch.arange(side * side, dtype: torch.ScalarType.Float32).reshape(1, side, side, 1);
        return data_format == "channels_last" ? x : x.permute(0, 3, 1, 2);
    }

    private static Tensor AsFormat(float[] values, long h, long w, string data_format) =>
        torch.tensor(values).reshape(data_format == "channels_last" ? [1, h, w, 1] : [1, 1, h, w]);

    private static void AssertClose(Tensor actual, Tensor expected, double atol = 1e-5)
    {
        Assert.That(actual.shape, Is.EqualTo(expected.shape));
        Assert.That((actual - expected).abs().max().item<float>(), Is.LessThanOrEqualTo(atol));
    }

    [Test]
    public void Rescaling_scales_then_offsets()
    {
        var x = torch.rand(3, 10, 10, 3) * 255;
        var layer = new Rescaling(1.0 / 255, offset: 0.5);
        AssertClose(layer.__call__(x), x / 255 + 0.5);
        AssertClose(layer.__call__(x, training: true), x / 255 + 0.5);
        Assert.That(layer.__call__(torch.ones(new long[] { 2, 3 }, torch.ScalarType.Int32)).dtype, Is.EqualTo(torch.ScalarType.Float32));
        Assert.That(layer.compute_output_shape([null, 3]), Is.EqualTo(new long?[] { null, 3 }));
    }

    [TestCase("channels_last")]
    [TestCase("channels_first")]
    public void Resizing_nearest_down_and_up(string format)
    {
        AssertClose(new Resizing(2, 2, interpolation: "nearest", data_format: format).__call__(Grid(format)), AsFormat([5, 7, 13, 15], 2, 2, format));
        var small = Grid(format, 2);
        AssertClose(new Resizing(4, 4, interpolation: "nearest", data_format: format).__call__(small),
            AsFormat([0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 3, 3, 2, 2, 3, 3], 4, 4, format));
    }

    [TestCase("channels_last")]
    [TestCase("channels_first")]
    public void Resizing_crops_to_the_aspect_ratio(string format)
    {
        var layer = new Resizing(4, 2, interpolation: "nearest", data_format: format, crop_to_aspect_ratio: true);
        AssertClose(layer.__call__(Grid(format)), AsFormat([1, 2, 5, 6, 9, 10, 13, 14], 4, 2, format));
    }

    [TestCase("channels_last")]
    [TestCase("channels_first")]
    public void Resizing_an_unbatched_image(string format)
    {
        var y = new Resizing(2, 2, interpolation: "nearest", data_format: format).__call__(Grid(format)[0]);
        AssertClose(y, AsFormat([5, 7, 13, 15], 2, 2, format)[0]);
    }

    [Test]
    public void Resizing_output_shapes_and_errors()
    {
        var layer = new Resizing(6, 6);
        Assert.That(layer.__call__(torch.rand(2, 5, 7, 3)).shape, Is.EqualTo(new long[] { 2, 6, 6, 3 }));
        Assert.That(layer.compute_output_shape([null, 5, 7, 3]), Is.EqualTo(new long?[] { null, 6, 6, 3 }));
        Assert.That(new Resizing(6, 6, data_format: "channels_first").compute_output_shape([null, 3, 5, 7]), Is.EqualTo(new long?[] { null, 3, 6, 6 }));
        Assert.That(() => new Resizing(6, 6, interpolation: "cubic"), Throws.ArgumentException.With.Property("ParamName").EqualTo("interpolation"));
        Assert.That(() => new Resizing(6, 6, crop_to_aspect_ratio: true, pad_to_aspect_ratio: true), Throws.ArgumentException);
        Assert.That(() => new Resizing(6, 6, fill_mode: "reflect"), Throws.ArgumentException.With.Property("ParamName").EqualTo("fill_mode"));
        Assert.That(() => new Resizing(0, 6), Throws.ArgumentException.With.Property("ParamName").EqualTo("height"));
    }

    [TestCase(6, 6, "channels_last")]
    [TestCase(7, 7, "channels_first")]
    [TestCase(9, 11, "channels_last")]
    public void CenterCrop_takes_the_centre(int h, int w, string format)
    {
        var img = torch.rand(2, 9, 11, 3);
        var expected = img[.., ((9 - h) / 2)..((9 - h) / 2 + h), ((11 - w) / 2)..((11 - w) / 2 + w), ..];
        var input = format == "channels_last" ? img : img.permute(0, 3, 1, 2);
        var y = new CenterCrop(h, w, data_format: format).__call__(input);
        AssertClose(format == "channels_last" ? y : y.permute(0, 2, 3, 1), expected);
        var one = new CenterCrop(h, w, data_format: format).__call__(input[0]);
        AssertClose(format == "channels_last" ? one : one.permute(1, 2, 0), expected[0]);
    }

    [TestCase(15, 10, "channels_first")]
    [TestCase(10, 17, "channels_last")]
    public void CenterCrop_larger_than_the_image_resizes_with_crop_to_aspect_ratio(int h, int w, string format)
    {
        var img = format == "channels_last" ? torch.rand(2, 9, 11, 3) : torch.rand(2, 3, 9, 11);
        AssertClose(new CenterCrop(h, w, data_format: format).__call__(img),
            new Resizing(h, w, data_format: format, crop_to_aspect_ratio: true).__call__(img));
        AssertClose(new CenterCrop(h, w, data_format: format).__call__(img[0]),
            new Resizing(h, w, data_format: format, crop_to_aspect_ratio: true).__call__(img[0]));
    }

    [Test]
    public void CenterCrop_output_shapes()
    {
        Assert.That(new CenterCrop(6, 6).__call__(torch.rand(2, 8, 8, 3)).shape, Is.EqualTo(new long[] { 2, 6, 6, 3 }));
        Assert.That(new CenterCrop(7, 7, data_format: "channels_first").__call__(torch.rand(2, 3, 13, 13)).shape, Is.EqualTo(new long[] { 2, 3, 7, 7 }));
        Assert.That(() => new CenterCrop(6, 6).compute_output_shape([null, 6]), Throws.ArgumentException);
    }

    [Test]
    public void RandomCrop_output_shapes()
    {
        Assert.That(new RandomCrop(2, 2).__call__(torch.rand(1, 3, 4, 3), training: true).shape, Is.EqualTo(new long[] { 1, 2, 2, 3 }));
        Assert.That(new RandomCrop(2, 2).__call__(torch.rand(3, 4, 3), training: true).shape, Is.EqualTo(new long[] { 2, 2, 3 }));
        Assert.That(new RandomCrop(2, 2, data_format: "channels_first").__call__(torch.rand(1, 3, 3, 4), training: true).shape, Is.EqualTo(new long[] { 1, 3, 2, 2 }));
        Assert.That(new RandomCrop(2, 2, data_format: "channels_first").__call__(torch.rand(3, 3, 4), training: true).shape, Is.EqualTo(new long[] { 3, 2, 2 }));
    }

    [Test]
    public void RandomCrop_at_inference_passes_the_input()
    {
        var x = torch.rand(12, 8, 16, 3);
        Assert.That(new RandomCrop(8, 16).__call__(x, training: false).same_as(x), Is.True);
    }

    [TestCase(8, 8)]
    [TestCase(10, 8)]
    [TestCase(8, 18)]
    public void RandomCrop_not_smaller_than_the_input_crops_centrally_and_resizes(int h, int w)
    {
        var y = new RandomCrop(h, w).__call__(torch.rand(12, 8, 16, 3), training: true);
        Assert.That(y.shape, Is.EqualTo(new long[] { 12, h, w, 3 }));
    }

    [Test]
    public void RandomCrop_window_lies_inside_the_image()
    {
        var x = torch.arange(20 * 30, dtype: torch.ScalarType.Float32).reshape(1, 20, 30, 1);
        var y = new RandomCrop(5, 7, seed: 9).__call__(x, training: true);
        float corner = y[0, 0, 0, 0].item<float>();
        int row = (int)corner / 30, col = (int)corner % 30;
        Assert.That(y.same_as(x[.., row..(row + 5), col..(col + 7), ..]), Is.True);
    }
}
