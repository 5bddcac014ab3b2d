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
    /// Images within 1e-5 of the data's scale (at least 1e-5 absolute): resampling coordinates are
    /// computed in double as scipy does, so only float32 rounding may differ.
    /// </summary>
    public static void images(Tensor actual, Tensor expected, string what)
    {
        Assert.That(actual.shape, Is.EqualTo(expected.shape), $"{what}: shape");
        Assert.That(actual.dtype, Is.EqualTo(expected.dtype), $"{what}: dtype");
        using var scope = torch.NewDisposeScope();
        var e = expected.to_type(ScalarType.Float64);
        double tol = 1e-5 * Math.Max(1.0, e.abs().max().item<double>());
        double worst = (actual.to_type(ScalarType.Float64) - e).abs().max().item<double>();
        Assert.That(worst, Is.LessThanOrEqualTo(tol), $"{what}: max |diff|");
    }
}
