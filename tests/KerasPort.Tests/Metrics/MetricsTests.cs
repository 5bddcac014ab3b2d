using KerasPort;
using KerasPort.Metrics;

namespace KerasPort.Tests.Metrics;

public class MetricsTests
{
    private static Tensor T(params float[] v) => torch.tensor(v);

    [Test]
    public void Mean_weights_samples_and_resets()
    {
        var m = new Mean();
        Assert.That(m.result(), Is.EqualTo(0.0));
        m.update_state(T(1, 2, 3));
        m.update_state(T(10), T(2));
        Assert.That(m.result(), Is.EqualTo((1 + 2 + 3 + 20) / 5.0).Within(1e-6));
        // Rank-2 values count once per sample (their mean).
        m.reset_state();
        m.update_state(torch.tensor(new float[,] { { 1, 3 }, { 5, 7 } }));
        Assert.That(m.result(), Is.EqualTo(4.0));
        Assert.Throws<NotSupportedException>(() => m.update_state(T(1), T(1), T(1)));
    }

    [Test]
    public void Sum_adds_weighted_values()
    {
        var s = new Sum();
        s.update_state(T(1, 2, 3));
        s.update_state(T(1, 1), T(0.5f, 2));
        Assert.That(s.result(), Is.EqualTo(8.5));
        s.reset_state();
        Assert.That(s.result(), Is.EqualTo(0.0));
        Assert.That(keras.metrics.get("sum"), Is.TypeOf<Sum>());
    }

    [Test]
    public void Binary_accuracy_counts_strictly_above_the_threshold()
    {
        var m = new BinaryAccuracy();
        m.update_state(torch.tensor(new float[,] { { 1 }, { 0 }, { 1 }, { 0 } }), torch.tensor(new float[,] { { 0.5f }, { 0.5f }, { 0.51f }, { 0.2f } }));
        Assert.That(m.result(), Is.EqualTo(0.75));
        m.update_state(torch.tensor(new int[] { 1, 1 }), torch.tensor(new float[,] { { 0.9f }, { 0.1f } }), T(3, 1));
        Assert.That(m.result(), Is.EqualTo((3 + 3.0) / 8).Within(1e-7));
        Assert.That(new BinaryAccuracy(threshold: 0.1).get_config()["threshold"], Is.EqualTo(0.1));
    }

    [Test]
    public void Categorical_and_sparse_categorical_accuracy_use_the_argmax()
    {
        using var pred = torch.tensor(new float[,] { { 0.1f, 0.7f, 0.2f }, { 0.5f, 0.3f, 0.2f }, { 0.2f, 0.2f, 0.6f } });
        var c = new CategoricalAccuracy();
        c.update_state(torch.tensor(new float[,] { { 0, 1, 0 }, { 0, 1, 0 }, { 0, 0, 1 } }), pred);
        Assert.That(c.result(), Is.EqualTo(2.0 / 3).Within(1e-7));
        foreach (var labels in new[] { torch.tensor(new int[] { 1, 1, 2 }), torch.tensor(new long[,] { { 1 }, { 1 }, { 2 } }), torch.tensor(new float[] { 1, 1, 2 }) })
        {
            var s = new SparseCategoricalAccuracy();
            s.update_state(labels, pred, T(1, 1, 2));
            Assert.That(s.result(), Is.EqualTo(3.0 / 4).Within(1e-7));
        }
    }

    [Test]
    public void Regression_and_crossentropy_metrics_average_the_per_sample_losses()
    {
        var mse = new KerasPort.Metrics.MeanSquaredError();
        var mae = new KerasPort.Metrics.MeanAbsoluteError();
        using var y = torch.tensor(new float[,] { { 1, 2 }, { 0, 0 } });
        using var p = torch.tensor(new float[,] { { 0, 2 }, { 3, -1 } });
        mse.update_state(y, p);
        mae.update_state(y, p);
        Assert.That(mse.result(), Is.EqualTo((0.5 + 5) / 2).Within(1e-6));
        Assert.That(mae.result(), Is.EqualTo((0.5 + 2) / 2).Within(1e-6));
        var bce = new KerasPort.Metrics.BinaryCrossentropy();
        bce.update_state(torch.tensor(new float[,] { { 1 }, { 0 } }), torch.tensor(new float[,] { { 0.8f }, { 0.4f } }));
        Assert.That(bce.result(), Is.EqualTo((-Math.Log(0.8) - Math.Log(0.6)) / 2).Within(1e-6));
    }

