namespace KerasPort.Tests.Preprocessing.Image;

/// <summary>Comparisons of iterator outputs with recorded Keras arrays.</summary>
public static class Compare
{
    /// <summary>Same shape, dtype and values.</summary>
    public static void exact(Tensor actual, Tensor expected, string what)
    {
        Assert.That(actual.shape, Is.EqualTo(expected.shape), $"{what}: shape");
        Assert.That(actual.dtype, Is.EqualTo(expected.dtype), $"{what}: dtype");
        Assert.That(actual.eq(expected).all().item<bool>(), Is.True, $"{what}: values");
    }

    /// <summary>
    /// Images within 1e-5 of the data's scale (at least 1e-5) (affine resampling in double, as scipy). Where Keras
    /// truncates to uint8 for brightness, a coordinate one ulp apart can move a pixel by one grey
    /// level: then up to 0.5% of the values may differ by at most 1.5 levels (of the data's scale / 255).
    /// </summary>
    public static void images(Tensor actual, Tensor expected, bool uint8_round_trip, string what)
    {
        Assert.That(actual.shape, Is.EqualTo(expected.shape), $"{what}: shape");
        Assert.That(actual.dtype, Is.EqualTo(expected.dtype), $"{what}: dtype");
        using var scope = torch.NewDisposeScope();
        var a = actual.to_type(ScalarType.Float64);
        var e = expected.to_type(ScalarType.Float64);
        double scale = Math.Max(1e-6, e.abs().max().item<double>());
        var diff = (a - e).abs();
        double tol = 1e-5 * Math.Max(1.0, scale);
        if (!uint8_round_trip)
        {
            double worst = diff.max().item<double>();
            Assert.That(worst, Is.LessThanOrEqualTo(tol), $"{what}: max |diff| {worst}");
            return;
        }
        double level = scale / 255.0;
        double off = (diff > tol).to_type(ScalarType.Float64).mean().item<double>();
        Assert.That(off, Is.LessThanOrEqualTo(0.005), $"{what}: fraction of values off");
        Assert.That(diff.max().item<double>(), Is.LessThanOrEqualTo(1.5 * level + tol), $"{what}: max |diff|");
    }
}
