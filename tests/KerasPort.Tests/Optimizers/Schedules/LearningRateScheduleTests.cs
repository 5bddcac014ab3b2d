using KerasPort.Models;
using KerasPort.Optimizers;
using KerasPort.Optimizers.Schedules;
using KerasPort.Layers;
using KerasPort.Saving;

namespace KerasPort.Tests.Optimizers.Schedules;

/// <summary>
/// keras/src/optimizers/schedules/learning_rate_schedule_test.py, translated, and the schedules'
/// values recorded from Keras 3.15.1 (tools/record_optimizer_cases.py) at 1e-6.
/// </summary>
public class LearningRateScheduleTests
{
    private const double Tol = 1e-6;

    private static double at(LearningRateSchedule schedule, double step) => schedule.__call__(step);

    public static IEnumerable<TestCaseData> RecordedSchedules()
    {
        var root = KerasFixtures.Load("optimizers", "optimizer_cases.json")["schedules"]!.AsObject();
        foreach (var (name, c) in root) yield return new TestCaseData(c!.ToJsonString()).SetName("Recorded_" + name);
    }

    [TestCaseSource(nameof(RecordedSchedules))]
    public void Recorded(string json)
    {
        var c = (IDictionary<string, object?>)KerasJson.loads(json)!;
        var schedule = keras.optimizers.schedules.deserialize(c);
        Assert.That(schedule.GetType().Name, Is.EqualTo(c["class_name"]));
        var steps = ((IList<object?>)c["steps"]!).Select(Convert.ToDouble).ToArray();
        var values = ((IList<object?>)c["values"]!).Select(Convert.ToDouble).ToArray();
        for (int i = 0; i < steps.Length; i++)
            Assert.That(at(schedule, steps[i]), Is.EqualTo(values[i]).Within(Tol), $"step {steps[i]}");
        // A tensor of steps gives every value at once, and an int64 step (an optimizer's iterations) the same.
        using var all = schedule.__call__(torch.tensor(steps.Select(s => (long)s).ToArray()));
        Assert.That(all.dtype, Is.EqualTo(ScalarType.Float32));
        var batch = all.to_type(ScalarType.Float64).data<double>().ToArray();
        for (int i = 0; i < steps.Length; i++) Assert.That(batch[i], Is.EqualTo(values[i]).Within(Tol), $"int64 step {steps[i]}");
        // get_config gives back the recorded config (numbers compared as numbers).
        var expected = (IDictionary<string, object?>)c["config"]!;
        var config = schedule.get_config();
        Assert.That(config.Keys, Is.EquivalentTo(expected.Keys));
        foreach (var (key, value) in expected)
            Assert.That(KerasJson.dumps(normalize(config[key])), Is.EqualTo(KerasJson.dumps(normalize(value))), key);
    }

    private static object? normalize(object? value) => value switch
    {
        long or int or double or float => Convert.ToDouble(value),
        System.Collections.IEnumerable e and not string => e.Cast<object?>().Select(normalize).ToList(),
        _ => value,
    };

    // --- learning_rate_schedule_test.py ---

    [Test]
    public void FitLrCorrectness()
    {
        var model = new Sequential([new Dense(2, kernel_initializer: "ones", bias_initializer: "ones")]);
        var optimizer = new Adam(learning_rate: new ExponentialDecay(initial_learning_rate: 0.05, decay_steps: 1, decay_rate: 0.9));
        Assert.That(optimizer.variables, Has.Count.EqualTo(1));
        Assert.That(optimizer.variables[0].item<long>(), Is.EqualTo(0));
        model.compile(optimizer: optimizer, loss: "mse");
        var x = torch.arange(32, ScalarType.Float32).reshape(16, 2);
        var y = torch.arange(32, ScalarType.Float32).reshape(16, 2);
        var history = model.fit(x, y, epochs: 3, batch_size: 4, shuffle: false, verbose: 0);
        Assert.That(optimizer.variables[0].item<long>(), Is.EqualTo(4 * 3));
        double[] expected = [230.79457092285156, 128.30319213867188, 79.33648681640625];
        for (int i = 0; i < 3; i++) Assert.That(history.history["loss"][i], Is.EqualTo(expected[i]).Within(5e-5 * expected[i]));
        Assert.That(history.history.ContainsKey("learning_rate"), Is.False, "no learning_rate key with a schedule, as Keras");
    }

