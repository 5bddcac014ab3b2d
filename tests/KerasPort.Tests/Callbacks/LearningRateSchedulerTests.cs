using KerasPort.Callbacks;
using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Optimizers;
using KerasPort.Optimizers.Schedules;

namespace KerasPort.Tests.Callbacks;

/// <summary>keras/src/callbacks/learning_rate_scheduler_test.py, translated.</summary>
public class LearningRateSchedulerTests
{
    private Sequential model = null!;
    private Tensor x_train = null!, y_train = null!;

    [SetUp]
    public void SetUp()
    {
        x_train = torch.rand(10, 3);
        y_train = keras.utils.to_categorical(torch.randint(0, 2, [10]), num_classes: 2);
        model = new Sequential([new Dense(5, input_shape: [3]), new Dense(2)]);
        model.compile(loss: "mse", optimizer: "sgd");
    }

    [TearDown]
    public void TearDown()
    {
        x_train.Dispose();
        y_train.Dispose();
        model.Dispose();
    }

    [Test]
    public void UpdatesLearningRate()
    {
        model.fit(x_train, y_train, callbacks: [new LearningRateScheduler(step => 1.0 / (2.0 + step), verbose: 1) { stdout = new StringWriter() }], epochs: 1, verbose: 0);
        Assert.That(model.optimizer!.learning_rate, Is.EqualTo(0.5));
    }

    [Test]
    public void VerboseLogging()
    {
        var output = new StringWriter();
        model.fit(x_train, y_train, callbacks: [new LearningRateScheduler(step => 1.0 / (1.0 + step), verbose: 1) { stdout = output }], epochs: 1, verbose: 0);
        Assert.That(output.ToString(), Does.Contain("LearningRateScheduler setting learning rate to 1.0"));
    }

    [Test]
    public void ScheduleDependentOnPreviousLearningRate()
    {
        const double initial_lr = 0.03;
        model.compile(loss: "mse", optimizer: new Adam(initial_lr));
        model.fit(x_train, y_train, callbacks: [new LearningRateScheduler((step, lr) => lr / 2)], epochs: 2, verbose: 0);
        Assert.That(model.optimizer!.learning_rate, Is.EqualTo((double)(float)((float)((float)initial_lr / 2.0) / 2.0)));
    }

    [Test]
    public void ThrowsWhenOptimizerHasSchedule()
    {
        model.compile(loss: "mse", optimizer: new Adam(new PolynomialDecay(initial_learning_rate: 0.1, decay_steps: 10)));
        var e = Assert.Throws<InvalidOperationException>(() =>
            model.fit(x_train, y_train, callbacks: [new LearningRateScheduler((step, lr) => lr / 2)], epochs: 2, verbose: 0))!;
        Assert.That(e.Message, Does.StartWith("This optimizer was created with a `LearningRateSchedule`"));
    }

    [Test]
    public void LearningRateInHistory()
    {
        var history = model.fit(x_train, y_train, callbacks: [new LearningRateScheduler((step, lr) => 0.5)], epochs: 1, verbose: 0);
        Assert.That(history.history.ContainsKey("learning_rate"), Is.True);
        Assert.That(history.history["learning_rate"][0], Is.EqualTo(0.5));
    }
}
