using KerasPort.Layers;
using KerasPort.Metrics;
using KerasPort.Models;
using KerasPort.Saving;

namespace KerasPort.Tests.Metrics;

/// <summary>
/// keras/src/metrics/regression_metrics_test.py's MeanAbsolutePercentageErrorTest,
/// MeanSquaredLogarithmicErrorTest, RootMeanSquaredErrorTest and R2ScoreTest, translated (the int32 dtype of
/// their config tests aside: KerasPort's metrics compute in float32). Keras's tolerances: 1e-5
/// absolute, 1e-3 for RMSE (MAPE's 35e7 and 40e7, float32 at 1e-5 absolute in Keras's
/// assertAllClose with its default relative 1e-6, here 1e-6 relative).
/// </summary>
public class KerasRegressionMetricsTests
{
    private static readonly float[,] y_true = { { 0, 1, 0, 1, 0 }, { 0, 0, 1, 1, 1 }, { 1, 1, 1, 1, 0 }, { 0, 0, 0, 0, 1 } };
    private static readonly float[,] y_pred = { { 0, 0, 1, 1, 0 }, { 1, 1, 1, 1, 1 }, { 0, 1, 0, 1, 0 }, { 1, 1, 1, 1, 1 } };
    private static readonly float[] weights = [1.0f, 1.5f, 2.0f, 2.5f];

    private static double result(Metric m, Tensor t, Tensor p, Tensor? sample_weight = null)
    {
        m.update_state(t, p, sample_weight);
        return m.result();
    }

    private static Metric round_trip(Metric metric) =>
        (Metric)Deserialization.deserialize_keras_object(Serialization.serialize_keras_object(metric))!;

    [Test]
    public void MeanAbsolutePercentageError()
    {
        var config = round_trip(new MeanAbsolutePercentageError(name: "my_mape"));
        Assert.That((config.GetType(), config.name), Is.EqualTo((typeof(MeanAbsolutePercentageError), "my_mape")));
        Assert.That(result(new MeanAbsolutePercentageError(), torch.tensor(y_true), torch.tensor(y_pred)), Is.EqualTo(35e7).Within(35e7 * 1e-6), "unweighted");
        Assert.That(result(new MeanAbsolutePercentageError(), torch.tensor(y_true), torch.tensor(y_pred), torch.tensor(weights)),
                    Is.EqualTo(40e7).Within(40e7 * 1e-6), "weighted");
    }

    [Test]
    public void MeanSquaredLogarithmicError()
    {
        var config = round_trip(new MeanSquaredLogarithmicError(name: "my_msle"));
        Assert.That((config.GetType(), config.name), Is.EqualTo((typeof(MeanSquaredLogarithmicError), "my_msle")));
        Assert.That(result(new MeanSquaredLogarithmicError(), torch.tensor(y_true), torch.tensor(y_pred)), Is.EqualTo(0.24022).Within(1e-5), "unweighted");
        Assert.That(result(new MeanSquaredLogarithmicError(), torch.tensor(y_true), torch.tensor(y_pred), torch.tensor(weights)),
                    Is.EqualTo(0.26082).Within(1e-5), "weighted");
    }

    [Test]
    public void RootMeanSquaredError()
    {
        var config = round_trip(new RootMeanSquaredError(name: "rmse"));
        Assert.That((config.GetType(), config.name), Is.EqualTo((typeof(RootMeanSquaredError), "rmse")));
        // error = [-1, -1, -4], square(error) = [1, 1, 16], mean = 18 / 3 = 6
        Assert.That(result(new RootMeanSquaredError(), torch.tensor(new float[] { 2, 4, 6 }), torch.tensor(new float[] { 1, 3, 2 })),
                    Is.EqualTo(Math.Sqrt(6)).Within(1e-3), "unweighted");
        Assert.That(result(new RootMeanSquaredError(), torch.tensor(new float[] { 2, 4, 6, 8 }), torch.tensor(new float[] { 1, 3, 2, 3 }),
                           torch.tensor(new float[] { 0, 1, 0, 1 })),
                    Is.EqualTo(Math.Sqrt(13)).Within(1e-3), "weighted");
        var fresh = new RootMeanSquaredError();
        Assert.That(fresh.result(), Is.EqualTo(0.0), "before any sample");
        result(fresh, torch.tensor(new float[] { 2 }), torch.tensor(new float[] { 5 }));
        fresh.reset_state();
        Assert.That(fresh.result(), Is.EqualTo(0.0), "after reset_state");
    }