    private static void round_trip(LearningRateSchedule schedule)
    {
        var again = keras.optimizers.schedules.deserialize(keras.optimizers.schedules.serialize(schedule));
        Assert.That(again.GetType(), Is.EqualTo(schedule.GetType()));
        Assert.That(KerasJson.dumps(again.get_config()), Is.EqualTo(KerasJson.dumps(schedule.get_config())));
        foreach (var step in new[] { 0.0, 1, 5, 13, 50 }) Assert.That(at(again, step), Is.EqualTo(at(schedule, step)));
    }

    [Test]
    public void ExponentialDecay_Config() =>
        round_trip(new ExponentialDecay(initial_learning_rate: 0.05, decay_steps: 10, decay_rate: 0.96, staircase: true, name: "my_ed"));

    [Test]
    public void ExponentialDecay_Continuous() =>
        Assert.That(at(new ExponentialDecay(0.05, 10, 0.96), 5), Is.EqualTo(0.05 * Math.Pow(0.96, 5.0 / 10.0)).Within(Tol));

    [Test]
    public void ExponentialDecay_Staircase()
    {
        var decayed_lr = new ExponentialDecay(0.1, 3, 0.96, staircase: true);
        Assert.That(at(decayed_lr, 1), Is.EqualTo(0.1).Within(Tol));
        Assert.That(at(decayed_lr, 2), Is.EqualTo(0.1).Within(Tol));
        Assert.That(at(decayed_lr, 100), Is.EqualTo(0.1 * Math.Pow(0.96, 100 / 3)).Within(Tol));
    }

    [Test]
    public void PiecewiseConstantDecay_Config() =>
        round_trip(new PiecewiseConstantDecay(boundaries: [10, 20], values: [1, 2, 3], name: "my_pcd"));

    [Test]
    public void PiecewiseConstantDecay_Values()
    {
        var decayed_lr = new PiecewiseConstantDecay([100, 110, 120], [1.0, 0.1, 0.01, 0.001]);
        foreach (var (x, expected) in new[] { (-999.0, 1.0), (100, 1.0), (105, 0.1), (110, 0.1), (120, 0.01), (999, 0.001) })
            Assert.That(at(decayed_lr, x), Is.EqualTo(expected).Within(Tol), $"step {x}");
    }

    [Test]
    public void PiecewiseConstantDecay_BoundaryValuesCastToAnInt64Step()
    {
        var decayed_lr = new PiecewiseConstantDecay([1, 2, 3], [0.4, 0.5, 0.6, 0.7]);
        foreach (var (x, expected) in new[] { (0L, 0.4), (1L, 0.4), (2L, 0.5), (3L, 0.6), (4L, 0.7) })
        {
            using var step = torch.tensor(x);
            using var lr = decayed_lr.__call__(step);
            Assert.That(lr.item<float>(), Is.EqualTo(expected).Within(Tol), $"step {x}");
        }
    }

    [Test]
    public void PiecewiseConstantDecay_LengthsMustMatch()
    {
        var e = Assert.Throws<ArgumentException>(() => new PiecewiseConstantDecay([1, 2], [0.1, 0.2]))!;
        Assert.That(e.Message, Does.StartWith("The length of boundaries should be 1 less than the length of values. Received: boundaries=[1.0, 2.0] of length 2, and values=[0.1, 0.2] of length 2."));
    }

    [Test]
    public void PolynomialDecay_Config() =>
        round_trip(new PolynomialDecay(initial_learning_rate: 0.1, decay_steps: 100, end_learning_rate: 0.005, power: 1.0, cycle: false, name: "my_ld"));

    [TestCase(5, 0.0, 1.0, false, 0.05 * 0.5, TestName = "LinearDecay_Halfway")]
    [TestCase(10, 0.001, 1.0, false, 0.001, TestName = "LinearDecay_End")]
    [TestCase(5, 0.001, 1.0, false, (0.05 + 0.001) * 0.5, TestName = "LinearDecay_HalfwayWithEnd")]
    [TestCase(15, 0.001, 1.0, false, 0.001, TestName = "LinearDecay_BeyondEnd")]
    [TestCase(15, 0.001, 1.0, true, (0.05 - 0.001) * 0.25 + 0.001, TestName = "LinearDecay_BeyondEndWithCycle")]
    public void PolynomialDecay_Linear(double step, double end_lr, double power, bool cycle, double expected) =>
        Assert.That(at(new PolynomialDecay(0.05, 10, end_lr, power: power, cycle: cycle), step), Is.EqualTo(expected).Within(Tol));

