using KerasPort;

namespace KerasPort.Tests.Activations;

public class ActivationsTests
{
    // Inputs that cover both sides of every kink (-3, -1, 0, 1, 3, 6) and the saturated tails.
    private static readonly double[] xs =
        [-8.5, -6, -4, -3.0, -2.999, -2.5, -1.0, -0.75, -0.5, -0.2, -1e-3, 0.0, 1e-3, 0.2, 0.5, 0.75, 1.0, 2.5, 2.999, 3.0, 4, 5.99, 6.0, 6.5, 8.5];

    private const double SeluAlpha = 1.6732632423543772848170429916717;
    private const double SeluScale = 1.0507009873554804934193349852946;

    private static double Sigmoid(double v) => 1.0 / (1.0 + Math.Exp(-v));
    private static double Softplus(double v) => Math.Log(1.0 + Math.Exp(v));

    // erf by its Taylor series (accurate to ~1e-10 for |x| <= 5); beyond, erfc(5) < 2e-12.
    private static double Erf(double v)
    {
        if (Math.Abs(v) > 5) return Math.Sign(v);
        double sum = 0, term = v;
        for (int n = 0; n < 200; n++)
        {
            sum += term / (2 * n + 1);
            term *= -v * v / (n + 1);
        }
        return 2.0 / Math.Sqrt(Math.PI) * sum;
    }

    public static IEnumerable<TestCaseData> Elementwise()
    {
        yield return new TestCaseData("relu", (Func<double, double>)(v => Math.Max(v, 0)));
        yield return new TestCaseData("sigmoid", (Func<double, double>)Sigmoid);
        yield return new TestCaseData("tanh", (Func<double, double>)Math.Tanh);
        yield return new TestCaseData("linear", (Func<double, double>)(v => v));
        yield return new TestCaseData("elu", (Func<double, double>)(v => v > 0 ? v : Math.Exp(v) - 1));
        yield return new TestCaseData("selu", (Func<double, double>)(v => SeluScale * (v > 0 ? v : SeluAlpha * (Math.Exp(v) - 1))));
        yield return new TestCaseData("softplus", (Func<double, double>)Softplus);
        yield return new TestCaseData("softsign", (Func<double, double>)(v => v / (Math.Abs(v) + 1)));
        yield return new TestCaseData("gelu", (Func<double, double>)(v => 0.5 * v * (1 + Erf(v / Math.Sqrt(2)))));
        yield return new TestCaseData("swish", (Func<double, double>)(v => v * Sigmoid(v)));
        yield return new TestCaseData("silu", (Func<double, double>)(v => v * Sigmoid(v)));
        yield return new TestCaseData("leaky_relu", (Func<double, double>)(v => v > 0 ? v : 0.2 * v));
        yield return new TestCaseData("relu6", (Func<double, double>)(v => Math.Min(Math.Max(v, 0), 6)));
        yield return new TestCaseData("hard_sigmoid", (Func<double, double>)(v => v <= -3 ? 0 : v >= 3 ? 1 : v / 6 + 0.5));
        yield return new TestCaseData("hard_silu", (Func<double, double>)(v => v < -3 ? 0 : v > 3 ? v : v * (v + 3) / 6));
        yield return new TestCaseData("hard_swish", (Func<double, double>)(v => v < -3 ? 0 : v > 3 ? v : v * (v + 3) / 6));
        yield return new TestCaseData("exponential", (Func<double, double>)Math.Exp);
        yield return new TestCaseData("mish", (Func<double, double>)(v => v * Math.Tanh(Softplus(v))));
        yield return new TestCaseData("celu", (Func<double, double>)(v => v > 0 ? v : Math.Exp(v) - 1));
        yield return new TestCaseData("hard_tanh", (Func<double, double>)(v => Math.Clamp(v, -1, 1)));
        yield return new TestCaseData("hard_shrink", (Func<double, double>)(v => Math.Abs(v) > 0.5 ? v : 0));
        yield return new TestCaseData("soft_shrink", (Func<double, double>)(v => v > 0.5 ? v - 0.5 : v < -0.5 ? v + 0.5 : 0));
        yield return new TestCaseData("log_sigmoid", (Func<double, double>)(v => Math.Log(Sigmoid(v))));
        yield return new TestCaseData("tanh_shrink", (Func<double, double>)(v => v - Math.Tanh(v)));
        yield return new TestCaseData("sparse_plus", (Func<double, double>)(v => v <= -1 ? 0 : v < 1 ? (v + 1) * (v + 1) / 4 : v));
        yield return new TestCaseData("sparse_sigmoid", (Func<double, double>)(v => v <= -1 ? 0 : v >= 1 ? 1 : 0.5 * (v + 1)));
        yield return new TestCaseData("squareplus", (Func<double, double>)(v => (v + Math.Sqrt(v * v + 4)) / 2));
    }