    [Test]
    public void Precision_and_recall_follow_kerass_examples()
    {
        var p = new Precision();
        p.update_state(T(0, 1, 1, 1), T(1, 0, 1, 1));
        Assert.That(p.result(), Is.EqualTo(0.6666667).Within(1e-7));
        p.reset_state();
        p.update_state(T(0, 1, 1, 1), T(1, 0, 1, 1), sample_weight: T(0, 0, 1, 0));
        Assert.That(p.result(), Is.EqualTo(1.0));
        var top2 = new Precision(top_k: 2);
        top2.update_state(T(0, 0, 1, 1), T(1, 1, 1, 1));
        Assert.That(top2.result(), Is.EqualTo(0.0));
        var top4 = new Precision(top_k: 4);
        top4.update_state(T(0, 0, 1, 1), T(1, 1, 1, 1));
        Assert.That(top4.result(), Is.EqualTo(0.5));

        var r = new Recall();
        r.update_state(T(0, 1, 1, 1), T(1, 0, 1, 1));
        Assert.That(r.result(), Is.EqualTo(0.6666667).Within(1e-7));
        r.reset_state();
        r.update_state(T(0, 1, 1, 1), T(1, 0, 1, 1), sample_weight: T(0, 0, 1, 0));
        Assert.That(r.result(), Is.EqualTo(1.0));

        var by_class = new Recall(class_id: 1);
        by_class.update_state(torch.tensor(new float[,] { { 0, 1 }, { 0, 1 }, { 1, 0 } }), torch.tensor(new float[,] { { 0.2f, 0.8f }, { 0.6f, 0.4f }, { 0.3f, 0.7f } }));
        Assert.That(by_class.result(), Is.EqualTo(0.5));
    }

    [Test]
    public void Auc_follows_kerass_example()
    {
        var m = new AUC(num_thresholds: 3);
        m.update_state(T(0, 0, 1, 1), T(0, 0.5f, 0.3f, 0.9f));
        Assert.That(m.result(), Is.EqualTo(0.75));
        m.reset_state();
        m.update_state(T(0, 0, 1, 1), T(0, 0.5f, 0.3f, 0.9f), sample_weight: T(1, 0, 0, 1));
        Assert.That(m.result(), Is.EqualTo(1.0));
    }