    [Test]
    public void SqrtDecay()
    {
        double lr = 0.05, power = 0.5;
        Assert.That(at(new PolynomialDecay(lr, 10, 0.0, power: power), 5), Is.EqualTo(lr * Math.Pow(0.5, power)).Within(Tol));
        Assert.That(at(new PolynomialDecay(lr, 10, 0.001, power: power), 10), Is.EqualTo(0.001).Within(Tol));
        Assert.That(at(new PolynomialDecay(lr, 10, 0.001, power: power), 5), Is.EqualTo((lr - 0.001) * Math.Pow(0.5, power) + 0.001).Within(Tol));
        Assert.That(at(new PolynomialDecay(lr, 10, 0.001, power: power), 15), Is.EqualTo(0.001).Within(Tol));
        Assert.That(at(new PolynomialDecay(lr, 10, 0.001, power: power, cycle: true), 15), Is.EqualTo((lr - 0.001) * Math.Pow(0.25, power) + 0.001).Within(Tol));
        Assert.That(at(new PolynomialDecay(0.001, 10, cycle: true), 0), Is.EqualTo(0.001).Within(Tol));
    }

    [Test]
    public void InverseTimeDecay_Config() =>
        round_trip(new InverseTimeDecay(initial_learning_rate: 0.05, decay_steps: 10, decay_rate: 0.96, staircase: true, name: "my_itd"));

    [Test]
    public void InverseTimeDecay_Decay()
    {
        var decayed_lr = new InverseTimeDecay(0.1, 10, 0.96);
        for (int i = 0; i <= 10; i++) Assert.That(at(decayed_lr, i), Is.EqualTo(0.1 / (1 + i / 10.0 * 0.96)).Within(Tol));
    }

    [Test]
    public void InverseTimeDecay_Staircase()
    {
        var decayed_lr = new InverseTimeDecay(0.1, 10, 0.96, staircase: true);
        for (int i = 0; i <= 10; i++) Assert.That(at(decayed_lr, i), Is.EqualTo(0.1 / (1 + 0.96 * (i / 10))).Within(Tol));
    }

    /// <summary>PORTING.md's P3 line: a Tensor of steps in, a Tensor out.</summary>
    [Test]
    public void InverseTimeDecay_OnATensorOfSteps()
    {
        const int STEPS_PER_EPOCH = 20;
        var lr_schedule = new InverseTimeDecay(0.001, decay_steps: STEPS_PER_EPOCH * 1000, decay_rate: 1, staircase: false);
        var step = torch.linspace(0, 100000, 50);
        var lr = lr_schedule.__call__(step);
        Assert.That(lr.shape, Is.EqualTo(new long[] { 50 }));
        var s = step.data<float>().ToArray();
        var v = lr.data<float>().ToArray();
        for (int i = 0; i < 50; i++) Assert.That(v[i], Is.EqualTo(0.001 / (1 + s[i] / 20000.0)).Within(1e-9));
    }

    [Test]
    public void CosineDecay_Config() =>
        round_trip(new CosineDecay(initial_learning_rate: 0.05, decay_steps: 10, alpha: 0.1, warmup_target: 0.2, warmup_steps: 2, name: "my_cd"));

    private static double np_cosine_decay(double step, double decay_steps, double alpha = 0.0)
    {
        step = Math.Min(step, decay_steps);
        double decay = 0.5 * (1.0 + Math.Cos(Math.PI * step / decay_steps));
        return (1.0 - alpha) * decay + alpha;
    }

    private static double linear_warmup(double step, double warmup_steps, double initial_lr, double target_lr) =>
        step / warmup_steps * (target_lr - initial_lr);

    [Test]
    public void CosineDecay_Decay()
    {
        for (int step = 0; step < 1500; step += 250)
        {
            Assert.That(at(new CosineDecay(1.0, 1000), step), Is.EqualTo(np_cosine_decay(step, 1000)).Within(Tol));
            Assert.That(at(new CosineDecay(1.0, 1000, 0.1), step), Is.EqualTo(np_cosine_decay(step, 1000, 0.1)).Within(Tol), "alpha");
        }
    }

    [Test]
    public void CosineDecay_Warmup()
    {
        for (int step = 0; step < 1500; step += 250)
            Assert.That(at(new CosineDecay(0.0, 10, warmup_target: 10.0, warmup_steps: 1500), step),
                        Is.EqualTo(linear_warmup(step, 1500, 0.0, 10.0)).Within(1e-6 + 1e-6 * 10));
    }

