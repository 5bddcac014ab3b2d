using KerasPort.Optimizers;
using static KerasPort.Tests.Optimizers.KerasOptimizerTestCase;

namespace KerasPort.Tests.Optimizers;

/// <summary>keras/src/optimizers/adamax_test.py, translated (exclude_from_weight_decay by var_names is not ported: KerasPort variables carry no Keras path).</summary>
public class AdamaxTests
{
    [Test]
    public void Config() => class_serialization(new Adamax(learning_rate: 0.5, beta_1: 0.8, beta_2: 0.95, epsilon: 1e-5));

    [Test]
    public void SingleStep() => single_step(new Adamax(learning_rate: 0.5), [0.5, 1.5, 2.5, 3.5]);

    [Test]
    public void CorrectnessWithGolden() => golden(new Adamax(learning_rate: 0.2, beta_1: 0.85, beta_2: 0.95, epsilon: 1e-6), new double[][]
        {
            [0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8],
            [0.6827, 0.6873, 0.6888, 0.6896, 0.6901, 0.6904, 0.6906, 0.6908, 0.6909, 0.691],
            [0.5333, 0.5407, 0.5431, 0.5444, 0.5451, 0.5456, 0.546, 0.5462, 0.5464, 0.5466],
            [0.368, 0.3773, 0.3804, 0.382, 0.3829, 0.3835, 0.384, 0.3843, 0.3846, 0.3848],
            [0.1933, 0.204, 0.2076, 0.2094, 0.2105, 0.2112, 0.2117, 0.2121, 0.2124, 0.2126],
        });

    [Test]
    public void WeightDecay() => weight_decay(() => new Adamax(learning_rate: 1.0, weight_decay: 0.004));

    [Test]
    public void ClipNormAndClipValue() => clipping((norm, value) => new Adamax(clipnorm: norm, clipvalue: value));
}
