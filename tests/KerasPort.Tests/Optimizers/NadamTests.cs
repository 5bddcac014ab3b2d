using KerasPort.Optimizers;
using static KerasPort.Tests.Optimizers.KerasOptimizerTestCase;

namespace KerasPort.Tests.Optimizers;

/// <summary>keras/src/optimizers/nadam_test.py, translated (exclude_from_weight_decay by var_names is not ported: KerasPort variables carry no Keras path).</summary>
public class NadamTests
{
    [Test]
    public void Config() => class_serialization(new Nadam(learning_rate: 0.5, beta_1: 0.5, beta_2: 0.67, epsilon: 1e-5));

    [Test]
    public void BuildWithEmptyVarList()
    {
        using var optimizer = new Nadam();
        optimizer.build([]);
        // u_product is a float32 variable, the last of the optimizer's variables.
        Assert.That(optimizer.variables[^1].dtype, Is.EqualTo(ScalarType.Float32));
        Assert.That(optimizer.variables[^1].item<float>(), Is.EqualTo(1f));
    }

    [Test]
    public void SingleStep() => single_step(new Nadam(learning_rate: 0.5), [0.4686, 1.4686, 2.4686, 3.4686]);

    [Test]
    public void CorrectnessWithGolden() => golden(new Nadam(learning_rate: 0.5, beta_1: 0.5, beta_2: 0.67, epsilon: 1e-5), new double[][]
        {
            [0.4281, 0.4281, 0.4281, 0.4281, 0.4281, 0.4281, 0.4281, 0.4281, 0.4281, 0.4281],
            [-0.1738, -0.1731, -0.1726, -0.1723, -0.1721, -0.172, -0.1719, -0.1718, -0.1718, -0.1717],
            [-0.7115, -0.7103, -0.7096, -0.7092, -0.709, -0.7088, -0.7086, -0.7085, -0.7085, -0.7084],
            [-1.2335, -1.2322, -1.2313, -1.2309, -1.2306, -1.2304, -1.2302, -1.2301, -1.23, -1.2299],
            [-1.7492, -1.7478, -1.7469, -1.7464, -1.7461, -1.7459, -1.7457, -1.7456, -1.7455, -1.7454],
        });

    [Test]
    public void WeightDecay() => weight_decay(() => new Nadam(learning_rate: 1.0, weight_decay: 0.004));

    [Test]
    public void ClipNormAndClipValue() => clipping((norm, value) => new Nadam(clipnorm: norm, clipvalue: value));
}
