using System.Text.Json;
using KerasPort;
using KerasPort.Optimizers;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasPort.Tests.Optimizers;

public class OptimizersTests
{
    private const int Steps = 6;
    private static readonly double[] w_start = [0.5, -1.25, 2.0, 0.0, -0.3, 1e-3];

    // Gradients for each step: varied signs and magnitudes, a zero, and one large value.
    private static double[] Grad(int step) => w_start.Select((_, i) => Math.Sin(1.7 * i + 0.9 * step) * (i == 2 ? 30 : 1) * (i == 3 && step % 2 == 0 ? 0 : 1)).ToArray();

    private static double F32(double v) => (float)v;

    private static double[] Run(Optimizer opt)
    {
        var w = new Parameter(torch.tensor(w_start.Select(v => (float)v).ToArray()));
        for (int s = 0; s < Steps; s++)
        {
            using var g = torch.tensor(Grad(s).Select(v => (float)v).ToArray());
            opt.apply_gradients([(g, w)]);
        }
        Assert.That(opt.iterations, Is.EqualTo(Steps));
        return w.detach().to_type(ScalarType.Float64).data<double>().ToArray();
    }

    // Float64 re-implementations of Keras's formulas (FORMAT.md items 1-3 and base_optimizer.py).
    private static double[] Clip(double[] g, double? clipnorm, double? clipvalue)
    {
        if (clipnorm is double c)
        {
            double n = Math.Sqrt(g.Sum(v => v * v));
            return g.Select(v => v * c / Math.Max(n, c)).ToArray();
        }
        if (clipvalue is double cv) return g.Select(v => Math.Clamp(v, -cv, cv)).ToArray();
        return g;
    }

    private static double[] AdamRef(double lr, double b1 = 0.9, double b2 = 0.999, double eps = 1e-7, bool amsgrad = false,
                                     double? wd = null, double? clipnorm = null, double? clipvalue = null)
    {
        lr = F32(lr);
        var w = w_start.Select(F32).ToArray();
        var m = new double[w.Length]; var v = new double[w.Length]; var vh = new double[w.Length];
        for (int s = 0; s < Steps; s++)
        {
            var g = Clip(Grad(s).Select(F32).ToArray(), clipnorm, clipvalue);
            if (wd is double d) w = w.Select(x => x - x * d * lr).ToArray();
            int t = s + 1;
            double alpha = lr * Math.Sqrt(1 - Math.Pow(b2, t)) / (1 - Math.Pow(b1, t));
            for (int i = 0; i < w.Length; i++)
            {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                vh[i] = Math.Max(vh[i], v[i]);
                w[i] -= alpha * m[i] / (Math.Sqrt(amsgrad ? vh[i] : v[i]) + eps);
            }
        }
        return w;
    }

    private static double[] SgdRef(double lr, double mu = 0, bool nesterov = false, double? wd = null, double? clipnorm = null, double? clipvalue = null)
    {
        lr = F32(lr);
        var w = w_start.Select(F32).ToArray();
        var b = new double[w.Length];
        for (int s = 0; s < Steps; s++)
        {
            var g = Clip(Grad(s).Select(F32).ToArray(), clipnorm, clipvalue);
            if (wd is double d) w = w.Select(x => x - x * d * lr).ToArray();
            for (int i = 0; i < w.Length; i++)
            {
                if (mu == 0) { w[i] -= lr * g[i]; continue; }
                b[i] = mu * b[i] - lr * g[i];
                w[i] += nesterov ? mu * b[i] - lr * g[i] : b[i];
            }
        }
        return w;
    }

    private static double[] RmsRef(double lr, double rho = 0.9, double mu = 0, double eps = 1e-7, bool centered = false)
    {
        lr = F32(lr);
        var w = w_start.Select(F32).ToArray();
        var v = new double[w.Length]; var a = new double[w.Length]; var mom = new double[w.Length];
        for (int s = 0; s < Steps; s++)
        {
            var g = Grad(s).Select(F32).ToArray();
            for (int i = 0; i < w.Length; i++)
            {
                v[i] = rho * v[i] + (1 - rho) * g[i] * g[i];
                a[i] = rho * a[i] + (1 - rho) * g[i];
                double inc = lr * g[i] / Math.Sqrt(v[i] + eps - (centered ? a[i] * a[i] : 0));
                mom[i] = mu * mom[i] + inc;
                w[i] -= mu > 0 ? mom[i] : inc;
            }
        }
        return w;
    }

