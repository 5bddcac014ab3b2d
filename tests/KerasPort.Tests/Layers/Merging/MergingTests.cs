using KerasPort.Layers;
using KerasPort.Models;

namespace KerasPort.Tests.Layers.Merging;

/// <summary>Keras's layers/merging/merging_test.py, the assertions that translate (no masks, no sparse tensors, no Dot).</summary>
[NonParallelizable]
public sealed class MergingTests
{
    [SetUp]
    public void Reset() => keras.backend.clear_session();

    public static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData((Func<Merge>)(() => new Add()), (Func<Tensor, Tensor, Tensor>)((a, b) => a + b), new long[] { 2, 4, 5 }).SetName("add");
        yield return new TestCaseData((Func<Merge>)(() => new Subtract()), (Func<Tensor, Tensor, Tensor>)((a, b) => a - b), new long[] { 2, 4, 5 }).SetName("subtract");
        yield return new TestCaseData((Func<Merge>)(() => new Minimum()), (Func<Tensor, Tensor, Tensor>)((a, b) => a.minimum(b)), new long[] { 2, 4, 5 }).SetName("minimum");
        yield return new TestCaseData((Func<Merge>)(() => new Maximum()), (Func<Tensor, Tensor, Tensor>)((a, b) => a.maximum(b)), new long[] { 2, 4, 5 }).SetName("maximum");
        yield return new TestCaseData((Func<Merge>)(() => new Multiply()), (Func<Tensor, Tensor, Tensor>)((a, b) => a * b), new long[] { 2, 4, 5 }).SetName("multiply");
        yield return new TestCaseData((Func<Merge>)(() => new Average()), (Func<Tensor, Tensor, Tensor>)((a, b) => (a + b) * 0.5), new long[] { 2, 4, 5 }).SetName("average");
        yield return new TestCaseData((Func<Merge>)(() => new Concatenate(axis: -1)), (Func<Tensor, Tensor, Tensor>)((a, b) => torch.cat([a, b], -1)), new long[] { 2, 4, 10 }).SetName("concat");
    }

    [TestCaseSource(nameof(Cases))]
    public void Basic(Func<Merge> make, Func<Tensor, Tensor, Tensor> op, long[] expected_output_shape)
    {
        var layer = make();
        var y = layer.__call__([torch.rand(2, 4, 5), torch.rand(2, 4, 5)]);
        Assert.That(y.shape, Is.EqualTo(expected_output_shape));
        Assert.That(layer.trainable_weights, Is.Empty);
        Assert.That(layer.non_trainable_weights, Is.Empty);
        Assert.That(layer.losses, Is.Empty);
    }

    [TestCaseSource(nameof(Cases))]
    public void Correctness_static(Func<Merge> make, Func<Tensor, Tensor, Tensor> op, long[] expected_output_shape)
    {
        var x1 = torch.rand(2, 4, 5);
        var x2 = torch.rand(2, 4, 5);
        var input_1 = keras.layers.Input(shape: [4, 5], batch_size: 2);
        var input_2 = keras.layers.Input(shape: [4, 5], batch_size: 2);
        var layer = make();
        var output = layer.__call__([input_1, input_2]);
        Assert.That(output.shape, Is.EqualTo(expected_output_shape.Select(d => (long?)d).ToArray()));
        var model = new Model([input_1, input_2], output);
        var res = model.__call__([x1, x2]);
        Assert.That(res.shape, Is.EqualTo(expected_output_shape));
        Assert.That(res.allclose(op(x1, x2), atol: 1e-4), Is.True);
    }

    [TestCaseSource(nameof(Cases))]
    public void Correctness_dynamic(Func<Merge> make, Func<Tensor, Tensor, Tensor> op, long[] expected_output_shape)
    {
        var x1 = torch.rand(2, 4, 5);
        var x2 = torch.rand(2, 4, 5);
        var input_1 = keras.layers.Input(shape: [4, 5]);
        var input_2 = keras.layers.Input(shape: [4, 5]);
        var layer = make();
        var output = layer.__call__([input_1, input_2]);
        Assert.That(output.shape, Is.EqualTo((long?[])[null, .. expected_output_shape.Skip(1).Select(d => (long?)d)]));
        var res = new Model([input_1, input_2], output).__call__([x1, x2]);
        Assert.That(res.shape, Is.EqualTo(expected_output_shape));
        Assert.That(res.allclose(op(x1, x2), atol: 1e-4), Is.True);
    }

    [Test]
    public void Subtract_layer_inputs_length_errors()
    {
        var input_1 = keras.layers.Input(shape: [4, 5]);
        var input_2 = keras.layers.Input(shape: [4, 5]);
        var input_3 = keras.layers.Input(shape: [4, 5]);
        Assert.That(Assert.Throws<ArgumentException>(() => new Subtract().__call__([input_1, input_2, input_3]))!.Message, Does.Contain("layer should be called on exactly 2 inputs"));
        Assert.That(Assert.Throws<ArgumentException>(() => new Subtract().__call__([input_1]))!.Message, Does.Contain("layer should be called on exactly 2 inputs"));
    }

    [Test]
    public void Concatenate_errors()
    {
        var out1 = new Concatenate(axis: -1).__call__([torch.ones(new long[] { 1, 1, 1, 1, 5 }), torch.ones(new long[] { 1, 1, 1, 1, 4 })]);
        Assert.That(out1.shape, Is.EqualTo(new long[] { 1, 1, 1, 1, 9 }));
        Assert.That(Assert.Throws<ArgumentException>(() => new Concatenate(axis: -1).__call__([torch.ones(new long[] { 1, 2, 1, 1, 5 }), torch.ones(new long[] { 1, 1, 1, 1, 4 })]))!.Message,
            Does.Contain("requires inputs with matching shapes except for the concatenation axis"));
        Assert.That(Assert.Throws<ArgumentException>(() => new Concatenate(axis: 1).__call__([torch.ones(new long[] { 1, 2, 1, 2, 1 }), torch.ones(new long[] { 1, 1, 1, 3, 1 })]))!.Message,
            Does.Contain("requires inputs with matching shapes except for the concatenation axis"));
    }

    [Test]
    public void Merge_layers_refuse_a_single_tensor_and_incompatible_shapes()
    {
        Assert.That(Assert.Throws<ArgumentException>(() => new Add().__call__(torch.ones(2, 3)))!.Message, Does.Contain("A merge layer should be called on a list of inputs"));
        Assert.That(Assert.Throws<ArgumentException>(() => new Add().__call__([keras.Input([3]), keras.Input([4])]))!.Message, Does.Contain("Inputs have incompatible shapes"));
        Assert.That(Assert.Throws<ArgumentException>(() => new Add().__call__([keras.Input([3], batch_size: 2), keras.Input([3], batch_size: 3)]))!.Message, Does.Contain("different batch sizes"));
    }

    [Test]
    public void Broadcasting_and_lower_rank_inputs_follow_keras()
    {
        // Keras inserts axes after the batch axis for a lower-rank input.
        var y = new Add().__call__([torch.ones(2, 3, 4), torch.ones(2, 4)]);
        Assert.That(y.shape, Is.EqualTo(new long[] { 2, 3, 4 }));
        Assert.That(new Add().compute_output_shape([[null, 3, 1], [null, 3, 5]]), Is.EqualTo(new[] { new long?[] { null, 3, 5 } }));
        Assert.That(new Concatenate(axis: 1).compute_output_shape([[null, 3, 5], [null, null, 5]]), Is.EqualTo(new[] { new long?[] { null, null, 5 } }));
    }

    [Test]
    public void Functional_helpers_work_on_symbolic_and_real_tensors()
    {
        var a = torch.rand(2, 3);
        var b = torch.rand(2, 3);
        Assert.That(keras.layers.add([a, b]).allclose(a + b), Is.True);
        Assert.That(keras.layers.subtract([a, b]).allclose(a - b), Is.True);
        Assert.That(keras.layers.multiply([a, b]).allclose(a * b), Is.True);
        Assert.That(keras.layers.average([a, b]).allclose((a + b) / 2), Is.True);
        Assert.That(keras.layers.maximum([a, b]).allclose(a.maximum(b)), Is.True);
        Assert.That(keras.layers.minimum([a, b]).allclose(a.minimum(b)), Is.True);
        Assert.That(keras.layers.concatenate([a, b], axis: 0).shape, Is.EqualTo(new long[] { 4, 3 }));
        var s = keras.layers.concatenate([keras.Input([3]), keras.Input([2])]);
        Assert.That(s.shape, Is.EqualTo(new long?[] { null, 5 }));
        Assert.That(new Concatenate(axis: 2).get_config()["axis"], Is.EqualTo(2));
    }
}
