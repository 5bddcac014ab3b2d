using System.Text.Json.Nodes;
using KerasPort.Constraints;
using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Optimizers;
using KerasPort.Saving;
using static TorchSharp.torch;

namespace KerasPort.Tests.Constraints;

/// <summary>
/// Keras's weight constraints against fixtures/constraints.json (recorded from Keras 3.15.1 by
/// tools/record_constraints.py, float32, compared within 1e-6), and Keras's own constraints_test.py.
/// </summary>
public sealed class ConstraintsTests
{
    private static readonly JsonNode fixture = KerasFixtures.Load("constraints.json");

    private static Tensor f32(JsonNode node) =>
        tensor(node["values"]!.AsArray().Select(v => (float)(double)v!).ToArray()).reshape(node["shape"]!.AsArray().Select(d => (long)d!).ToArray());

    public static IEnumerable<TestCaseData> Cases() =>
        fixture["cases"]!.AsArray().Select(c => new TestCaseData((string)c!["name"]!).SetName("{m}(" + (string)c["name"]! + ")"));

    private static JsonNode find(string name) => fixture["cases"]!.AsArray().Single(c => (string)c!["name"]! == name)!;

    /// <summary>The constraint of a case, made as Keras's from_config makes it: the class with the recorded keyword arguments.</summary>
    private static Constraint make(JsonNode c) => (Constraint)Deserialization.deserialize_keras_object(KerasJson.loads(
        $"{{\"module\": \"keras.constraints\", \"class_name\": \"{(string)c["class_name"]!}\", \"config\": {c["kwargs"]!.ToJsonString()}}}"))!;

    [TestCaseSource(nameof(Cases))]
    public void Projects_as_Keras_does(string name)
    {
        var c = find(name);
        using var x = f32(c["x"]!);
        using var expected = f32(c["expected"]!);
        using var actual = make(c).call(x);
        Assert.That(actual.shape, Is.EqualTo(expected.shape));
        Assert.That((actual - expected).abs().max().item<float>(), Is.LessThanOrEqualTo(1e-6f));
    }

    [TestCaseSource(nameof(Cases))]
    public void Config_is_Kerass(string name)
    {
        var c = find(name);
        var config = make(c).get_config();
        var expected = c["config"]!.AsObject();
        Assert.That(config.Keys, Is.EquivalentTo(expected.Select(kv => kv.Key)));
        foreach (var (key, value) in expected)
            Assert.That(KerasJson.loads(KerasJson.dumps(config[key])), Is.EqualTo(KerasJson.loads(value!.ToJsonString())).Using<object, object>(same_number_or_list), key);
    }

    // Keras writes max_value=2 as an int when it is the default; KerasPort's arguments are doubles.
    private static bool same_number_or_list(object actual, object expected) => (actual, expected) switch
    {
        (System.Collections.IList a, System.Collections.IList e) => a.Count == e.Count && Enumerable.Range(0, a.Count).All(i => same_number_or_list(a[i]!, e[i]!)),
        _ => Convert.ToDouble(actual) == Convert.ToDouble(expected),
    };

    [Test]
    public void Get_takes_Kerass_names_and_refuses_others_with_its_message()
    {
        foreach (var (identifier, class_name) in fixture["identifiers"]!.AsObject())
            Assert.That(keras.constraints.get(identifier)!.GetType().Name, Is.EqualTo((string)class_name!), identifier);
        Assert.That(keras.constraints.get(null), Is.Null);
        Assert.That(Assert.Throws<ArgumentException>(() => keras.constraints.get("typo"))!.Message, Does.StartWith((string)fixture["typo_error"]!));
        Assert.That(Assert.Throws<ArgumentException>(() => new Dense(2, kernel_constraint: "typo"))!.Message, Does.StartWith((string)fixture["typo_error"]!));
    }

    // constraints_test.py: test_max_norm
    [Test]
    public void Max_norm_rescales_columns_above_the_norm()
    {
        using var x = tensor(new float[,] { { 0, 0, 0 }, { 1, 0, 0 }, { 3, 0, 0 }, { 3, 3, 3 } }).T;
        float s = 2 / MathF.Sqrt(3);
        using var target = tensor(new float[,] { { 0, 0, 0 }, { 1, 0, 0 }, { 2, 0, 0 }, { s, s, s } }).T;
        using var output = new MaxNorm(2.0).call(x);
        Assert.That(output.allclose(target, rtol: 1e-6, atol: 1e-6), Is.True);
    }

