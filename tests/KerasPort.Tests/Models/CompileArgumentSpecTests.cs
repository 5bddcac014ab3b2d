using KerasPort.Layers;
using KerasPort.Losses;
using KerasPort.Metrics;
using KerasPort.Models;
using KerasPort.Optimizers;
using KerasPort.Saving;
using static TorchSharp.torch;

namespace KerasPort.Tests.Models;

/// <summary>
/// The typed arguments of <c>compile</c> (<see cref="OptimizerSpec"/>, <see cref="LossSpec"/>,
/// <see cref="CompileMetrics"/> of <see cref="MetricSpec"/>s, <see cref="LossWeights"/>): each form
/// Keras accepts trains the same way as its named equivalent, and the compile config keeps it.
/// </summary>
public sealed class CompileArgumentSpecTests
{
    private static Tensor squared_error(Tensor y_true, Tensor y_pred) => keras.losses.mean_squared_error(y_true, y_pred);

    private static Tensor absolute_error(Tensor y_true, Tensor y_pred) => keras.losses.mean_absolute_error(y_true, y_pred);

    private static (Tensor x, Tensor y) Data() =>
        (arange(24, dtype: ScalarType.Float32).reshape(8, 3) / 24, arange(8, dtype: ScalarType.Float32).reshape(8, 1) / 8);

    private static Sequential Small() => new([new Dense(1, input_shape: [3], kernel_initializer: "ones")]);

    private static Dictionary<string, List<double>> Fit(Action<Model> compile)
    {
        using var model = Small();
        compile(model);
        var (x, y) = Data();
        return model.fit(x, y, batch_size: 4, epochs: 2, shuffle: false, verbose: 0).history;
    }

    [Test]
    public void A_loss_function_trains_as_the_named_loss()
    {
        Func<Tensor, Tensor, Tensor> loss = squared_error;
        var by_function = Fit(m => m.compile(optimizer: new SGD(0.1), loss: loss));
        var by_name = Fit(m => m.compile(optimizer: new SGD(0.1), loss: "mse"));
        Assert.That(by_function["loss"], Is.EqualTo(by_name["loss"]).Within(1e-7));
        using var model = Small();
        model.compile(loss: loss);
        Assert.That(model.loss, Is.TypeOf<LossFunctionWrapper>().With.Property(nameof(Loss.name)).EqualTo("squared_error"));
    }

    [Test]
    public void A_metric_function_is_averaged_and_named_as_Keras_names_it()
    {
        Func<Tensor, Tensor, Tensor> metric = absolute_error;
        Func<Tensor, Tensor, Tensor> lambda = (t, p) => absolute_error(t, p);
        var history = Fit(m => m.compile(optimizer: "sgd", loss: "mse", metrics: ["mae", metric, lambda]));
        Assert.That(history.Keys, Is.EquivalentTo(new[] { "loss", "mae", "absolute_error", "<lambda>" }));
        Assert.That(history["absolute_error"], Is.EqualTo(history["mae"]).Within(1e-7));
        Assert.That(history["<lambda>"], Is.EqualTo(history["mae"]).Within(1e-7));
    }

    [Test]
    public void Optimizer_by_name_or_object()
    {
        using var model = Small();
        var adam = new Adam(0.01);
        model.compile(optimizer: adam, loss: "mse");
        Assert.That(model.optimizer, Is.SameAs(adam));
        model.compile(optimizer: "Adam", loss: "mse");
        Assert.That(model.optimizer, Is.TypeOf<Adam>().And.Not.SameAs(adam));
        model.compile(loss: "mse");
        Assert.That(model.optimizer, Is.TypeOf<RMSprop>());
        Assert.That(Assert.Throws<ArgumentException>(() => model.compile(optimizer: "nope", loss: "mse"))!.Message,
            Does.StartWith("Could not interpret optimizer identifier: nope"));
        Assert.That(Assert.Throws<ArgumentException>(() => model.compile(loss: "nope"))!.Message,
            Does.StartWith("Could not interpret loss identifier: nope"));
    }

