using KerasPort.Layers;
using KerasPort.Metrics;
using KerasPort.Models;
using KerasPort.Optimizers;
using KerasPort.Saving;
using KerasPort.Tests.Layers;

namespace KerasPort.Tests.Saving;

/// <summary>
/// The compile state in a <c>.keras</c> file (saving_lib_test's test_compile_preserved, continued
/// training): the compile config (optimizer with its config, losses, metrics, loss weights) and
/// the optimizer's variables come back, so that a loaded model trains on exactly as the original.
/// </summary>
[NonParallelizable]
public sealed class CompiledModelSavingTests : TempDirectoryTest
{
    private static Model TwoOutputs()
    {
        var x = keras.Input(shape: [6], name: "x");
        var h = new Dense(8, activation: "relu", name: "hidden").__call__(x);
        h = new BatchNormalization(name: "norm").__call__(h);
        var score = new Dense(1, activation: "sigmoid", name: "score").__call__(h);
        var value = new Dense(2, name: "value").__call__(h);
        return new Model(x, [score, value], name: "two_outputs");
    }

    private static void AssertSameWeights(Model a, Model b)
    {
        var wa = a.get_weights();
        var wb = b.get_weights();
        Assert.That(wb, Has.Length.EqualTo(wa.Length));
        for (int i = 0; i < wa.Length; i++) Assert.That(wa[i].same_as(wb[i]), Is.True, $"weight {i}");
    }

    [Test]
    public void A_loaded_compiled_model_continues_training_exactly_as_the_original()
    {
        keras.utils.set_random_seed(7);
        using var model = TwoOutputs();
        model.compile(optimizer: new Adam(learning_rate: 0.01, amsgrad: true), loss: new string?[] { "binary_crossentropy", "mse" },
                      metrics: new Dictionary<string, MetricSpec> { ["score"] = "accuracy", ["value"] = new[] { "mae" } }, loss_weights: new[] { 1.0, 0.5 });
        var x = torch.rand(32, 6);
        var y_score = torch.rand(32, 1).round();
        var y_value = torch.rand(32, 2);
        model.fit([x], [y_score, y_value], batch_size: 8, epochs: 1, shuffle: false, verbose: 0);

        string path = Path.Combine(dir, "compiled.keras");
        model.save(path);
        using var loaded = keras.models.load_model(path);
        Assert.That(KerasJson.dumps(loaded.get_compile_config()), Is.EqualTo(KerasJson.dumps(model.get_compile_config())));
        Assert.That(loaded.optimizer!.iterations, Is.EqualTo(4));
        var oa = model.optimizer!.variables;
        var ob = loaded.optimizer.variables;
        Assert.That(ob, Has.Count.EqualTo(oa.Count));
        for (int i = 0; i < oa.Count; i++) Assert.That(oa[i].same_as(ob[i]), Is.True, $"optimizer variable {i}");

        var h1 = model.fit([x], [y_score, y_value], batch_size: 8, epochs: 1, shuffle: false, verbose: 0);
        var h2 = loaded.fit([x], [y_score, y_value], batch_size: 8, epochs: 1, shuffle: false, verbose: 0);
        AssertSameWeights(model, loaded);
        Assert.That(h2.history.Keys, Is.EquivalentTo(h1.history.Keys));
        foreach (var key in h1.history.Keys) Assert.That(h2.history[key], Is.EqualTo(h1.history[key]), key);
    }

    [Test]
    public void compile_false_leaves_the_loaded_model_uncompiled()
    {
        using var model = TwoOutputs();
        model.compile(optimizer: "sgd", loss: new string?[] { "binary_crossentropy", "mse" });
        string path = Path.Combine(dir, "m.keras");
        model.save(path);
        using var loaded = keras.models.load_model(path, compile: false);
        Assert.That(loaded.compiled, Is.False);
        AssertSameWeights(model, loaded);
    }
}
