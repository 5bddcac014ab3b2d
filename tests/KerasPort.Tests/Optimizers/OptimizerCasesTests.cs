using System.Text.Json.Nodes;
using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Optimizers;
using KerasPort.Saving;
using Parameter = TorchSharp.Modules.Parameter;
using static KerasPort.Tests.TestSupport.NestedLists;

namespace KerasPort.Tests.Optimizers;

/// <summary>
/// Adagrad, Adadelta, Adamax, Nadam, Lion and Ftrl (and Adam, SGD and RMSprop with schedules)
/// against Keras 3.15.1 on torch (tests/fixtures/optimizers/optimizer_cases.json, from
/// tools/record_optimizer_cases.py): each optimizer is rebuilt from Keras's config, then four
/// apply_gradients steps must give Keras's variables and every optimizer variable at 1e-6, and
/// a two-epoch fit of a fixed-weight model Keras's History and weights at 1e-4.
/// </summary>
public class OptimizerCasesTests
{
    private static JsonObject cases() => KerasFixtures.Load("optimizers", "optimizer_cases.json")["optimizers"]!.AsObject();

    public static IEnumerable<TestCaseData> Cases() => cases().Select(kv => new TestCaseData(kv.Key).SetName("Recorded_" + kv.Key));

    private static Optimizer from_keras_config(JsonNode c, bool keep_name = true)
    {
        var config = (IDictionary<string, object?>)KerasJson.loads(c["config"]!.ToJsonString())!;
        if (!keep_name) config.Remove("name");
        return (Optimizer)Deserialization.deserialize_keras_object(new Dictionary<string, object?>
        {
            ["module"] = "keras.optimizers", ["class_name"] = (string)c["class_name"]!, ["config"] = config, ["registered_name"] = null,
        })!;
    }

    private static void assert_close(Tensor actual, JsonNode expected, double tolerance, string what)
    {
        var a = actual.detach().to_type(ScalarType.Float64).data<double>().ToArray();
        var e = flat(expected);
        Assert.That(a, Has.Length.EqualTo(e.Length), what);
        for (int i = 0; i < a.Length; i++)
            Assert.That(a[i], Is.EqualTo(e[i]).Within(tolerance * Math.Max(1, Math.Abs(e[i]))), $"{what}[{i}]");
    }

    [TestCaseSource(nameof(Cases))]
    public void Steps(string name)
    {
        var c = cases()[name]!;
        using var optimizer = from_keras_config(c);
        var kernel = new Parameter(f32(c["start"]![0]!));
        var bias = new Parameter(f32(c["start"]![1]!));
        int step = 0;
        foreach (var s in c["steps"]!.AsArray())
        {
            using var g = f32(s!["gradients"]![0]!);
            using var gb = f32(s["gradients"]![1]!);
            optimizer.apply_gradients([(g, kernel), (gb, bias)]);
            step++;
            assert_close(kernel, s["kernel"]!, 1e-6, $"kernel after step {step}");
            assert_close(bias, s["bias"]!, 1e-6, $"bias after step {step}");
            var expected = s["variables"]!.AsArray();
            Assert.That(optimizer.variables, Has.Count.EqualTo(expected.Count), "optimizer variable count");
            for (int i = 0; i < expected.Count; i++)
                assert_close(optimizer.variables[i], expected[i]!, 1e-6, $"{KerasFixtures.Strings(c["variable_names"]!)[i]} after step {step}");
            Assert.That(optimizer.learning_rate, Is.EqualTo((double)s["learning_rate"]!).Within(1e-9), "learning_rate");
        }
        // get_config gives Keras's keys and values back (the name aside: Keras's counter is its own).
        var config = optimizer.get_config();
        var keras_config = (IDictionary<string, object?>)KerasJson.loads(c["config"]!.ToJsonString())!;
        Assert.That(config.Keys, Is.EquivalentTo(keras_config.Keys));
        foreach (var (key, value) in keras_config)
            Assert.That(KerasJson.dumps(config[key]), Is.EqualTo(KerasJson.dumps(value)), key);
    }

    [TestCaseSource(nameof(Cases))]
    public void Fit(string name)
    {
        var c = cases()[name]!;
        var f = c["fit"]!;
        var model = new Sequential([new Dense(4, input_shape: [3], activation: "tanh"), new Dense(1, activation: "sigmoid")]);
        model.set_weights(f["start_weights"]!.AsArray().Select(w => f32(w!)).ToList());
        model.compile(optimizer: from_keras_config(c, keep_name: false), loss: "binary_crossentropy", metrics: ["accuracy"]);
        var history = model.fit(f32(f["x"]!), f32(f["y"]!), batch_size: 8, epochs: 2, shuffle: false, verbose: 0);
        var expected = f["history"]!.AsObject();
        Assert.That(history.history.Keys, Is.EquivalentTo(expected.Select(kv => kv.Key)));
        foreach (var (key, values) in expected)
            for (int e = 0; e < values!.AsArray().Count; e++)
                Assert.That(history.history[key][e], Is.EqualTo((double)values[e]!).Within(1e-4), $"{key} epoch {e}");
        var weights = model.get_weights();
        for (int i = 0; i < weights.Length; i++) assert_close(weights[i], f["weights"]![i]!, 1e-4, $"weight {i}");
        Assert.That(model.optimizer!.variables, Has.Count.EqualTo((int)f["optimizer_variable_count"]!));
    }

    [Test]
    public void SerializedModulesAreKeras()
    {
        var modules = KerasFixtures.Load("optimizers", "optimizer_cases.json")["serialized_modules"]!.AsObject();
        foreach (var (name, module) in modules)
        {
            var serialized = (IDictionary<string, object?>)Serialization.serialize_keras_object(keras.optimizers.get(name))!;
            Assert.That(serialized["module"], Is.EqualTo((string)module!), name);
        }
        var adam = (IDictionary<string, object?>)Serialization.serialize_keras_object(new Adam(new KerasPort.Optimizers.Schedules.ExponentialDecay(0.05, 2, 0.5)))!;
        var expected = (IDictionary<string, object?>)KerasJson.loads(KerasFixtures.Load("optimizers", "optimizer_cases.json")["serialized_adam_schedule"]!.ToJsonString())!;
        Assert.That(KerasJson.dumps(((IDictionary<string, object>)adam["config"]!)["learning_rate"]),
                    Is.EqualTo(KerasJson.dumps(((IDictionary<string, object?>)expected["config"]!)["learning_rate"])));
    }
}
