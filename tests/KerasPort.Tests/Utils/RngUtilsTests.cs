using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Utils;
using TorchSharp;

namespace KerasPort.Tests.Utils;

/// <summary>set_random_seed: Keras's rng_utils_test.py, translated, and each stream it seeds.</summary>
[NonParallelizable]
public class RngUtilsTests
{
    private static torch.Tensor model_output()
    {
        var model = new Sequential([new Dense(10, input_shape: [10]), new Dropout(0.5), new Dense(10)]);
        var x = torch.tensor(Enumerable.Range(0, 320).Select(_ => (float)RandomState.Global.random()).ToArray()).reshape(32, 10);
        return model.predict(x, batch_size: 16);
    }

    [Test]
    public void Set_random_seed_with_seed_generator()
    {
        keras.utils.set_random_seed(42);
        var y1 = model_output();
        var y2 = model_output();
        Assert.That(y1.allclose(y2), Is.False, "a second model differs");
        keras.utils.set_random_seed(42);
        Assert.That(model_output().allclose(y1), Is.True, "re-seeding repeats");
        keras.utils.set_random_seed(1337);
        Assert.That(model_output().allclose(y1), Is.False, "another seed differs");
    }

    [Test]
    public void Set_random_seed_with_global_seed_generator()
    {
        keras.utils.set_random_seed(42);
        var y1 = keras.random.randint([32, 10], 0, 1000);
        var y2 = keras.random.randint([32, 10], 0, 1000);
        Assert.That(y1.equal(y2).all().item<bool>(), Is.False);
        keras.utils.set_random_seed(42);
        Assert.That(keras.random.randint([32, 10], 0, 1000).equal(y1).all().item<bool>(), Is.True);
        keras.utils.set_random_seed(1337);
        Assert.That(keras.random.randint([32, 10], 0, 1000).equal(y1).all().item<bool>(), Is.False);
    }

    [Test]
    public void Seeds_python_numpy_and_torch_streams()
    {
        keras.utils.set_random_seed(7);
        Assert.That(keras.utils.get_random_seed(), Is.EqualTo(7));
        var python = PythonRandom.Global.random();
        var numpy = RandomState.Global.random();
        var t = torch.rand(3);
        Assert.That(python, Is.EqualTo(new PythonRandom(7).random()));
        Assert.That(numpy, Is.EqualTo(new RandomState(7).random()));
        torch.manual_seed(7);
        Assert.That(t.equal(torch.rand(3)).all().item<bool>(), Is.True);
        Assert.That(() => keras.utils.set_random_seed(-1), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
