using L = KerasPort.Losses;

namespace KerasPort.Tests.Losses;

/// <summary>
/// keras/src/losses/losses_test.py for Hinge, SquaredHinge, CategoricalHinge, Huber, LogCosh,
/// KLDivergence, Poisson and CosineSimilarity, translated (the dtype tests aside: KerasPort
/// computes in float32). Keras checks to 3 decimal places; so do these.
/// </summary>
public class KerasLossesTests
{
    private static readonly float[,] hinge_true = { { 0, 1 }, { 0, 0 } };
    private static readonly float[,] hinge_pred = { { 0.6f, 0.4f }, { 0.4f, 0.6f } };

    private static double value(L.Loss loss, float[,] y_true, float[,] y_pred, Tensor? sample_weight = null) =>
        loss.__call__(torch.tensor(y_true), torch.tensor(y_pred), sample_weight).item<float>();

    private static double[] values(L.Loss loss, float[,] y_true, float[,] y_pred, Tensor? sample_weight = null) =>
        loss.__call__(torch.tensor(y_true), torch.tensor(y_pred), sample_weight).to_type(ScalarType.Float64).data<double>().ToArray();

    public static IEnumerable<TestCaseData> HingeFamily()
    {
        // (loss factory, unweighted sum_over_batch_size, sum, none, weighted [1, 0] sum_over_batch_size, sum, none)
        yield return new TestCaseData((Func<string?, L.Loss>)(r => new L.Hinge(reduction: r)), 1.3, 2.6, new[] { 1.1, 1.5 }, 0.55, 1.1, new[] { 1.1, 0.0 }).SetName("Hinge");
        yield return new TestCaseData((Func<string?, L.Loss>)(r => new L.SquaredHinge(reduction: r)), 1.86, 3.72, new[] { 1.46, 2.26 }, 0.73, 1.46, new[] { 1.46, 0.0 }).SetName("SquaredHinge");
        yield return new TestCaseData((Func<string?, L.Loss>)(r => new L.CategoricalHinge(reduction: r)), 1.4, 2.8, new[] { 1.2, 1.6 }, 0.6, 1.2, new[] { 1.2, 0.0 }).SetName("CategoricalHinge");
    }

    [TestCaseSource(nameof(HingeFamily))]
    public void UnweightedWeightedZeroWeighted(Func<string?, L.Loss> make, double mean, double sum, double[] none, double w_mean, double w_sum, double[] w_none)
    {
        Assert.That(value(make("sum_over_batch_size"), hinge_true, hinge_pred), Is.EqualTo(mean).Within(1e-3));
        Assert.That(value(make("sum"), hinge_true, hinge_pred), Is.EqualTo(sum).Within(1e-3));
        Assert.That(values(make(null), hinge_true, hinge_pred), Is.EqualTo(none).Within(1e-6));
        using var weights = torch.tensor(new float[] { 1, 0 });
        Assert.That(value(make("sum_over_batch_size"), hinge_true, hinge_pred, weights), Is.EqualTo(w_mean).Within(1e-3));
        Assert.That(value(make("sum"), hinge_true, hinge_pred, weights), Is.EqualTo(w_sum).Within(1e-3));
        Assert.That(values(make(null), hinge_true, hinge_pred, weights), Is.EqualTo(w_none).Within(1e-6));
        using var zero = torch.tensor(0f);
        Assert.That(value(make("sum_over_batch_size"), hinge_true, hinge_pred, zero), Is.EqualTo(0.0));
        Assert.That(Assert.Throws<ArgumentException>(() => make("abc"))!.Message, Does.StartWith("Invalid value for argument"));
    }

    private static readonly float[,] huber_pred = { { 0.9f, 0.2f, 0.2f }, { 0.8f, 0.4f, 0.6f } };
    private static readonly float[,] huber_true = { { 1, 0, 1 }, { 1, 0, 0 } };

    private static double[] huber_losses(double delta) =>
        Enumerable.Range(0, 6).Select(i =>
        {
            double error = Math.Abs(huber_pred[i / 3, i % 3] - (double)huber_true[i / 3, i % 3]);
            double quadratic = Math.Min(error, delta);
            return 0.5 * quadratic * quadratic + delta * (error - quadratic);
        }).ToArray();

    [Test]
    public void Huber()
    {
        var config = new L.Huber(reduction: "sum", name: "huber").get_config();
        Assert.That(config, Is.EquivalentTo(new Dictionary<string, object> { ["name"] = "huber", ["reduction"] = "sum" }));
        Assert.That(value(new L.Huber(), huber_true, huber_true), Is.EqualTo(0.0).Within(1e-3), "all correct");
        Assert.That(value(new L.Huber(), huber_true, huber_pred), Is.EqualTo(huber_losses(1.0).Sum() / 6).Within(1e-3), "unweighted");
        using (var w = torch.tensor(2.3f))
            Assert.That(value(new L.Huber(), huber_true, huber_pred, w), Is.EqualTo(2.3 * huber_losses(1.0).Sum() / 6).Within(1e-3), "scalar weighted");
        using (var w = torch.tensor(new float[,] { { 1.2f }, { 3.4f } }))
        {
            var l = huber_losses(1.0);
            double expected = (1.2 * (l[0] + l[1] + l[2]) + 3.4 * (l[3] + l[4] + l[5])) / 6;
            Assert.That(value(new L.Huber(), huber_true, huber_pred, w), Is.EqualTo(expected).Within(1e-3), "sample weighted");
        }
        using (var w = torch.tensor(0f))
            Assert.That(value(new L.Huber(), huber_true, huber_pred, w), Is.EqualTo(0.0).Within(1e-3), "zero weighted");
        using (var w = torch.tensor(2.3f))
            Assert.That(value(new L.Huber(delta: 0.8), huber_true, huber_pred, w), Is.EqualTo(2.3 * huber_losses(0.8).Sum() / 6).Within(1e-3), "non-default delta");
    }

