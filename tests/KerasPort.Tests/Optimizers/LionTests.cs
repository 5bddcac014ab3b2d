using KerasPort.Optimizers;
using static KerasPort.Tests.Optimizers.KerasOptimizerTestCase;

namespace KerasPort.Tests.Optimizers;

/// <summary>keras/src/optimizers/lion_test.py, translated (exclude_from_weight_decay by var_names is not ported: KerasPort variables carry no Keras path); test_ema is not: KerasPort has no use_ema.</summary>
public class LionTests
{
    [TestCase(-0.1, "-0.1")]
    [TestCase(0.0, "0.0")]
    [TestCase(1.1, "1.1")]
    public void InvalidBeta1(double beta_1, string text)
    {
        var e = Assert.Throws<ArgumentException>(() => new Lion(beta_1: beta_1))!;
        Assert.That(e.Message, Does.StartWith($"Argument `beta_1` must be in the [0, 1] range. Otherwise, the optimizer degenerates to SignSGD. Received: beta_1={text}."));
        Assert.That(e.ParamName, Is.EqualTo("beta_1"));
    }

    [Test]
    public void Config() => class_serialization(new Lion(learning_rate: 0.5, beta_1: 0.5, beta_2: 0.67));

    [Test]
    public void SingleStep() => single_step(new Lion(learning_rate: 0.5), [0.5, 1.5, 2.5, 3.5]);

    [Test]
    public void CorrectnessWithGolden() => golden(new Lion(),
        [tile(0.999), tile(0.998), tile(0.997), tile(0.996), tile(0.995)]);

    [Test]
    public void WeightDecay() => weight_decay(() => new Lion(learning_rate: 1.0, weight_decay: 0.004));

    [Test]
    public void ClipNormAndClipValue() => clipping((norm, value) => new Lion(clipnorm: norm, clipvalue: value));
}