    private static readonly float[,] r2_true = { { 0, 0, 1 }, { 0, 1, 0 }, { 1, 0, 0 } };

    private static float[] r2(string? class_aggregation, int num_regressors, float[,] y_pred, float[]? sample_weights)
    {
        var metric = new R2Score(class_aggregation, num_regressors);
        metric.update_state(torch.tensor(r2_true), torch.tensor(y_pred), sample_weights is null ? null : torch.tensor(sample_weights));
        return metric.result_tensor().reshape(-1).data<float>().ToArray();
    }

    [Test]
    public void R2Score_Config()
    {
        var r2_obj = new R2Score(class_aggregation: null, num_regressors: 2);
        Assert.That((r2_obj.class_aggregation, r2_obj.num_regressors, r2_obj.dtype), Is.EqualTo(((string?)null, 2, "float32")));
        var r2_obj2 = (R2Score)round_trip(r2_obj);
        Assert.That((r2_obj2.class_aggregation, r2_obj2.num_regressors, r2_obj2.dtype), Is.EqualTo(((string?)null, 2, "float32")));
    }

    // (class_aggregation, num_regressors, result), scikit-learn's values.
    [TestCase(null, 0, new[] { 0.37f, -1.295f, 0.565f })]
    [TestCase("uniform_average", 0, new[] { -0.12f })]
    [TestCase("variance_weighted_average", 0, new[] { -0.12f })]
    public void R2Score_SklearnComparison(string? class_aggregation, int num_regressors, float[] expected) =>
        Assert.That(r2(class_aggregation, num_regressors, new float[,] { { 0.4f, 0.5f, 0.6f }, { 0.1f, 0.2f, 0.3f }, { 0.5f, 0.8f, 0.2f } }, null),
                    Is.EqualTo(expected).Within(1e-6));

    // TensorFlow Addons' values, with sample weights.
    [TestCase(null, 0, new[] { 0.17305559f, -8.836666f, -0.521f })]
    [TestCase(null, 1, new[] { 0.054920673f, -10.241904f, -0.7382858f })]
    [TestCase(null, 2, new[] { -0.10259259f, -12.115555f, -1.0280001f })]
    [TestCase("uniform_average", 0, new[] { -3.0615367889404297f })]
    [TestCase("uniform_average", 1, new[] { -3.641756534576416f })]
    [TestCase("uniform_average", 2, new[] { -4.415382385253906f })]
    [TestCase("variance_weighted_average", 0, new[] { -1.3710224628448486f })]
    [TestCase("variance_weighted_average", 1, new[] { -1.7097399234771729f })]
    [TestCase("variance_weighted_average", 2, new[] { -2.161363363265991f })]
    public void R2Score_TfaComparison(string? class_aggregation, int num_regressors, float[] expected) =>
        Assert.That(r2(class_aggregation, num_regressors, new float[,] { { 0.4f, 0.9f, 1.6f }, { 0.1f, 1.2f, 0.6f }, { 1.5f, 0.8f, 0.6f } }, [0.8f, 0.1f, 0.4f]),
                    Is.EqualTo(expected).Within(1e-6 + 1e-6 * Math.Abs(expected[0])));

