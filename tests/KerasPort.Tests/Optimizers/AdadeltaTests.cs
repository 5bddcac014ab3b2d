using KerasPort.Optimizers;
using static KerasPort.Tests.Optimizers.KerasOptimizerTestCase;

namespace KerasPort.Tests.Optimizers;

/// <summary>keras/src/optimizers/adadelta_test.py, translated (exclude_from_weight_decay by var_names is not ported: KerasPort variables carry no Keras path).</summary>
public class AdadeltaTests
{
    [Test]
    public void Config() => class_serialization(new Adadelta(learning_rate: 0.5, rho: 0.9, epsilon: 1e-5));

    [Test]
    public void SingleStep() => single_step(new Adadelta(learning_rate: 0.5), [0.9993, 1.9993, 2.9993, 3.9993]);

    [Test]
    public void CorrectnessWithGolden() => golden(new Adadelta(learning_rate: 1.0, rho: 0.8, epsilon: 1e-6),
        [tile(0.9978), tile(0.9947), tile(0.9915), tile(0.9882), tile(0.9849)]);

    [Test]
    public void WeightDecay() => weight_decay(() => new Adadelta(learning_rate: 1.0, weight_decay: 0.004));

    [Test]
    public void ClipNormAndClipValue() => clipping((norm, value) => new Adadelta(clipnorm: norm, clipvalue: value));
}
