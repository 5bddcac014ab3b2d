using KerasPort.Optimizers;
using KerasPort.Saving;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasPort.Tests.Optimizers;

/// <summary>The checks that Keras's optimizer tests share (keras/src/optimizers/*_test.py), translated once.</summary>
internal static class KerasOptimizerTestCase
{
    /// <summary>Keras's run_class_serialization_test: get_config, rebuilt from it, gives the same config.</summary>
    public static void class_serialization(Optimizer optimizer)
    {
        var config = optimizer.get_config();
        var again = (Optimizer)Deserialization.deserialize_keras_object(Serialization.serialize_keras_object(optimizer))!;
        Assert.That(again.GetType(), Is.EqualTo(optimizer.GetType()));
        Assert.That(KerasJson.dumps(again.get_config()), Is.EqualTo(KerasJson.dumps(config)));
    }

    /// <summary>test_single_step: one step with grads [1, 6, 7, 2] on [1, 2, 3, 4].</summary>
    public static void single_step(Optimizer optimizer, double[] expected)
    {
        var vars = new Parameter(torch.tensor(new float[] { 1, 2, 3, 4 }));
        using var grads = torch.tensor(new float[] { 1, 6, 7, 2 });
        optimizer.apply_gradients([(grads, vars)]);
        assert_all_close(vars, expected, 1e-4);
    }

    /// <summary>test_weight_decay: three optimizers decay var1 once each; the excluded variable keeps its value.</summary>
    public static void weight_decay(Func<Optimizer> make)
    {
        using var grads = torch.zeros([]);
        var var1 = new Parameter(torch.tensor(2f));
        var var3 = new Parameter(torch.tensor(2f));
        using var optimizer_1 = make();
        optimizer_1.apply_gradients([(grads, var1)]);
        using var optimizer_2 = make();
        optimizer_2.apply_gradients([(grads, var1)]);
        using var optimizer_3 = make();
        optimizer_3.exclude_from_weight_decay([var3]);
        optimizer_3.apply_gradients([(grads, var1), (grads, var3)]);
        Assert.That(var1.item<float>(), Is.EqualTo(1.9760959).Within(1e-6));
        Assert.That(var3.item<float>(), Is.EqualTo(2.0).Within(1e-6));
    }

    /// <summary>test_correctness_with_golden: a first step with grads 0.01, then steps with 0.1 ... 1.0, checked before each.</summary>
    public static void golden(Optimizer optimizer, double[][] golden)
    {
        var x = new Parameter(torch.ones(10));
        using var grads = torch.arange(0.1, 1.1, 0.1, ScalarType.Float32);
        using var first_grads = torch.full(10, 0.01f);
        optimizer.apply_gradients([(first_grads, x)]);
        for (int i = 0; i < golden.Length; i++)
        {
            assert_all_close(x, golden[i], 5e-4);
            optimizer.apply_gradients([(grads, x)]);
        }
    }

    /// <summary>test_clip_norm and test_clip_value.</summary>
    public static void clipping(Func<double?, double?, Optimizer> make)
    {
        using (var by_norm = make(1, null))
        using (var grad = torch.tensor(new float[] { 100, 100 }))
            assert_all_close(by_norm.clip_gradients([grad])[0], [Math.Sqrt(2) / 2, Math.Sqrt(2) / 2], 1e-6);
        using (var by_value = make(null, 1))
        using (var grad = torch.tensor(new float[] { 100, 100 }))
            assert_all_close(by_value.clip_gradients([grad])[0], [1, 1], 1e-6);
    }

    public static void assert_all_close(Tensor actual, double[] expected, double tolerance)
    {
        var a = actual.detach().to_type(ScalarType.Float64).data<double>().ToArray();
        Assert.That(a, Has.Length.EqualTo(expected.Length));
        for (int i = 0; i < a.Length; i++)
            Assert.That(a[i], Is.EqualTo(expected[i]).Within(tolerance + tolerance * Math.Abs(expected[i])), $"[{i}]");
    }

    public static double[] tile(double value) => Enumerable.Repeat(value, 10).ToArray();
}