    // Float64 reference of Keras's AUC: counts at thresholds [-eps, 1/(n-1), ..., 1+eps] with a strict >,
    // then Riemann sums (or the PR interpolation) as in confusion_metrics.py.
    private static double AucRef(double[] y, double[] p, double[] w, int n, string curve, string method)
    {
        var th = new double[n];
        th[0] = -1e-7; th[n - 1] = 1 + 1e-7;
        for (int i = 1; i < n - 1; i++) th[i] = (float)(i * 1.0 / (n - 1));
        double[] tp = new double[n], fp = new double[n], tn = new double[n], fn = new double[n];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < y.Length; k++)
            {
                bool pos = p[k] > th[i], label = y[k] != 0;
                if (pos && label) tp[i] += w[k]; else if (pos) fp[i] += w[k]; else if (label) fn[i] += w[k]; else tn[i] += w[k];
            }
        static double Div(double a, double b) => b == 0 ? 0 : a / b;
        double total = 0;
        if (curve == "PR" && method == "interpolation")
        {
            for (int i = 0; i < n - 1; i++)
            {
                double dtp = tp[i] - tp[i + 1], p0 = tp[i] + fp[i], p1 = tp[i + 1] + fp[i + 1];
                double slope = Div(dtp, Math.Max(p0 - p1, 0)), intercept = tp[i + 1] - slope * p1;
                double ratio = p0 > 0 && p1 > 0 ? Div(p0, Math.Max(p1, 0)) : 1;
                total += Div(slope * (dtp + intercept * Math.Log(ratio)), Math.Max(tp[i + 1] + fn[i + 1], 0));
            }
            return total;
        }
        var recall = tp.Select((t, i) => Div(t, t + fn[i])).ToArray();
        var x = curve == "ROC" ? fp.Select((f, i) => Div(f, f + tn[i])).ToArray() : recall;
        var yy = curve == "ROC" ? recall : tp.Select((t, i) => Div(t, t + fp[i])).ToArray();
        for (int i = 0; i < n - 1; i++)
        {
            double h = method switch
            {
                "interpolation" => (yy[i] + yy[i + 1]) / 2,
                "minoring" => Math.Min(yy[i], yy[i + 1]),
                _ => Math.Max(yy[i], yy[i + 1]),
            };
            total += (x[i] - x[i + 1]) * h;
        }
        return total;
    }

    [TestCase("ROC", "interpolation", 200)]
    [TestCase("ROC", "minoring", 200)]
    [TestCase("ROC", "majoring", 50)]
    [TestCase("PR", "interpolation", 200)]
    [TestCase("PR", "majoring", 200)]
    public void Auc_matches_a_float64_reference(string curve, string method, int n)
    {
        var rng = new System.Random(5);
        int count = 300;
        var y = Enumerable.Range(0, count).Select(_ => rng.NextDouble() < 0.4 ? 1.0 : 0.0).ToArray();
        // Scores correlated with the labels, kept off the threshold grid, plus exact 0 and 1.
        var p = y.Select(l => Math.Clamp(0.3 * l + 0.7 * rng.NextDouble(), 0, 1)).Select(v => (double)(float)v).ToArray();
        p[0] = 0; p[1] = 1;
        var w = y.Select(_ => 0.5 + rng.NextDouble()).Select(v => (double)(float)v).ToArray();
        var m = new AUC(num_thresholds: n, curve: curve, summation_method: method);
        // Two batches, to check the accumulation.
        m.update_state(torch.tensor(y.Take(100).ToArray()), torch.tensor(p.Take(100).ToArray()), torch.tensor(w.Take(100).ToArray()));
        m.update_state(torch.tensor(y.Skip(100).ToArray()), torch.tensor(p.Skip(100).ToArray()), torch.tensor(w.Skip(100).ToArray()));
        Assert.That(m.result(), Is.EqualTo(AucRef(y, p, w, n, curve, method)).Within(2e-5));
    }

    [Test]
    public void Auc_with_explicit_thresholds_and_from_logits()
    {
        var m = new AUC(thresholds: [0.5]);
        Assert.That(m.num_thresholds, Is.EqualTo(3));
        m.update_state(T(0, 0, 1, 1), T(0, 0.5f, 0.3f, 0.9f));
        Assert.That(m.result(), Is.EqualTo(0.75));
        Assert.That(m.get_config()["thresholds"], Is.EqualTo(new[] { 0.5 }));
        var logits = new AUC(num_thresholds: 3, from_logits: true);
        logits.update_state(T(0, 0, 1, 1), T(-10, 0, -0.8473f, 2.1972f));
        Assert.That(logits.result(), Is.EqualTo(0.75));
    }

    [Test]
    public void Confusion_metrics_take_automatic_names()
    {
        Assert.That(new AUC().name, Does.Match("^auc(_[0-9]+)?$"));
        Assert.That(new Precision().name, Does.Match("^precision(_[0-9]+)?$"));
        Assert.That(new Recall(name: "r").name, Is.EqualTo("r"));
        Assert.That(new Precision().get_config(), Does.ContainKey("thresholds").And.ContainKey("top_k").And.ContainKey("class_id"));
    }

    [Test]
    public void Bad_arguments_are_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => new AUC(num_thresholds: 1))!;
        Assert.That(ex.Message, Does.StartWith("Argument `num_thresholds` must be an integer > 1. Received: num_thresholds=1"));
        ex = Assert.Throws<ArgumentException>(() => new AUC(curve: "DET"))!;
        Assert.That(ex.Message, Does.StartWith("Invalid AUC curve value: \"DET\"."));
        ex = Assert.Throws<ArgumentException>(() => new AUC(summation_method: "simpson"))!;
        Assert.That(ex.Message, Does.StartWith("Invalid AUC summation method value: \"simpson\"."));
        ex = Assert.Throws<ArgumentException>(() => new Precision(thresholds: 1.5))!;
        Assert.That(ex.Message, Does.StartWith("Threshold values must be in [0, 1]. Received: [1.5]"));
        ex = Assert.Throws<ArgumentException>(() => keras.metrics.get("f1"))!;
        Assert.That(ex.Message, Does.StartWith("Could not interpret metric identifier: f1"));
        Assert.That(ex.Message, Does.Contain("binary_accuracy"));
    }

    [TestCase("accuracy", typeof(Accuracy), "accuracy")]
    [TestCase("binary_accuracy", typeof(BinaryAccuracy), "binary_accuracy")]
    [TestCase("BinaryAccuracy", typeof(BinaryAccuracy), "binary_accuracy")]
    [TestCase("categorical_accuracy", typeof(CategoricalAccuracy), "categorical_accuracy")]
    [TestCase("sparse_categorical_accuracy", typeof(SparseCategoricalAccuracy), "sparse_categorical_accuracy")]
    [TestCase("mae", typeof(KerasPort.Metrics.MeanAbsoluteError), "mean_absolute_error")]
    [TestCase("MSE", typeof(KerasPort.Metrics.MeanSquaredError), "mean_squared_error")]
    [TestCase("mean_squared_error", typeof(KerasPort.Metrics.MeanSquaredError), "mean_squared_error")]
    [TestCase("bce", typeof(KerasPort.Metrics.BinaryCrossentropy), "binary_crossentropy")]
    [TestCase("categorical_crossentropy", typeof(KerasPort.Metrics.CategoricalCrossentropy), "categorical_crossentropy")]
    [TestCase("SparseCategoricalCrossentropy", typeof(KerasPort.Metrics.SparseCategoricalCrossentropy), "sparse_categorical_crossentropy")]
    [TestCase("mean", typeof(Mean), "mean")]
    public void Get_resolves_kerass_names(string id, Type type, string name)
    {
        var m = keras.metrics.get(id)!;
        Assert.That(m, Is.TypeOf(type));
        Assert.That(m.name, Is.EqualTo(name));
    }

    [TestCase("auc", typeof(AUC))]
    [TestCase("AUC", typeof(AUC))]
    [TestCase("precision", typeof(Precision))]
    [TestCase("Recall", typeof(Recall))]
    public void Get_resolves_confusion_metrics(string id, Type type) => Assert.That(keras.metrics.get(id), Is.TypeOf(type));

    // FORMAT.md item 11.
    [TestCase("accuracy", new long[] { 8, 1 }, new long[] { 8, 1 }, typeof(BinaryAccuracy))]
    [TestCase("accuracy", new long[] { 8 }, new long[] { 8, 1 }, typeof(BinaryAccuracy))]
    [TestCase("acc", new long[] { 8 }, new long[] { 8, 3 }, typeof(SparseCategoricalAccuracy))]
    [TestCase("accuracy", new long[] { 8, 1 }, new long[] { 8, 3 }, typeof(SparseCategoricalAccuracy))]
    [TestCase("Accuracy", new long[] { 8, 3 }, new long[] { 8, 3 }, typeof(CategoricalAccuracy))]
    [TestCase("ACC", new long[] { 8, 5, 3 }, new long[] { 8, 5, 3 }, typeof(CategoricalAccuracy))]
    [TestCase("binary_accuracy", new long[] { 8, 3 }, new long[] { 8, 3 }, typeof(BinaryAccuracy))]
    [TestCase("mae", new long[] { 8, 1 }, new long[] { 8, 1 }, typeof(KerasPort.Metrics.MeanAbsoluteError))]
    [TestCase("categorical_crossentropy", new long[] { 8, 3 }, new long[] { 8, 3 }, typeof(KerasPort.Metrics.CategoricalCrossentropy))]
    public void Resolver_picks_the_metric_and_keeps_the_identifier_as_name(string id, long[] y_shape, long[] p_shape, Type type)
    {
        var m = MetricResolver.get(id, y_shape, p_shape);
        Assert.That(m, Is.TypeOf(type));
        Assert.That(m.name, Is.EqualTo(id));
    }

    [Test]
    public void Resolver_refuses_unknown_names()
    {
        var ex = Assert.Throws<ArgumentException>(() => MetricResolver.get("crossentropy", [8, 1], [8, 1]))!;
        Assert.That(ex.Message, Does.StartWith("Could not interpret metric identifier: crossentropy"));
    }

    // Keras's evaluate(): the metric accumulated batch by batch over all rows, at w0 and at the final weights.
    [TestCase("v01_article_l1l2_adam", "accuracy", 50)]
    [TestCase("v05_regression_mse_mae_bias_activity_l2", "mae", 16)]
    [TestCase("v06_multiclass_categorical", "accuracy", 20)]
    [TestCase("v07_multiclass_sparse_categorical", "accuracy", 20)]
    public void Recorded_evaluate_metrics_are_reproduced(string name, string metric, int batch_size)
    {
        var fit = FitCase.Load(name);
        foreach (var (prefix, key) in new[] { ("w0", "evaluate_w0"), ("w_final", "evaluate_final") })
        {
            using var scope = torch.NewDisposeScope();
            var pred = fit.predict(fit.x, prefix);
            var m = MetricResolver.get(metric, fit.y.shape, pred.shape);
            long n = fit.x.shape[0];
            for (long start = 0; start < n; start += batch_size)
            {
                long len = Math.Min(batch_size, n - start);
                m.update_state(fit.y.narrow(0, start, len), pred.narrow(0, start, len));
            }
            double expected = fit.recorded.GetProperty(key).GetProperty(metric).GetDouble();
            Assert.That(m.result(), Is.EqualTo(expected).Within(metric == "accuracy" ? 1e-7 : 2e-6 * expected), key);
        }
    }
}