    [Test]
    public void CosineDecay_WarmupDecay()
    {
        for (int step = 0; step < 3000; step += 250)
        {
            double expected = step < 2000 + 1 ? linear_warmup(step, 2000, 0.0, 10.0) : 10.0 * np_cosine_decay(step - 2000, 1000);
            Assert.That(at(new CosineDecay(0.0, 1000, warmup_target: 10.0, warmup_steps: 2000), step), Is.EqualTo(expected).Within(1e-6 + 1e-6 * 10), $"step {step}");
        }
    }

    [Test]
    public void CosineDecayRestarts_Config() =>
        round_trip(new CosineDecayRestarts(initial_learning_rate: 0.05, first_decay_steps: 10, alpha: 0.1, t_mul: 3.0, m_mul: 4.0, name: "my_cdr"));

    private static double np_cosine_decay_restarts(double step, double decay_steps, double t_mul = 2.0, double m_mul = 1.0, double alpha = 0.0)
    {
        double fac = 1.0;
        while (step >= decay_steps)
        {
            step -= decay_steps;
            decay_steps *= t_mul;
            fac *= m_mul;
        }
        double decay = fac * 0.5 * (1.0 + Math.Cos(Math.PI * step / decay_steps));
        return (1.0 - alpha) * decay + alpha;
    }

    [Test]
    public void CosineDecayRestarts_Decay()
    {
        for (int step = 0; step < 1500; step += 250)
        {
            Assert.That(at(new CosineDecayRestarts(1.0, 1000), step), Is.EqualTo(np_cosine_decay_restarts(step, 1000)).Within(Tol));
            Assert.That(at(new CosineDecayRestarts(1.0, 1000, alpha: 0.1), step), Is.EqualTo(np_cosine_decay_restarts(step, 1000, alpha: 0.1)).Within(Tol), "alpha");
            Assert.That(at(new CosineDecayRestarts(1.0, 1000, m_mul: 0.9), step), Is.EqualTo(np_cosine_decay_restarts(step, 1000, m_mul: 0.9)).Within(Tol), "m_mul");
            Assert.That(at(new CosineDecayRestarts(1.0, 1000, t_mul: 1.0), step), Is.EqualTo(np_cosine_decay_restarts(step, 1000, t_mul: 1.0)).Within(Tol), "t_mul");
        }
    }

    // --- Keras's argument checks, and KerasPort's finite-number checks ---

    [Test]
    public void DecayStepsMustBePositive()
    {
        Assert.That(Assert.Throws<ArgumentException>(() => new ExponentialDecay(0.1, 0, 0.9))!.Message, Does.StartWith("Argument `decay_steps` must be > 0. Received: decay_steps=0.0"));
        Assert.That(Assert.Throws<ArgumentException>(() => new InverseTimeDecay(0.1, -1, 0.9))!.ParamName, Is.EqualTo("decay_steps"));
        Assert.That(Assert.Throws<ArgumentException>(() => new PolynomialDecay(0.1, 0))!.ParamName, Is.EqualTo("decay_steps"));
        Assert.That(Assert.Throws<ArgumentException>(() => new CosineDecay(0.1, double.NaN))!.ParamName, Is.EqualTo("decay_steps"));
        Assert.That(Assert.Throws<ArgumentException>(() => new CosineDecayRestarts(0.1, 0))!.Message, Does.StartWith("Argument `first_decay_steps` must be > 0."));
        Assert.That(Assert.Throws<ArgumentException>(() => new ExponentialDecay(double.NaN, 10, 0.9))!.ParamName, Is.EqualTo("initial_learning_rate"));
        Assert.That(Assert.Throws<ArgumentException>(() => new CosineDecay(0.1, 10, warmup_target: double.PositiveInfinity))!.ParamName, Is.EqualTo("warmup_target"));
    }

    [Test]
    public void AScheduledLearningRateIsNotSettable()
    {
        using var adam = new Adam(new ExponentialDecay(0.1, 10, 0.5));
        Assert.That(adam.learning_rate, Is.EqualTo(0.1).Within(Tol));
        Assert.Throws<InvalidOperationException>(() => adam.learning_rate = 0.5);
        Assert.That(adam.get_config()["learning_rate"], Is.InstanceOf<IDictionary<string, object?>>());
    }
}