    public static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData(new Func<Optimizer>(() => new Adam()), AdamRef(0.001)).SetName("Adam_defaults");
        yield return new TestCaseData(new Func<Optimizer>(() => new Adam(learning_rate: 0.05, beta_1: 0.8, beta_2: 0.99, epsilon: 1e-3)), AdamRef(0.05, 0.8, 0.99, 1e-3)).SetName("Adam_args");
        yield return new TestCaseData(new Func<Optimizer>(() => new Adam(learning_rate: 0.01, amsgrad: true)), AdamRef(0.01, amsgrad: true)).SetName("Adam_amsgrad");
        yield return new TestCaseData(new Func<Optimizer>(() => new AdamW()), AdamRef(0.001, wd: 0.004)).SetName("AdamW_defaults");
        yield return new TestCaseData(new Func<Optimizer>(() => new AdamW(learning_rate: 0.1, weight_decay: 0.5)), AdamRef(0.1, wd: 0.5)).SetName("AdamW_strong_decay");
        yield return new TestCaseData(new Func<Optimizer>(() => new Adam(clipnorm: 1.0)), AdamRef(0.001, clipnorm: 1.0)).SetName("Adam_clipnorm");
        yield return new TestCaseData(new Func<Optimizer>(() => new SGD()), SgdRef(0.01)).SetName("SGD_defaults");
        yield return new TestCaseData(new Func<Optimizer>(() => new SGD(learning_rate: 0.1, momentum: 0.9)), SgdRef(0.1, 0.9)).SetName("SGD_momentum");
        yield return new TestCaseData(new Func<Optimizer>(() => new SGD(learning_rate: 0.1, momentum: 0.9, nesterov: true)), SgdRef(0.1, 0.9, true)).SetName("SGD_nesterov");
        yield return new TestCaseData(new Func<Optimizer>(() => new SGD(learning_rate: 0.1, weight_decay: 0.01)), SgdRef(0.1, wd: 0.01)).SetName("SGD_weight_decay");
        yield return new TestCaseData(new Func<Optimizer>(() => new SGD(learning_rate: 0.1, clipvalue: 0.5)), SgdRef(0.1, clipvalue: 0.5)).SetName("SGD_clipvalue");
        yield return new TestCaseData(new Func<Optimizer>(() => new SGD(learning_rate: 0.1, global_clipnorm: 2.0)), SgdRef(0.1, clipnorm: 2.0)).SetName("SGD_global_clipnorm_one_variable");
        yield return new TestCaseData(new Func<Optimizer>(() => new RMSprop()), RmsRef(0.001)).SetName("RMSprop_defaults");
        yield return new TestCaseData(new Func<Optimizer>(() => new RMSprop(learning_rate: 0.01, rho: 0.8, momentum: 0.5)), RmsRef(0.01, 0.8, 0.5)).SetName("RMSprop_momentum");
        yield return new TestCaseData(new Func<Optimizer>(() => new RMSprop(learning_rate: 0.01, centered: true)), RmsRef(0.01, centered: true)).SetName("RMSprop_centered");
    }

    [TestCaseSource(nameof(Cases))]
    public void Steps_match_a_float64_reimplementation_of_kerass_formulas(Func<Optimizer> make, double[] expected)
    {
        var got = Run(make());
        for (int i = 0; i < expected.Length; i++)
            Assert.That(got[i], Is.EqualTo(expected[i]).Within(2e-6 + 2e-6 * Math.Abs(expected[i])), $"w[{i}]");
    }

    [Test]
    public void Global_clipnorm_scales_all_gradients_together()
    {
        var a = new Parameter(torch.zeros(2));
        var b = new Parameter(torch.zeros(1));
        // Global norm of (3, 4, 12) is 13; clipped to 6.5, then SGD(lr=1): w = -g * 0.5.
        new SGD(learning_rate: 1.0, global_clipnorm: 6.5).apply_gradients([(torch.tensor(new float[] { 3, 4 }), a), (torch.tensor(new float[] { 12 }), b)]);
        Assert.That(a.data<float>().ToArray(), Is.EqualTo(new float[] { -1.5f, -2 }).Within(1e-6));
        Assert.That(b.data<float>().ToArray(), Is.EqualTo(new float[] { -6 }).Within(1e-6));
    }

    [Test]
    public void Learning_rate_is_float32_and_settable()
    {
        var opt = new SGD(learning_rate: 0.1);
        Assert.That(opt.learning_rate, Is.EqualTo(0.10000000149011612));
        opt.learning_rate = 0.5;
        var w = new Parameter(torch.ones(1));
        opt.apply_gradients([(torch.ones(1), w)]);
        Assert.That(w.item<float>(), Is.EqualTo(0.5f));
        Assert.That(opt.get_config()["learning_rate"], Is.EqualTo(0.5));
    }

    [Test]
    public void Exclude_from_weight_decay_spares_the_listed_variables()
    {
        var a = new Parameter(torch.ones(1));
        var b = new Parameter(torch.ones(1));
        var opt = new SGD(learning_rate: 0.5, weight_decay: 0.2);
        opt.exclude_from_weight_decay([b]);
        opt.apply_gradients([(torch.zeros(1), a), (torch.zeros(1), b)]);
        Assert.That(a.item<float>(), Is.EqualTo(0.9f));
        Assert.That(b.item<float>(), Is.EqualTo(1f));
    }

    [Test]
    public void State_is_kept_per_variable_and_listed_in_kerass_order()
    {
        var a = new Parameter(torch.ones(2, 3));
        var b = new Parameter(torch.ones(3));
        var opt = new Adam(amsgrad: true);
        opt.apply_gradients([(torch.ones(2, 3), a), (torch.ones(3), b)]);
        // iteration, learning_rate, m_a, v_a, m_b, v_b, vhat_a, vhat_b
        var shapes = opt.variables.Select(v => v.shape).ToArray();
        Assert.That(shapes, Is.EqualTo(new long[][] { [], [], [2, 3], [2, 3], [3], [3], [2, 3], [3] }));
        Assert.That(opt.variables[0].item<long>(), Is.EqualTo(1));
        var ex = Assert.Throws<ArgumentException>(() => opt.apply_gradients([(torch.ones(4), new Parameter(torch.ones(4)))]))!;
        Assert.That(ex.Message, Does.StartWith("Unknown variable of shape (4,)"));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Adam_updates_all_variables_at_once_exactly_as_one_by_one(bool amsgrad)
    {
        // In build order Adam updates the flat concatenation of every variable; in another order it
        // falls back to one variable at a time. Both must give the same bits.
        var gen = new torch.Generator(7);
        var start = new[] { torch.randn([4, 3], generator: gen), torch.randn([3], generator: gen), torch.randn([3, 1], generator: gen) };
        var grads = Enumerable.Range(0, 5).Select(_ => start.Select(t => torch.randn(t.shape, generator: gen) * 3).ToArray()).ToArray();
        (Parameter[] w, Adam opt) run(bool in_order)
        {
            var w = start.Select(t => new Parameter(t.clone())).ToArray();
            var opt = new Adam(amsgrad: amsgrad);
            opt.build(w);
            var order = in_order ? new[] { 0, 1, 2 } : new[] { 2, 0, 1 };
            foreach (var g in grads) opt.apply_gradients(order.Select(i => (g[i], w[i])).ToList());
            return (w, opt);
        }
        var (fused_w, fused) = run(in_order: true);
        var (single_w, single) = run(in_order: false);
        for (int i = 0; i < start.Length; i++)
            Assert.That(fused_w[i].data<float>().ToArray(), Is.EqualTo(single_w[i].data<float>().ToArray()), $"variable {i}");
        for (int i = 2; i < fused.variables.Count; i++)
            Assert.That(fused.variables[i].data<float>().ToArray(), Is.EqualTo(single.variables[i].data<float>().ToArray()), $"optimizer variable {i}");
        Assert.That(fused_w[0].data<float>().ToArray(), Is.Not.EqualTo(start[0].data<float>().ToArray()));
    }

    [Test]
    public void Missing_gradients_are_refused()
    {
        var w = new Parameter(torch.ones(1));
        var ex = Assert.Throws<ArgumentException>(() => new SGD().apply_gradients([(null!, w)]))!;
        Assert.That(ex.Message, Does.StartWith("No gradients provided for any variable."));
    }

    [Test]
    public void Bad_arguments_are_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SGD(momentum: 1.5))!;
        Assert.That(ex.Message, Does.StartWith("`momentum` must be a float between [0, 1]. Received: momentum=1.5"));
        ex = Assert.Throws<ArgumentException>(() => new Adam(clipnorm: 1.0, clipvalue: 0.5))!;
        Assert.That(ex.Message, Does.StartWith("Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. Received: clipnorm=1.0, clipvalue=0.5, global_clipnorm=None"));
        ex = Assert.Throws<ArgumentException>(() => new AdamW(weight_decay: null))!;
        Assert.That(ex.Message, Does.StartWith("Argument `weight_decay` must be a float. Received: weight_decay=None"));
        ex = Assert.Throws<ArgumentException>(() => keras.optimizers.get("adagrad_x"))!;
        Assert.That(ex.Message, Does.StartWith("Could not interpret optimizer identifier: adagrad_x"));
        Assert.That(ex.Message, Does.Contain("rmsprop"));
    }

    [TestCase("adam", typeof(Adam))]
    [TestCase("Adam", typeof(Adam))]
    [TestCase("sgd", typeof(SGD))]
    [TestCase("SGD", typeof(SGD))]
    [TestCase("rmsprop", typeof(RMSprop))]
    [TestCase("RMSprop", typeof(RMSprop))]
    [TestCase("adamw", typeof(AdamW))]
    [TestCase("AdamW", typeof(AdamW))]
    public void Get_resolves_names(string id, Type type) => Assert.That(keras.optimizers.get(id), Is.TypeOf(type));

    [Test]
    public void Names_are_kerass_automatic_names()
    {
        var a = new RMSprop();
        var b = new RMSprop();
        Assert.That(a.name, Does.Match("^rm_sprop(_[0-9]+)?$"));
        Assert.That(b.name, Is.Not.EqualTo(a.name));
        Assert.That(new SGD(name: "mine").name, Is.EqualTo("mine"));
    }

    private static readonly string[] fit_cases =
    [
        "v01_article_l1l2_adam", "v02_article_sgd_momentum", "v03_article_rmsprop", "v04_article_adam_amsgrad",
        "v05_regression_mse_mae_bias_activity_l2", "v06_multiclass_categorical", "v07_multiclass_sparse_categorical",
    ];

    private static Optimizer FromRecordedConfig(JsonElement c)
    {
        string name = c.GetProperty("name").GetString()!;
        double lr = c.GetProperty("learning_rate").GetDouble();
        if (name.StartsWith("adam")) return new Adam(lr, amsgrad: c.GetProperty("amsgrad").GetBoolean());
        if (name.StartsWith("sgd")) return new SGD(lr, momentum: c.GetProperty("momentum").GetDouble(), nesterov: c.GetProperty("nesterov").GetBoolean());
        return new RMSprop(lr);
    }

    [TestCaseSource(nameof(fit_cases))]
    public void Configs_match_the_recorded_ones(string name)
    {
        var recorded = FitCase.Load(name).optimizer_config;
        var config = FromRecordedConfig(recorded).get_config();
        Assert.That(config.Keys, Is.EqualTo(recorded.EnumerateObject().Select(p => p.Name)), "keys in Keras's order");
        foreach (var p in recorded.EnumerateObject())
        {
            if (p.Name == "name")
            {
                // The recorded name carries the recording session's counter (adam_1, adam_4, ...).
                string stem = p.Value.GetString()!.Split('_')[0];
                Assert.That((string)config["name"], Does.StartWith(stem));
                continue;
            }
            object? expected = p.Value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => p.Value.GetDouble(),
            };
            Assert.That(config[p.Name], Is.EqualTo(expected), p.Name);
        }
    }

    // A full recorded fit, run by hand with this port's losses, regularizers and optimizers:
    // every epoch's weights against Keras's (FORMAT.md: atol ~5e-5).
    [TestCaseSource(nameof(fit_cases))]
    public void Recorded_training_runs_are_reproduced(string name)
    {
        var fit = FitCase.Load(name);
        var loss = keras.losses.get(name switch
        {
            _ when name.StartsWith("v05") => "mse",
            _ when name.StartsWith("v06") => "categorical_crossentropy",
            _ when name.StartsWith("v07") => "sparse_categorical_crossentropy",
            _ => "binary_crossentropy",
        })!;
        var per_epoch = fit.train(FromRecordedConfig(fit.optimizer_config), loss);
        for (int e = 0; e < per_epoch.Count; e++)
            for (int i = 0; i < per_epoch[e].Length; i++)
            {
                using var diff = (per_epoch[e][i] - fit.arrays[$"w_epoch{e}_{i}"]).abs().max();
                Assert.That(diff.item<float>(), Is.LessThan(5e-5), $"epoch {e}, weight {i}");
            }
    }
}
