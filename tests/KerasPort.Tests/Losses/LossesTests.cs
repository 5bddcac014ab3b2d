using KerasPort;
using KerasPort.Losses;

namespace KerasPort.Tests.Losses;

public class LossesTests
{
    private const double Eps = 1e-7;
    private static readonly double Hi = (double)(float)(1 - Eps); // the clip bound as float32 holds it

    private static double[] D(Tensor t) => t.to_type(ScalarType.Float64).data<double>().ToArray();

    // Probabilities that hit both clip bounds and the interior.
    private static readonly float[,] p = { { 0.9f, 0.0f }, { 1.0f, 0.3f }, { 1e-9f, 0.6f }, { 0.25f, 0.999f } };
    private static readonly float[,] y = { { 1, 0 }, { 0, 1 }, { 1, 1 }, { 0, 0 } };

    [Test]
    public void Binary_crossentropy_clips_probabilities_and_averages_the_last_axis()
    {
        using var pred = torch.tensor(p, requires_grad: true);
        using var loss = new BinaryCrossentropy().call(torch.tensor(y), pred);
        Assert.That(loss.shape, Is.EqualTo(new long[] { 4 }));
        double[] got = D(loss);
        for (int i = 0; i < 4; i++)
        {
            double sum = 0;
            for (int j = 0; j < 2; j++)
            {
                double q = Math.Clamp((double)p[i, j], (double)(float)Eps, Hi);
                sum += -(y[i, j] * Math.Log(q) + (1 - y[i, j]) * Math.Log(1 - q));
            }
            Assert.That(got[i], Is.EqualTo(sum / 2).Within(1e-5 * Math.Max(1, sum)), $"row {i}");
        }

        loss.sum().backward();
        float[] grad = pred.grad!.data<float>().ToArray();
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 2; j++)
            {
                double q = p[i, j];
                bool clipped = q < (float)Eps || q > Hi;
                double expected = clipped ? 0 : (q - y[i, j]) / (q * (1 - q)) / 2;
                Assert.That(grad[i * 2 + j], Is.EqualTo(expected).Within(1e-4 * Math.Max(1, Math.Abs(expected))), $"grad {i},{j}");
            }
    }

    [Test]
    public void Binary_crossentropy_from_logits_and_label_smoothing()
    {
        float[] logits = [-3, -0.5f, 0, 2, 15];
        float[] labels = [0, 1, 1, 0, 1];
        using var l = keras.losses.binary_crossentropy(torch.tensor(labels).reshape(5, 1), torch.tensor(logits).reshape(5, 1), from_logits: true, label_smoothing: 0.2);
        double[] got = D(l);
        for (int i = 0; i < 5; i++)
        {
            double t = labels[i] * 0.8 + 0.1, s = 1 / (1 + Math.Exp(-logits[i]));
            double expected = -(t * Math.Log(s) + (1 - t) * Math.Log(1 - s));
            Assert.That(got[i], Is.EqualTo(expected).Within(1e-5));
        }
    }

    [Test]
    public void Binary_crossentropy_accepts_rank_1_labels_and_int_labels()
    {
        using var pred = torch.tensor(new float[] { 0.2f, 0.7f, 0.9f }).reshape(3, 1);
        using var a = new BinaryCrossentropy().call(torch.tensor(new int[] { 0, 1, 1 }), pred);
        using var b = new BinaryCrossentropy().call(torch.tensor(new float[] { 0, 1, 1 }).reshape(3, 1), pred);
        Assert.That(a.shape, Is.EqualTo(new long[] { 3 }));
        Assert.That(D(a), Is.EqualTo(D(b)));
        Assert.That(D(a)[0], Is.EqualTo(-Math.Log(1 - 0.2)).Within(1e-6));
    }

    [Test]
    public void Categorical_crossentropy_normalises_then_clips_and_sums_classes()
    {
        float[,] probs = { { 0.2f, 0.3f, 0.5f }, { 0.0f, 2.0f, 2.0f }, { 1.0f, 0.0f, 0.0f } };
        float[,] onehot = { { 0, 0, 1 }, { 1, 0, 0 }, { 0.5f, 0.5f, 0 } };
        using var pred = torch.tensor(probs, requires_grad: true);
        using var loss = new CategoricalCrossentropy().call(torch.tensor(onehot), pred);
        double[] got = D(loss);
        var expected_grad = new double[9];
        for (int i = 0; i < 3; i++)
        {
            double s = 0;
            for (int j = 0; j < 3; j++) s += probs[i, j];
            double l = 0;
            for (int j = 0; j < 3; j++)
            {
                double q = probs[i, j] / s, qc = Math.Clamp(q, (double)(float)Eps, Hi);
                l -= onehot[i, j] * Math.Log(qc);
                if (q < (float)Eps || q > Hi) continue; // the clip stops the gradient through q_j
                for (int k = 0; k < 3; k++)
                    expected_grad[i * 3 + k] += -onehot[i, j] / q * ((j == k ? s : 0) - probs[i, j]) / (s * s);
            }
            Assert.That(got[i], Is.EqualTo(l).Within(1e-5 * Math.Max(1, l)), $"row {i}");
        }
        loss.sum().backward();
        Assert.That(D(pred.grad!), Is.EqualTo(expected_grad).Within(1e-4));
    }

    [Test]
    public void Categorical_crossentropy_from_logits_and_label_smoothing()
    {
        float[] logits = [1, -2, 0.5f];
        float[] onehot = [0, 1, 0];
        using var l = keras.losses.categorical_crossentropy(torch.tensor(onehot).reshape(1, 3), torch.tensor(logits).reshape(1, 3), from_logits: true, label_smoothing: 0.3);
        double z = logits.Sum(v => Math.Exp(v));
        double expected = 0;
        for (int j = 0; j < 3; j++) expected -= (onehot[j] * 0.7 + 0.1) * (logits[j] - Math.Log(z));
        Assert.That(D(l)[0], Is.EqualTo(expected).Within(1e-5));
    }

    [TestCase(ScalarType.Int32, false)]
    [TestCase(ScalarType.Int64, false)]
    [TestCase(ScalarType.Float32, false)]
    [TestCase(ScalarType.Int32, true)]
    public void Sparse_categorical_crossentropy_indexes_the_true_class(ScalarType label_dtype, bool column)
    {
        float[,] probs = { { 0.2f, 0.3f, 0.5f }, { 0.0f, 2.0f, 2.0f }, { 0.1f, 0.1f, 0.8f } };
        int[] labels = [2, 0, 1];
        using var pred = torch.tensor(probs);
        using var t = torch.tensor(labels).to_type(label_dtype);
        using var sparse = new SparseCategoricalCrossentropy().call(column ? t.reshape(3, 1) : t, pred);
        using var dense = new CategoricalCrossentropy().call(torch.nn.functional.one_hot(torch.tensor(labels).to_type(ScalarType.Int64), 3), pred);
        Assert.That(sparse.shape, Is.EqualTo(new long[] { 3 }));
        Assert.That(D(sparse), Is.EqualTo(D(dense)).Within(1e-6));
        Assert.That(D(sparse)[1], Is.EqualTo(-Math.Log((float)Eps)).Within(1e-4));
    }

    [Test]
    public void Sparse_categorical_crossentropy_from_logits()
    {
        float[] logits = [1, -2, 0.5f];
        using var l = keras.losses.sparse_categorical_crossentropy(torch.tensor(new long[] { 1 }), torch.tensor(logits).reshape(1, 3), from_logits: true);
        Assert.That(D(l)[0], Is.EqualTo(-(-2 - Math.Log(logits.Sum(v => Math.Exp(v))))).Within(1e-5));
    }

    [Test]
    public void Mean_squared_and_absolute_error_average_the_last_axis()
    {
        using var t = torch.tensor(new float[,] { { 1, 2 }, { 0, -1 } });
        using var pr = torch.tensor(new float[,] { { 1.5f, 0 }, { 3, -1 } });
        Assert.That(D(new KerasPort.Losses.MeanSquaredError().call(t, pr)), Is.EqualTo(new[] { (0.25 + 4) / 2, 9.0 / 2 }).Within(1e-6));
        Assert.That(D(new KerasPort.Losses.MeanAbsoluteError().call(t, pr)), Is.EqualTo(new[] { (0.5 + 2) / 2, 3.0 / 2 }).Within(1e-6));
        // Labels of shape [batch] against predictions [batch, 1].
        using var mse = keras.losses.get("mse")!.call(torch.tensor(new float[] { 1, 2 }), torch.tensor(new float[] { 0, 0 }).reshape(2, 1));
        Assert.That(D(mse), Is.EqualTo(new[] { 1.0, 4.0 }));
    }

    [Test]
    public void Call_reduces_as_keras()
    {
        using var t = torch.tensor(new float[] { 1, 2, 3, 4 }).reshape(4, 1);
        using var pr = torch.zeros(4, 1);
        using var w = torch.tensor(new float[] { 1, 0, 2, 0.5f });
        Assert.That(new KerasPort.Losses.MeanSquaredError().__call__(t, pr).item<float>(), Is.EqualTo(30f / 4));
        Assert.That(new KerasPort.Losses.MeanSquaredError().__call__(t, pr, w).item<float>(), Is.EqualTo((1 + 18 + 8f) / 4));
        Assert.That(new KerasPort.Losses.MeanSquaredError(reduction: "sum").__call__(t, pr, w).item<float>(), Is.EqualTo(27f));
        Assert.That(new KerasPort.Losses.MeanSquaredError(reduction: "mean_with_sample_weight").__call__(t, pr, w).item<float>(), Is.EqualTo(27f / 3.5f));
        Assert.That(D(new KerasPort.Losses.MeanSquaredError(reduction: "none").__call__(t, pr)), Is.EqualTo(new[] { 1.0, 4, 9, 16 }));
        var ex = Assert.Throws<ArgumentException>(() => new KerasPort.Losses.MeanSquaredError(reduction: "avg"))!;
        Assert.That(ex.Message, Does.StartWith("Invalid value for argument `reduction`. Expected one of"));
        Assert.That(ex.Message, Does.Contain("Received: reduction=avg"));
    }

    [TestCase("binary_crossentropy", typeof(BinaryCrossentropy), "binary_crossentropy")]
    [TestCase("BinaryCrossentropy", typeof(BinaryCrossentropy), "binary_crossentropy")]
    [TestCase("bce", typeof(BinaryCrossentropy), "binary_crossentropy")]
    [TestCase("categorical_crossentropy", typeof(CategoricalCrossentropy), "categorical_crossentropy")]
    [TestCase("CategoricalCrossentropy", typeof(CategoricalCrossentropy), "categorical_crossentropy")]
    [TestCase("sparse_categorical_crossentropy", typeof(SparseCategoricalCrossentropy), "sparse_categorical_crossentropy")]
    [TestCase("SparseCategoricalCrossentropy", typeof(SparseCategoricalCrossentropy), "sparse_categorical_crossentropy")]
    [TestCase("mean_squared_error", typeof(KerasPort.Losses.MeanSquaredError), "mean_squared_error")]
    [TestCase("mse", typeof(KerasPort.Losses.MeanSquaredError), "mean_squared_error")]
    [TestCase("MSE", typeof(KerasPort.Losses.MeanSquaredError), "mean_squared_error")]
    [TestCase("MeanSquaredError", typeof(KerasPort.Losses.MeanSquaredError), "mean_squared_error")]
    [TestCase("mean_absolute_error", typeof(KerasPort.Losses.MeanAbsoluteError), "mean_absolute_error")]
    [TestCase("mae", typeof(KerasPort.Losses.MeanAbsoluteError), "mean_absolute_error")]
    [TestCase("MeanAbsoluteError", typeof(KerasPort.Losses.MeanAbsoluteError), "mean_absolute_error")]
    public void Get_resolves_kerass_names(string id, Type type, string name)
    {
        var loss = keras.losses.get(id)!;
        Assert.That(loss, Is.TypeOf(type));
        Assert.That(loss.name, Is.EqualTo(name));
    }

    [Test]
    public void Get_refuses_unknown_names()
    {
        Assert.That(keras.losses.get(null), Is.Null);
        var ex = Assert.Throws<ArgumentException>(() => keras.losses.get("crossentropy"))!;
        Assert.That(ex.Message, Does.StartWith("Could not interpret loss identifier: crossentropy"));
        Assert.That(ex.Message, Does.Contain("binary_crossentropy"));
    }

    [Test]
    public void Configs_are_kerass()
    {
        Assert.That(new BinaryCrossentropy().get_config(), Is.EqualTo(new Dictionary<string, object>
        {
            ["name"] = "binary_crossentropy", ["reduction"] = "sum_over_batch_size", ["from_logits"] = false, ["label_smoothing"] = 0.0, ["axis"] = -1L,
        }));
        Assert.That(new SparseCategoricalCrossentropy(from_logits: true).get_config(), Is.EqualTo(new Dictionary<string, object?>
        {
            ["name"] = "sparse_categorical_crossentropy", ["reduction"] = "sum_over_batch_size", ["from_logits"] = true, ["ignore_class"] = null, ["axis"] = -1L,
        }));
        Assert.That(new KerasPort.Losses.MeanAbsoluteError().get_config(), Is.EqualTo(new Dictionary<string, object> { ["name"] = "mean_absolute_error", ["reduction"] = "sum_over_batch_size" }));
    }

    [Test]
    public void Bad_arguments_are_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => new BinaryCrossentropy(label_smoothing: 1.5))!;
        Assert.That(ex.Message, Does.StartWith("Invalid value received for argument label_smoothing. Expected a float value between 0 and 1. Received: label_smoothing=1.5"));
        ex = Assert.Throws<ArgumentException>(() => keras.losses.binary_crossentropy(torch.zeros(3, 2), torch.zeros(3, 1)))!;
        Assert.That(ex.Message, Does.StartWith("Arguments `target` and `output` must have the same shape. Received: target.shape=(3, 2), output.shape=(3, 1)"));
        ex = Assert.Throws<ArgumentException>(() => keras.losses.sparse_categorical_crossentropy(torch.zeros(4), torch.zeros(3, 2)))!;
        Assert.That(ex.Message, Does.StartWith("Arguments `target` and `output` must have the same shape up until the last dimension"));
    }

    // Keras's evaluate() at the recorded initial weights: mean data loss plus the weight penalties.
    [TestCase("v01_article_l1l2_adam", "binary_crossentropy")]
    [TestCase("v06_multiclass_categorical", "categorical_crossentropy")]
    [TestCase("v07_multiclass_sparse_categorical", "sparse_categorical_crossentropy")]
    public void Recorded_evaluate_losses_are_reproduced(string name, string loss_name)
    {
        var fit = FitCase.Load(name);
        var loss = keras.losses.get(loss_name)!;
        foreach (var (prefix, key) in new[] { ("w0", "evaluate_w0"), ("w_final", "evaluate_final") })
        {
            using var scope = torch.NewDisposeScope();
            var value = loss.__call__(fit.y, fit.predict(fit.x, prefix));
            if (name.StartsWith("v01"))
                value = value + keras.regularizers.l1(0.01).call(fit.arrays[$"{prefix}_0"]) + keras.regularizers.l2(0.001).call(fit.arrays[$"{prefix}_2"]);
            double expected = fit.recorded.GetProperty(key).GetProperty("loss").GetDouble();
            Assert.That(value.item<float>(), Is.EqualTo(expected).Within(1e-5 * expected), key);
        }
    }
}
