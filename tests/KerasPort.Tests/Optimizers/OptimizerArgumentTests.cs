using KerasPort.Optimizers;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasPort.Tests.Optimizers;

/// <summary>
/// Issue 11 items 8 and 10: every optimizer hyper-parameter is checked at construction (NaN,
/// infinity, negative where Keras's formulas need non-negative), naming the argument; an
/// optimizer releases its native tensors on Dispose; <c>variables</c> allocates nothing per read.
/// </summary>
public class OptimizerArgumentTests
{
    private static readonly double[] NonFinite = [double.NaN, double.PositiveInfinity, double.NegativeInfinity];

    public static IEnumerable<TestCaseData> BadArguments()
    {
        var makers = new (string argument, Func<double, Optimizer> make, double[] bad)[]
        {
            ("learning_rate", v => new Adam(v), [.. NonFinite, -1e-3]),
            ("learning_rate", v => new SGD(v), [.. NonFinite, -0.1]),
            ("learning_rate", v => new Adagrad(v), [.. NonFinite, -0.1]),
            ("learning_rate", v => new Ftrl(v), [.. NonFinite, -0.1]),
            ("epsilon", v => new Adam(epsilon: v), [.. NonFinite, -1e-7]),
            ("epsilon", v => new AdamW(epsilon: v), [.. NonFinite, -1e-7]),
            ("epsilon", v => new RMSprop(epsilon: v), [.. NonFinite, -1e-7]),
            ("epsilon", v => new Adagrad(epsilon: v), [.. NonFinite, -1e-7]),
            ("epsilon", v => new Adadelta(epsilon: v), [.. NonFinite, -1e-7]),
            ("epsilon", v => new Adamax(epsilon: v), [.. NonFinite, -1e-7]),
            ("epsilon", v => new Nadam(epsilon: v), [.. NonFinite, -1e-7]),
            ("beta_1", v => new Adam(beta_1: v), [.. NonFinite, -0.1, 1.0, 1.5]),
            ("beta_2", v => new Adam(beta_2: v), [.. NonFinite, -0.1, 1.0]),
            ("beta_1", v => new Adamax(beta_1: v), [.. NonFinite, 1.0]),
            ("beta_2", v => new Nadam(beta_2: v), [.. NonFinite, 1.0]),
            ("beta_1", v => new Lion(beta_1: v), [.. NonFinite, 0.0, 1.1]),
            ("beta_2", v => new Lion(beta_2: v), [.. NonFinite, 1.0]),
            ("momentum", v => new SGD(momentum: v), [.. NonFinite, -0.5, 1.5]),
            ("momentum", v => new RMSprop(momentum: v), [.. NonFinite, -0.5, 1.0]),
            ("rho", v => new RMSprop(rho: v), [.. NonFinite, -0.5, 1.0]),
            ("rho", v => new Adadelta(rho: v), [.. NonFinite, 1.0]),
            ("initial_accumulator_value", v => new Adagrad(initial_accumulator_value: v), [.. NonFinite, -0.1]),
            ("initial_accumulator_value", v => new Ftrl(initial_accumulator_value: v), [double.NaN, double.PositiveInfinity, -0.1]),
            ("learning_rate_power", v => new Ftrl(learning_rate_power: v), [double.NaN, double.NegativeInfinity, 0.5]),
            ("beta", v => new Ftrl(beta: v), NonFinite),
            ("weight_decay", v => new Adam(weight_decay: v), [.. NonFinite, -0.01]),
            ("weight_decay", v => new AdamW(weight_decay: v), [.. NonFinite, -0.01]),
            ("clipnorm", v => new Adam(clipnorm: v), [.. NonFinite, -1]),
            ("clipvalue", v => new SGD(clipvalue: v), [.. NonFinite, -1]),
            ("global_clipnorm", v => new Nadam(global_clipnorm: v), [.. NonFinite, -1]),
            ("loss_scale_factor", v => new Lion(loss_scale_factor: v), [.. NonFinite, 0, -2]),
        };
        foreach (var (argument, make, bad) in makers)
            foreach (var value in bad)
            {
                using var probe = make(argument == "learning_rate_power" ? -0.5 : 0.5);
                string type = probe.GetType().Name;
                yield return new TestCaseData(argument, make, value).SetName($"{type}_{argument}_{value.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
            }
    }

    [TestCaseSource(nameof(BadArguments))]
    public void BadHyperParameterRaisesNamingIt(string argument, Func<double, Optimizer> make, double value)
    {
        var e = Assert.Throws<ArgumentException>(() => make(value))!;
        Assert.That(e.ParamName, Is.EqualTo(argument));
        Assert.That(e.Message, Does.Contain(argument));
    }

    [Test]
    public void TheLearningRateSetterChecksToo()
    {
        using var adam = new Adam();
        Assert.That(Assert.Throws<ArgumentException>(() => adam.learning_rate = double.NaN)!.ParamName, Is.EqualTo("learning_rate"));
        Assert.That(Assert.Throws<ArgumentException>(() => adam.learning_rate = -1)!.ParamName, Is.EqualTo("learning_rate"));
        adam.learning_rate = 0.5;
        Assert.That(adam.learning_rate, Is.EqualTo(0.5));
    }

    [Test]
    public void KerasDefaultsAreAccepted()
    {
        Optimizer[] all = [new Adam(), new AdamW(), new SGD(), new RMSprop(), new Adagrad(), new Adadelta(), new Adamax(), new Nadam(), new Lion(), new Ftrl()];
        double[] defaults = [0.001, 0.001, 0.01, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001];
        for (int i = 0; i < all.Length; i++)
        {
            Assert.That(all[i].learning_rate, Is.EqualTo((double)(float)defaults[i]), all[i].GetType().Name);
            all[i].Dispose();
        }
    }

    [Test]
    public void VariablesHandsOutTheSameTensorsEachRead()
    {
        using var adam = new Adam(0.01);
        var w = new Parameter(torch.ones(3));
        using var g = torch.ones(3);
        adam.apply_gradients([(g, w)]);
        var first = adam.variables;
        var second = adam.variables;
        Assert.That(second, Has.Count.EqualTo(4));
        for (int i = 0; i < first.Count; i++) Assert.That(second[i], Is.SameAs(first[i]), $"variable {i}");
        Assert.That(second[0].item<long>(), Is.EqualTo(1));
        adam.apply_gradients([(g, w)]);
        Assert.That(adam.variables[0].item<long>(), Is.EqualTo(2), "the iteration variable follows iterations");
        adam.learning_rate = 0.5;
        Assert.That(adam.variables[1].item<float>(), Is.EqualTo(0.5f), "the learning-rate variable follows learning_rate");
    }

    [Test]
    public void DisposeReleasesTheSlotTensors()
    {
        var nadam = new Nadam();
        var w = new Parameter(torch.ones(3, 2));
        using var g = torch.ones(3, 2);
        nadam.apply_gradients([(g, w)]);
        var variables = nadam.variables.ToList();
        Assert.That(variables, Has.Count.EqualTo(5));
        nadam.Dispose();
        foreach (var v in variables) Assert.That(v.IsInvalid, Is.True, "released");
        Assert.Throws<ObjectDisposedException>(() => nadam.apply_gradients([(g, w)]));
        Assert.Throws<ObjectDisposedException>(() => _ = nadam.variables);
        nadam.Dispose();
        Assert.That(w.IsInvalid, Is.False, "the model's variables are not the optimizer's to release");
    }

    [Test]
    public void SetWeightsRestoresIterationsLearningRateAndSlots()
    {
        using var source = new Adam(0.01);
        var w = new Parameter(torch.ones(3));
        using var g = torch.tensor(new float[] { 1, -2, 3 });
        source.apply_gradients([(g, w)]);
        using var target = new Adam(0.5);
        Assert.Throws<InvalidOperationException>(() => target.set_weights(source.variables));
        target.build([new Parameter(torch.ones(3))]);
        target.set_weights(source.variables);
        Assert.That(target.iterations, Is.EqualTo(1));
        Assert.That(target.learning_rate, Is.EqualTo(source.learning_rate));
        for (int i = 2; i < 4; i++) Assert.That(target.variables[i].allclose(source.variables[i]), Is.True);
        using var wrong = torch.zeros(4);
        Assert.Throws<ArgumentException>(() => target.set_weights([source.variables[0], source.variables[1], wrong]));
    }
}
