using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Optimizers;
using TorchSharp;
using static KerasPort.Tests.TestSupport.RecordedTensor;

namespace KerasPort.Tests.Models;

/// <summary>
/// fit, evaluate and predict draw from torch's global generator exactly where Keras 3.15.1's
/// torch DataLoader does (tests/fixtures/seeded/keras_random.json, "fit", from
/// tools/record_keras_random.py): each check reads torch.rand(3) after the call, which matches
/// only if the same number of draws came before it (base seeds of every iterator, the
/// RandomSampler's seed, the symbolic build's batch of the first fit or evaluate).
/// </summary>
[NonParallelizable]
public class DataAdapterDrawsTests
{
    private static Tensor Recorded(string name)
    {
        var record = KerasRandom("fit", name);
        return torch.tensor(Values(record).Select(v => (float)v).ToArray()).reshape(Shape(record));
    }

    private static Sequential Model()
    {
        var m = new Sequential([keras.Input([4]), new Dense(3, activation: "relu"), new Dense(1, activation: "sigmoid")]);
        m.compile(optimizer: new Adam(), loss: "binary_crossentropy", metrics: ["accuracy"]);
        return m;
    }

    [Test]
    public void Fit_evaluate_and_predict_draw_as_keras_data_loader()
    {
        var (x, y) = (Recorded("x"), Recorded("y"));
        keras.utils.set_random_seed(7);
        var m = Model();
        var h = m.fit(x, y, epochs: 2, batch_size: 10, validation_split: 0.2, verbose: 0);
        Assert.That(h.history["loss"], Is.EqualTo(KerasRandom("fit", "shuffled_fit_loss").AsArray().Select(v => (double)v!)).Within(1e-6), "the shuffled batches");
        AssertMatches(torch.rand(3), KerasRandom("fit", "after_shuffled_fit"), what: "after a shuffled fit with validation");
        m.evaluate(x, y, batch_size: 16, verbose: 0);
        AssertMatches(torch.rand(3), KerasRandom("fit", "after_evaluate"), what: "after evaluate");
        m.predict(x, batch_size: 16, verbose: 0);
        AssertMatches(torch.rand(3), KerasRandom("fit", "after_predict"), what: "after predict");
        m.fit(x, y, epochs: 1, batch_size: 10, verbose: 0);
        AssertMatches(torch.rand(3), KerasRandom("fit", "after_second_fit"), what: "after a second fit (no symbolic build)");
    }

    [Test]
    public void Steps_per_epoch_and_evaluate_steps_draw_as_keras()
    {
        var (x, y) = (Recorded("x"), Recorded("y"));
        keras.utils.set_random_seed(7);
        Model().fit(x, y, epochs: 3, batch_size: 10, steps_per_epoch: 2, shuffle: false, verbose: 0);
        AssertMatches(torch.rand(3), KerasRandom("fit", "after_steps_per_epoch_fit"), what: "after fit with steps_per_epoch");
        keras.utils.set_random_seed(7);
        Model().evaluate(x, y, batch_size: 16, steps: 2, verbose: 0);
        AssertMatches(torch.rand(3), KerasRandom("fit", "after_first_evaluate_with_steps"), what: "after a first evaluate with steps");
    }
}
