using KerasPort.Preprocessing.Image;

namespace KerasPort.Tests.Preprocessing.Image;

/// <summary>The span kernels of PixelOps against the tensor ops they replace, bit for bit.</summary>
public class PixelOpsTests
{
    [TestCase(ScalarType.Float32, 1.0 / 255)]
    [TestCase(ScalarType.Float64, 1.0 / 255)]
    [TestCase(ScalarType.Float32, -3.7)]
    public void Scale_in_place_equals_multiplying_by_a_scalar_of_the_dtype(ScalarType dtype, double factor)
    {
        // An odd length, so that the vector loops leave a tail.
        var x = (torch.rand(5, 7, 3, dtype: ScalarType.Float64) * 300 - 20).to_type(dtype);
        var expected = x * torch.tensor(factor, dtype);
        PixelOps.ScaleInPlace(x, factor);
        Assert.That(x.eq(expected).all().item<bool>(), Is.True);
    }

    [Test]
    public void Standardize_rescale_is_the_same_on_contiguous_and_strided_input()
    {
        var generator = new ImageDataGenerator(rescale: 1.0 / 255);
        var x = torch.rand(4, 6, 3) * 255;
        var strided = torch.empty(6, 4, 3).permute(1, 0, 2).copy_(x);   // same values, not contiguous
        Assert.That(strided.is_contiguous(), Is.False);
        var a = generator.standardize(x.clone());
        var b = generator.standardize(strided);
        Assert.That(a.eq(b).all().item<bool>(), Is.True);
    }
}