    [Test]
    public void Metrics_as_arrays_or_collection_expressions()
    {
        string[] names = ["mae", "mse"];
        MetricSpec[] mixed = ["mae", new KerasPort.Metrics.MeanSquaredError(name: "mse")];
        var from_names = Fit(m => m.compile(optimizer: "sgd", loss: "mse", metrics: names, weighted_metrics: ["mae"]));
        var from_specs = Fit(m => m.compile(optimizer: "sgd", loss: "mse", metrics: mixed));
        Assert.That(from_names.Keys, Is.EquivalentTo(new[] { "loss", "mae", "mse", "weighted_mae" }));
        Assert.That(from_specs["mse"], Is.EqualTo(from_names["mse"]).Within(1e-7));
        Assert.That(from_names["weighted_mae"], Is.EqualTo(from_names["mae"]).Within(1e-7), "no sample weights: the same mean");
    }

    [Test]
    public void Per_output_forms_are_checked_and_kept_in_the_compile_config()
    {
        var input = keras.Input(shape: [3]);
        using var model = new Model(input, [new Dense(1, name: "a").__call__(input), new Dense(1, name: "b").__call__(input)]);
        model.compile(optimizer: "sgd", loss: new[] { "mse", null }, metrics: [new[] { "mae" }, "mse"], loss_weights: new[] { 0.5 });
        var config = model.get_compile_config();
        Assert.That(KerasJson.dumps(config["loss"]), Is.EqualTo("[\"mse\", null]"));
        Assert.That(KerasJson.dumps(config["metrics"]), Is.EqualTo("[[\"mae\"], \"mse\"]"));
        Assert.That(KerasJson.dumps(config["loss_weights"]), Is.EqualTo("[0.5]"));
        var (x, y) = Data();
        var history = model.fit(x, [y, y], batch_size: 4, epochs: 1, verbose: 0).history;
        Assert.That(history.Keys, Is.EquivalentTo(new[] { "loss", "a_mae", "b_mse" }), "a single loss has no per-output entry, as in Keras");

        model.compile(optimizer: "sgd", loss: new Dictionary<string, LossSpec> { ["a"] = "mse", ["b"] = new KerasPort.Losses.MeanAbsoluteError() },
            loss_weights: new Dictionary<string, double> { ["b"] = 3 });
        history = model.fit(x, [y, y], batch_size: 4, epochs: 1, verbose: 0).history;
        Assert.That(history["loss"][0], Is.EqualTo(history["a_loss"][0] + 3 * history["b_loss"][0]).Within(1e-5));

        Assert.Throws<ArgumentException>(() => model.compile(loss: new LossSpec[] { "mse", new[] { "mae" } }));
        Assert.Throws<ArgumentException>(() => model.compile(loss: "mse", metrics: [new MetricSpec[] { "mae", new[] { "mse" } }]));
        Assert.That(Assert.Throws<ArgumentNullException>(() => model.compile(loss: "mse", metrics: [(string)null!]))!.Message, Does.StartWith("Expected metric, received `None`"));
    }

    [Test]
    public void The_porting_guides_spellings_compile_and_train()
    {
        var input = keras.Input(shape: [3]);
        using var model = new Model(input, [
            new Dense(1, name: "a", kernel_constraint: new KerasPort.Constraints.MaxNorm(3), bias_constraint: "non_neg").__call__(input),
            new Dense(1, name: "b", activation: "sigmoid").__call__(input)]);
        model.compile(optimizer: "sgd", loss: new Dictionary<string, LossSpec> { ["a"] = "mse", ["b"] = "binary_crossentropy" }, loss_weights: new Dictionary<string, double> { ["b"] = 2.0 }, metrics: new Dictionary<string, MetricSpec> { ["b"] = new[] { "accuracy" } });
        var (x, y) = Data();
        var history = model.fit(x, [y, y], batch_size: 4, epochs: 1, verbose: 0).history;
        Assert.That(history.Keys, Is.EquivalentTo(new[] { "loss", "a_loss", "b_loss", "b_accuracy" }));
        Assert.That(history["loss"][0], Is.EqualTo(history["a_loss"][0] + 2 * history["b_loss"][0]).Within(1e-5));
    }
}
