using System.Text.Json;
using KerasPort;
using KerasPort.Regularizers;
using KerasPort.Utils;

namespace KerasPort.Tests.Regularizers;

public class RegularizersTests
{
    [Test]
    public void L2_of_the_article_kernel_matches_the_recorded_model_loss()
    {
        // FORMAT.md item 7: 0.001 * sum(w^2) of dense_2's kernel at w0 is 0.0389424841 by hand, 0.038942486 in Keras.
        var w0 = Npy.load_npz(KerasFixtures.path("fit/v01_article_l1l2_adam/data.npz"));
        using var penalty = keras.regularizers.l2(0.001).call(w0["w0_2"]);
        Assert.That(penalty.item<float>(), Is.EqualTo(0.038942486).Within(1e-8));
        using var l1 = keras.regularizers.l1(0.01).call(w0["w0_0"]);
        Assert.That(l1.item<float>(), Is.EqualTo(4.01463509).Within(4e-6));
    }

    [Test]
    public void L1_gradient_is_the_sign_and_zero_at_zero()
    {
        using var w = torch.tensor(new float[] { -2, 0, 3 }, requires_grad: true);
        using var penalty = new L1(0.5).call(w);
        penalty.backward();
        Assert.That(w.grad!.data<float>().ToArray(), Is.EqualTo(new float[] { -0.5f, 0, 0.5f }));
    }

    [Test]
    public void L1L2_sums_both_terms_and_gives_a_scalar_of_the_weights_dtype()
    {
        using var w = torch.tensor(new double[] { 1, -2, 3 });
        using var p = keras.regularizers.l1_l2(l1: 0.25, l2: 0.5).call(w);
        Assert.That(p.dtype, Is.EqualTo(ScalarType.Float64));
        Assert.That(p.item<double>(), Is.EqualTo(0.25 * 6 + 0.5 * 14).Within(1e-12));
        using var zero = new L1L2().call(w);
        Assert.That(zero.item<double>(), Is.EqualTo(0.0));
    }

    [Test]
    public void Orthogonal_penalty_is_zero_for_orthogonal_rows_and_hand_checked_otherwise()
    {
        using var eye = torch.eye(3, 5);
        using var zero = keras.regularizers.orthogonal_regularizer(factor: 1.0).call(eye);
        Assert.That(zero.item<float>(), Is.EqualTo(0f).Within(1e-7));
        // Two rows at 45 degrees: one pair with |cos| = 1/sqrt 2.
        using var w = torch.tensor(new float[,] { { 1, 0 }, { 1, 1 } });
        using var p = new OrthogonalRegularizer(factor: 2.0).call(w);
        Assert.That(p.item<float>(), Is.EqualTo(2.0 * 0.5 * (2 / Math.Sqrt(2)) / 1.0).Within(1e-6));
        using var cols = new OrthogonalRegularizer(factor: 2.0, mode: "columns").call(w.t());
        Assert.That(cols.item<float>(), Is.EqualTo(p.item<float>()).Within(1e-6));
    }

    [Test]
    public void Factors_in_configs_are_stored_as_keras_does()
    {
        Assert.That(new L1().get_config()["l1"], Is.EqualTo(0.009999999776482582));
        Assert.That(new L2().get_config()["l2"], Is.EqualTo(0.01));
        Assert.That(new OrthogonalRegularizer(0.1).get_config()["factor"], Is.EqualTo(0.10000000149011612));
        Assert.That(new L1(null).l1, Is.EqualTo(0.009999999776482582));
        Assert.That(new L1L2(null, 0.3).get_config(), Is.EqualTo(new Dictionary<string, object> { ["l1"] = 0.0, ["l2"] = 0.3 }));
    }

    [Test]
    public void From_config_reads_a_parsed_json_config()
    {
        var config = JsonSerializer.Deserialize<Dictionary<string, object>>("{\"l1\": 0.02, \"l2\": 1}")!;
        var reg = L1L2.from_config(config);
        Assert.That(reg.l1, Is.EqualTo(0.02));
        Assert.That(reg.l2, Is.EqualTo(1.0));
    }

    [Test]
    public void From_config_refuses_unknown_keys()
    {
        var ex = Assert.Throws<ArgumentException>(() => L2.from_config(new Dictionary<string, object> { ["l1"] = 0.1 }))!;
        Assert.That(ex.Message, Does.StartWith("L2.__init__() got an unexpected keyword argument 'l1'"));
    }

    [Test]
    public void Bad_factors_are_refused_naming_the_argument_and_value()
    {
        var ex = Assert.Throws<ArgumentException>(() => new OrthogonalRegularizer(factor: null))!;
        Assert.That(ex.Message, Does.StartWith("Invalid value for argument factor: expected a non-negative float.Received: factor=None"));
        Assert.That(ex.ParamName, Is.EqualTo("factor"));
        ex = Assert.Throws<ArgumentException>(() => keras.regularizers.l1(double.PositiveInfinity))!;
        Assert.That(ex.Message, Does.StartWith("Invalid value for argument l1: expected a non-negative float.Received: l1=inf"));
        ex = Assert.Throws<ArgumentException>(() => L1.from_config(new Dictionary<string, object> { ["l1"] = "0.1" }))!;
        Assert.That(ex.Message, Does.StartWith("Invalid value for argument l1: expected a non-negative float.Received: l1=0.1"));
        ex = Assert.Throws<ArgumentException>(() => new OrthogonalRegularizer(mode: null))!;
        Assert.That(ex.Message, Does.StartWith("Invalid value for argument `mode`. Expected one of {\"rows\", \"columns\"}. Received: mode=None"));
    }

    [Test]
    public void Get_knows_exactly_kerass_identifiers()
    {
        Assert.That(keras.regularizers.get(null), Is.Null);
        foreach (var id in new[] { "L1", "L1L2", "L2", "OrthogonalRegularizer", "Regularizer", "l1", "l1l2", "l2", "orthogonal_regularizer", "regularizer" })
            Assert.That(keras.regularizers.get(id), Is.Not.Null, id);
        foreach (var id in new[] { "l1_l2", "L1_L2", "orthogonal", " l1", "L1l2" })
        {
            var ex = Assert.Throws<ArgumentException>(() => keras.regularizers.get(id), id)!;
            Assert.That(ex.Message, Does.StartWith("Could not interpret regularizer identifier: " + id));
            Assert.That(ex.Message, Does.Contain("l1l2"));
        }
    }

    [Test]
    public void The_base_regularizer_gives_zero_and_no_config()
    {
        var reg = keras.regularizers.get("regularizer")!;
        using var w = torch.ones(3);
        using var p = reg.call(w);
        Assert.That(p.item<float>(), Is.EqualTo(0f));
        var ex = Assert.Throws<NotImplementedException>(() => reg.get_config())!;
        Assert.That(ex.Message, Is.EqualTo("Regularizer does not implement get_config()"));
    }
}
