using KerasPort.Optimizers;
using static KerasPort.Tests.Optimizers.KerasOptimizerTestCase;

namespace KerasPort.Tests.Optimizers;

/// <summary>keras/src/optimizers/ftrl_test.py, translated (Keras has no weight-decay test for Ftrl).</summary>
public class FtrlTests
{
    private static Ftrl configured() => new(learning_rate: 0.05, learning_rate_power: -0.2, initial_accumulator_value: 0.4,
        l1_regularization_strength: 0.05, l2_regularization_strength: 0.15, l2_shrinkage_regularization_strength: 0.01, beta: 0.3);

    [Test]
    public void Config() => class_serialization(configured());

    [Test]
    public void SingleStep() => single_step(new Ftrl(learning_rate: 0.5), [0.2218, 1.3954, 2.3651, 2.8814]);

    [Test]
    public void CorrectnessWithGolden() => golden(configured(), new double[][]
        {
            [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
            [-0.0034, -0.0077, -0.0118, -0.0157, -0.0194, -0.023, -0.0263, -0.0294, -0.0325, -0.0354],
            [-0.0078, -0.0162, -0.0242, -0.0317, -0.0387, -0.0454, -0.0516, -0.0575, -0.0631, -0.0685],
            [-0.0121, -0.0246, -0.0363, -0.0472, -0.0573, -0.0668, -0.0757, -0.0842, -0.0922, -0.0999],
            [-0.0164, -0.0328, -0.0481, -0.0623, -0.0753, -0.0875, -0.099, -0.1098, -0.1201, -0.1299],
        });

    [Test]
    public void ClipNormAndClipValue() => clipping((norm, value) => new Ftrl(clipnorm: norm, clipvalue: value));

    [TestCase("initial_accumulator_value", "`initial_accumulator_value` needs to be positive or zero. Received: initial_accumulator_value=-0.1.")]
    [TestCase("learning_rate_power", "`learning_rate_power` needs to be negative or zero. Received: learning_rate_power=0.1.")]
    [TestCase("l1_regularization_strength", "`l1_regularization_strength` needs to be positive or zero. Received: l1_regularization_strength=-0.1.")]
    [TestCase("l2_regularization_strength", "`l2_regularization_strength` needs to be positive or zero. Received: l2_regularization_strength=-0.1.")]
    [TestCase("l2_shrinkage_regularization_strength", "`l2_shrinkage_regularization_strength` needs to be positive or zero. Received: l2_shrinkage_regularization_strength=-0.1.")]
    public void InvalidArguments(string argument, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => _ = argument switch
        {
            "initial_accumulator_value" => new Ftrl(initial_accumulator_value: -0.1),
            "learning_rate_power" => new Ftrl(learning_rate_power: 0.1),
            "l1_regularization_strength" => new Ftrl(l1_regularization_strength: -0.1),
            "l2_regularization_strength" => new Ftrl(l2_regularization_strength: -0.1),
            _ => new Ftrl(l2_shrinkage_regularization_strength: -0.1),
        })!;
        Assert.That(e.Message, Does.StartWith(message));
        Assert.That(e.ParamName, Is.EqualTo(argument));
    }
}