    [Test]
    public void HuberTimestepWeighted()
    {
        var y_pred = torch.tensor(huber_pred).reshape(2, 3, 1);
        var y_true = torch.tensor(huber_true).reshape(2, 3, 1);
        var sample_weight = torch.tensor(new float[] { 3, 6, 5, 0, 4, 2 }).reshape(2, 3, 1);
        var l = huber_losses(1.0);
        double expected = new[] { 3.0, 6, 5, 0, 4, 2 }.Select((w, i) => w * l[i]).Sum() / 6;
        Assert.That(new L.Huber().__call__(y_true, y_pred, sample_weight).item<float>(), Is.EqualTo(expected).Within(1e-3));
    }

    private static readonly float[,] cos_true = { { 1, 9, 2 }, { -5, -2, 6 } };
    private static readonly float[,] cos_pred = { { 4, 8, 12 }, { 8, 1, 3 } };

    private static double[] cosine(float[,] a, float[,] b) =>
        Enumerable.Range(0, 2).Select(r =>
        {
            double dot = 0, na = 0, nb = 0;
            for (int c = 0; c < 3; c++) { dot += a[r, c] * b[r, c]; na += a[r, c] * a[r, c]; nb += b[r, c] * b[r, c]; }
            return dot / Math.Sqrt(na) / Math.Sqrt(nb);
        }).ToArray();

    [Test]
    public void CosineSimilarity()
    {
        var obj = new L.CosineSimilarity(axis: 2, reduction: "sum", name: "cosine_loss");
        Assert.That((obj.name, obj.reduction), Is.EqualTo(("cosine_loss", "sum")));
        Assert.That(obj.get_config(), Is.EquivalentTo(new Dictionary<string, object> { ["name"] = "cosine_loss", ["reduction"] = "sum" }));
        var expected = cosine(cos_true, cos_pred);
        Assert.That(value(new L.CosineSimilarity(), cos_true, cos_pred), Is.EqualTo(-expected.Average()).Within(1e-3), "unweighted");
        using (var w = torch.tensor(2.3f))
            Assert.That(value(new L.CosineSimilarity(), cos_true, cos_pred, w), Is.EqualTo(-expected.Average() * 2.3).Within(1e-3), "scalar weighted");
        using (var w = torch.tensor(new float[] { 1.2f, 3.4f }))
            Assert.That(value(new L.CosineSimilarity(), cos_true, cos_pred, w), Is.EqualTo(-(expected[0] * 1.2 + expected[1] * 3.4) / 2).Within(1e-3), "sample weighted");
        using (var w = torch.tensor(0f))
            Assert.That(value(new L.CosineSimilarity(), cos_true, cos_pred, w), Is.EqualTo(0.0).Within(1e-3), "zero weighted");
        Assert.That(value(new L.CosineSimilarity(axis: 1), cos_true, cos_pred), Is.EqualTo(-expected.Average()).Within(1e-3), "axis");
    }

    [Test]
    public void LogCoshKLDivergencePoissonUnweighted()
    {
        float[,] y_true = { { 1, 9, 2 }, { -5, -2, 6 } };
        float[,] y_pred = { { 4, 8, 12 }, { 8, 1, 3 } };
        double log_cosh = Enumerable.Range(0, 6).Select(i =>
        {
            double e = y_pred[i / 3, i % 3] - (double)y_true[i / 3, i % 3];
            return Math.Log((Math.Exp(e) + Math.Exp(-e)) / 2);
        }).Sum() / 6;
        Assert.That(value(new L.LogCosh(), y_true, y_pred), Is.EqualTo(log_cosh).Within(1e-3), "log_cosh");

        float[,] p_true = { { 0.5f, 0.8f, 0.12f }, { 0.7f, 0.43f, 0.8f } };
        float[,] p_pred = { { 0.4f, 0.9f, 0.12f }, { 0.36f, 0.3f, 0.4f } };
        double kld = Enumerable.Range(0, 6).Select(i => p_true[i / 3, i % 3] * Math.Log(p_true[i / 3, i % 3] / (double)p_pred[i / 3, i % 3])).Sum() / 2;
        Assert.That(value(new L.KLDivergence(), p_true, p_pred), Is.EqualTo(kld).Within(1e-3), "kl_divergence");
        using (var w = torch.tensor(0f)) Assert.That(value(new L.KLDivergence(), p_true, p_pred, w), Is.EqualTo(0.0), "zero weighted");

        float[,] c_pred = { { 1, 9, 2 }, { 5, 2, 6 } };
        float[,] c_true = { { 4, 8, 12 }, { 8, 1, 3 } };
        double poisson = Enumerable.Range(0, 6).Select(i => c_pred[i / 3, i % 3] - c_true[i / 3, i % 3] * Math.Log(c_pred[i / 3, i % 3] + 1e-7)).Sum() / 6;
        Assert.That(value(new L.Poisson(), c_true, c_pred), Is.EqualTo(poisson).Within(1e-3), "poisson");
    }
}