    [TestCaseSource(nameof(Elementwise))]
    public void Matches_the_float64_formula(string name, Func<double, double> formula)
    {
        using var x = torch.tensor(xs.Select(v => (float)v).ToArray());
        using var y = keras.activations.get(name)(x);
        Assert.That(y.dtype, Is.EqualTo(ScalarType.Float32));
        float[] got = y.data<float>().ToArray();
        for (int i = 0; i < xs.Length; i++)
        {
            double expected = formula((float)xs[i]);
            Assert.That(got[i], Is.EqualTo(expected).Within(2e-6 * Math.Max(1, Math.Abs(expected)) + 1e-7), $"{name}({xs[i]})");
        }
    }

    private static double[,] Rows() => new double[,] { { 1.0, 2.0, 3.0, -1.0 }, { -50, 0.0, 50, 10 }, { 0.5, 0.5, 0.5, 0.5 } };

    [Test]
    public void Softmax_and_log_softmax_act_on_the_last_axis()
    {
        var rows = Rows();
        using var x = torch.tensor(rows).to_type(ScalarType.Float32);
        using var s = keras.activations.get("softmax")(x);
        using var ls = keras.activations.get("log_softmax")(x);
        for (int r = 0; r < 3; r++)
        {
            double max = Enumerable.Range(0, 4).Max(c => rows[r, c]);
            double z = Enumerable.Range(0, 4).Sum(c => Math.Exp(rows[r, c] - max));
            for (int c = 0; c < 4; c++)
            {
                double logp = rows[r, c] - max - Math.Log(z);
                Assert.That(s[r, c].item<float>(), Is.EqualTo(Math.Exp(logp)).Within(1e-6));
                Assert.That(ls[r, c].item<float>(), Is.EqualTo(logp).Within(2e-5 * Math.Max(1, Math.Abs(logp))));
            }
        }
    }

    [Test]
    public void Softmax_takes_an_axis()
    {
        using var x = torch.tensor(Rows()).to_type(ScalarType.Float32);
        using var s = keras.activations.softmax(x, axis: 0);
        using var sums = s.sum(dim: 0);
        Assert.That(sums.data<float>().ToArray(), Is.EqualTo(new float[] { 1, 1, 1, 1 }).Within(1e-6));
    }

    [Test]
    public void Relu_takes_keras_negative_slope_max_value_and_threshold()
    {
        using var x = torch.tensor(new float[] { -10, -5, 0, 5, 10 });
        Assert.That(keras.activations.relu(x, negative_slope: 0.5).data<float>().ToArray(), Is.EqualTo(new float[] { -5, -2.5f, 0, 5, 10 }));
        Assert.That(keras.activations.relu(x, max_value: 5).data<float>().ToArray(), Is.EqualTo(new float[] { 0, 0, 0, 5, 5 }));
        Assert.That(keras.activations.relu(x, threshold: 5).data<float>().ToArray(), Is.EqualTo(new float[] { 0, 0, 0, 0, 10 }));
        Assert.That(keras.activations.relu(x, max_value: 6).data<float>().ToArray(), Is.EqualTo(new float[] { 0, 0, 0, 5, 6 }));
        // Below the threshold the slope applies to (x - threshold): -0.5 * relu(threshold - x).
        Assert.That(keras.activations.relu(x, negative_slope: 0.5, threshold: 5, max_value: 8).data<float>().ToArray(),
            Is.EqualTo(new float[] { -7.5f, -5, -2.5f, 0, 8 }));
    }

    [Test]
    public void Gelu_approximate_uses_the_tanh_form()
    {
        double v = 1.3;
        double expected = 0.5 * v * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)));
        using var x = torch.tensor(new float[] { (float)v });
        Assert.That(keras.activations.gelu(x, approximate: true).item<float>(), Is.EqualTo(expected).Within(1e-6));
    }

    [Test]
    public void Linear_and_null_are_the_identity()
    {
        using var x = torch.randn(3, 4);
        Assert.That(ReferenceEquals(keras.activations.get(null)(x), x), Is.True);
        Assert.That(ReferenceEquals(keras.activations.get("linear")(x), x), Is.True);
    }

    [Test]
    public void Gradients_flow_through_activations()
    {
        using var x = torch.tensor(new float[] { -1, 0.5f, 2 }, requires_grad: true);
        using var y = keras.activations.get("swish")(x).sum();
        y.backward();
        float[] g = x.grad!.data<float>().ToArray();
        for (int i = 0; i < 3; i++)
        {
            double v = new[] { -1, 0.5, 2 }[i], s = Sigmoid(v);
            Assert.That(g[i], Is.EqualTo(s + v * s * (1 - s)).Within(1e-6));
        }
    }

    [TestCase("Relu")]
    [TestCase("nope")]
    [TestCase("")]
    public void Unknown_names_are_refused_with_the_allowed_ones(string name)
    {
        var ex = Assert.Throws<ArgumentException>(() => keras.activations.get(name))!;
        Assert.That(ex.Message, Does.Contain("Could not interpret activation function identifier: " + name));
        Assert.That(ex.Message, Does.Contain("relu, relu6").Or.Contain("relu"));
        Assert.That(ex.Message, Does.Contain("softmax"));
        Assert.That(ex.ParamName, Is.EqualTo("identifier"));
    }
}
