using KerasPort.Layers;

namespace KerasPort.Tests.Layers;

/// <summary>
/// Keras's own argument tests of the dropout layers (keras/src/layers/regularization/dropout_test.py,
/// alpha_dropout_test.py, gaussian_*_test.py), translated: the messages carry Keras's backticks.
/// (Non-iterable and non-integer noise shapes cannot be written in C#: the type refuses them.)
/// </summary>
public sealed class DropoutMessageTests
{
    private const string RateMessage = "Invalid value received for argument `rate`. Expected a float value between 0 and 1.";
    private const string NoiseShapeMessage = "Invalid value received for argument `noise_shape`. Expected all dimensions to be positive integers or None.";

    [TestCase(-0.5)]
    [TestCase(1.5)]
    public void test_dropout_negative_rate_and_rate_greater_than_one(double rate)
    {
        Assert.That(Assert.Catch<ArgumentException>(() => new Dropout(rate: rate))!.Message, Does.StartWith(RateMessage));
        Assert.That(Assert.Catch<ArgumentException>(() => new AlphaDropout(rate: rate))!.Message, Does.StartWith(RateMessage));
        Assert.That(Assert.Catch<ArgumentException>(() => new GaussianDropout(rate: rate))!.Message, Does.StartWith(RateMessage));
    }

    [Test]
    public void test_gaussian_noise_stddev_message()
    {
        Assert.That(Assert.Catch<ArgumentException>(() => new GaussianNoise(stddev: -1))!.Message,
            Does.StartWith("Invalid value received for argument `stddev`. Expected a float value between 0 and 1."));
    }

    [TestCase(-1)]
    [TestCase(0)]
    public void test_validate_noise_shape_negative_and_zero_value(long dim)
    {
        var e = Assert.Catch<ArgumentException>(() => new Dropout(0.5, noise_shape: [20, dim, 10]));
        Assert.That(e!.Message, Does.StartWith(NoiseShapeMessage));
        Assert.That(e.Message, Does.Contain($"Received negative or zero value at index 1: {dim}"));
    }

    [Test]
    public void test_validate_noise_shape_none_and_tuples()
    {
        Assert.That(new Dropout(0.5, noise_shape: null).noise_shape, Is.Null);
        Assert.That(new Dropout(0.5, noise_shape: [20, 1, 10]).noise_shape, Is.EqualTo(new long?[] { 20, 1, 10 }));
        Assert.That(new Dropout(0.5, noise_shape: [null, 1, null]).noise_shape, Is.EqualTo(new long?[] { null, 1, null }));
    }
}