    // n is the number of values seen: rows x 3 columns.
    [TestCase(1, 5, "More independent predictors than datapoints in adjusted R2 score. Falling back to standard R2 score.")]
    [TestCase(3, 10, "More independent predictors than datapoints in adjusted R2 score. Falling back to standard R2 score.")]
    [TestCase(3, 8, "Division by zero in Adjusted R2 score. Falling back to standard R2 score.")]
    public void R2Score_adjusted_falls_back_to_the_standard_score_with_keras_warning(int rows, int num_regressors, string warning)
    {
        var t = torch.tensor(new float[,] { { 0, 0, 1 }, { 0, 1, 0 }, { 1, 0, 0 } })[..rows];
        var p = torch.tensor(new float[,] { { 0.4f, 0.5f, 0.6f }, { 0.1f, 0.2f, 0.3f }, { 0.5f, 0.8f, 0.2f } })[..rows];
        var standard = new R2Score(class_aggregation: null);
        standard.update_state(t, p);
        var adjusted = new R2Score(class_aggregation: null, num_regressors: num_regressors);
        adjusted.update_state(t, p);
        using var warnings = CapturedWarnings.of_callbacks();
        Assert.That(adjusted.result_tensor().data<float>().ToArray(), Is.EqualTo(standard.result_tensor().data<float>().ToArray()));
        Assert.That(warnings.text, Does.Contain(warning));
    }

    [Test]
    public void R2Score_Errors()
    {
        Assert.That(Assert.Throws<ArgumentException>(() => new R2Score(class_aggregation: "wrong"))!.Message,
                    Does.StartWith("Invalid value for argument `class_aggregation`"));
        Assert.That(Assert.Throws<ArgumentException>(() => new R2Score(num_regressors: -1))!.Message,
                    Does.StartWith("Invalid value for argument `num_regressors`"));
        Assert.That(Assert.Throws<ArgumentException>(() => new R2Score().update_state(torch.tensor(new[] { 0f, 1f }), torch.tensor(new[] { 0f, 1f })))!.Message,
                    Does.Contain("expects 2D inputs with shape"));
        Assert.That(() => new R2Score(class_aggregation: null).result(), Throws.TypeOf<NotSupportedException>().With.Message.Contains("result_tensor()"),
                    "one value per column cannot be logged as one number");
    }

    [Test]
    public void The_names_resolve_to_the_metrics()
    {
        foreach (var id in new[] { "mape", "MAPE", "mean_absolute_percentage_error", "MeanAbsolutePercentageError" })
            Assert.That(keras.metrics.get(id), Is.TypeOf<MeanAbsolutePercentageError>(), id);
        foreach (var id in new[] { "msle", "MSLE", "mean_squared_logarithmic_error", "MeanSquaredLogarithmicError" })
            Assert.That(keras.metrics.get(id), Is.TypeOf<MeanSquaredLogarithmicError>(), id);
        foreach (var id in new[] { "root_mean_squared_error", "RootMeanSquaredError" })
            Assert.That(keras.metrics.get(id), Is.TypeOf<RootMeanSquaredError>(), id);
        foreach (var id in new[] { "r2_score", "R2Score" })
            Assert.That(keras.metrics.get(id), Is.TypeOf<R2Score>(), id);
    }

    [TestCase(".keras")]
    [TestCase(".h5")]
    public void A_saved_model_compiled_with_them_loads_compiled_and_evaluates_the_same(string extension)
    {
        string folder = Path.Combine(Path.GetTempPath(), "kp-regression-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var x = torch.rand(8, 3, generator: torch.manual_seed(3)) + 0.5;
            var y = x.sum(1, keepdim: true);
            using var model = new Sequential([new Dense(1, input_shape: [3])]);
            model.compile(optimizer: "sgd", loss: "msle", metrics: ["mape", new RootMeanSquaredError()]);
            model.fit(x, y, epochs: 1, verbose: 0);
            string path = Path.Combine(folder, "model" + extension);
            model.save(path);
            using var loaded = keras.models.load_model(path);
            // A legacy file's metrics come back as metric objects with their default names, as
            // Keras's compile_args_from_training_config gives them (Keras 3.15.1 itself fails to
            // reload an .h5 whose loss is a string such as "msle" or "mse").
            Assert.That(loaded.metrics_names, Is.EqualTo(extension == ".h5"
                ? new[] { "loss", "mean_absolute_percentage_error", "root_mean_squared_error" }
                : new[] { "loss", "mape", "root_mean_squared_error" }));
            Assert.That(loaded.evaluate(x, y, verbose: 0), Is.EqualTo(model.evaluate(x, y, verbose: 0)).Within(1e-6));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}