    // constraints_test.py: test_non_neg, test_unit_norm, test_min_max_norm, test_default_constraint_call
    [Test]
    public void Non_neg_unit_norm_and_min_max_norm_hold_on_a_random_array()
    {
        using var x = rand(100, 100) * 100 - 50;
        Assert.That(new NonNeg().call(x).min().item<float>(), Is.GreaterThanOrEqualTo(0f));
        using var unit = new UnitNorm().call(x);
        Assert.That((unit.square().sum(dim: 0).sqrt() - 1).abs().max().item<float>(), Is.LessThanOrEqualTo(1e-6f));
        using var bounded = new MinMaxNorm(min_value: 0.2, max_value: 0.5).call(x).square().sum(dim: 0).sqrt();
        Assert.That(bounded.min().item<float>(), Is.GreaterThanOrEqualTo(0.2f - 1e-6f));
        Assert.That(bounded.max().item<float>(), Is.LessThanOrEqualTo(0.5f + 1e-6f));
        Assert.That(new Constraint().call(x), Is.SameAs(x));
        Assert.That(new Constraint().get_config(), Is.Empty);
    }

    [Test]
    public void A_layers_config_holds_its_constraints_as_Keras_writes_them_and_reads_them_back()
    {
        var dense = new Dense(2, kernel_constraint: new MaxNorm(3.0, axis: 0), bias_constraint: "non_neg");
        var config = dense.get_config();
        Assert.That(KerasJson.dumps(config["kernel_constraint"]), Is.EqualTo(KerasJson.dumps(KerasJson.loads(fixture["layer_config"]!["kernel_constraint"]!.ToJsonString()))));
        Assert.That(KerasJson.dumps(config["bias_constraint"]), Is.EqualTo(KerasJson.dumps(KerasJson.loads(fixture["layer_config"]!["bias_constraint"]!.ToJsonString()))));
        var loaded = (Dense)Deserialization.deserialize_keras_object(Serialization.serialize_keras_object(dense))!;
        Assert.That(KerasJson.dumps(loaded.get_config()), Is.EqualTo(KerasJson.dumps(config)));

        Func<Tensor, Tensor> clip = w => w.clamp(-1, 1);
        var custom = new Dense(2, kernel_constraint: clip);
        Assert.That(custom.kernel_constraint, Is.SameAs(clip));
        Assert.That(custom.get_config()["kernel_constraint"], Is.EqualTo("custom"));
        Assert.Throws<NotSupportedException>(() => Deserialization.deserialize_keras_object(Serialization.serialize_keras_object(custom)));
    }

    [Test]
    public void Fit_applies_the_constraints_after_each_update_as_Keras()
    {
        var fit = fixture["fit"]!;
        using var model = new Sequential([
            keras.Input([3]),
            new Dense(4, kernel_constraint: new MaxNorm(0.6), bias_constraint: "non_neg"),
            new Dense(1, kernel_constraint: "unit_norm"),
        ]);
        model.set_weights(fit["initial_weights"]!.AsArray().Select(w => f32(w!)).ToArray());
        model.compile(optimizer: new SGD((double)fit["sgd_learning_rate"]!), loss: "mse");
        var history = model.fit(f32(fit["x"]!), f32(fit["y"]!), batch_size: (int)fit["batch_size"]!, epochs: (int)fit["epochs"]!, shuffle: false, verbose: 0);
        Assert.That(history.history["loss"], Is.EqualTo(fit["history"]!["loss"]!.AsArray().Select(v => (double)v!)).Within(1e-5));
        var weights = model.get_weights();
        var expected = fit["weights"]!.AsArray().Select(w => f32(w!)).ToArray();
        for (int i = 0; i < expected.Length; i++)
            Assert.That((weights[i] - expected[i]).abs().max().item<float>(), Is.LessThanOrEqualTo(1e-5f), $"weight {i}");
        Assert.That(weights[0].square().sum(dim: 0).sqrt().max().item<float>(), Is.LessThanOrEqualTo(0.6f + 1e-6f), "max_norm held");
        Assert.That(weights[1].min().item<float>(), Is.GreaterThanOrEqualTo(0f), "non_neg held");
    }
}
