using KerasPort.Backend;
using KerasPort.Callbacks;
using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Optimizers;
using TorchSharp;

namespace KerasPort.Tests.Backend;

/// <summary>
/// The intra-op threads of fit, evaluate and predict: one thread for a small model, the count in
/// force for a large one, restored after the loop; a count the user set is kept. Each test starts
/// from two threads set through TorchSharp (not keras.config), so the choice is KerasPort's.
/// </summary>
[NonParallelizable]
public sealed class IntraOpThreadsTests
{
    private int _before;

    [SetUp]
    public void Two_threads()
    {
        _before = torch.get_num_threads();
        torch.set_num_threads(2);
    }

    [TearDown]
    public void Restore()
    {
        keras.config.set_num_threads(null);
        torch.set_num_threads(_before);
    }

    /// <summary>The count in force at the end of each epoch, inside fit.</summary>
    private sealed class ThreadsSeen : Callback
    {
        public List<int> counts { get; } = [];

        public override void on_epoch_end(int epoch, IDictionary<string, double>? logs = null) => counts.Add(torch.get_num_threads());
    }

    private static Sequential Dense_model(int width)
    {
        var model = new Sequential([keras.Input([width]), new Dense(width, activation: "relu"), new Dense(1)]);
        model.compile(optimizer: new SGD(), loss: "mse");
        return model;
    }

    /// <summary>The count in force at the end of each epoch of fit, on a Dense model <paramref name="width"/> wide, in batches of 16.</summary>
    private static List<int> Threads_during_fit(int width, int epochs)
    {
        using var model = Dense_model(width);
        var seen = new ThreadsSeen();
        model.fit(torch.ones(32, width), torch.zeros(32, 1), batch_size: 16, epochs: epochs, verbose: 0, callbacks: [seen]);
        return seen.counts;
    }

    [Test]
    public void A_small_model_trains_on_one_thread_and_the_count_comes_back()
    {
        Assert.That(Threads_during_fit(8, epochs: 2), Is.EqualTo(new[] { 1, 1 }));
        Assert.That(torch.get_num_threads(), Is.EqualTo(2));
    }

    // 1,024 x 1,024 weights, batches of 16: about 17 million multiply-adds per batch.
    [Test]
    public void A_large_model_keeps_the_count_in_force() =>
        Assert.That(Threads_during_fit(1024, epochs: 1), Is.EqualTo(new[] { 2 }));

    [Test]
    public void A_count_the_user_set_is_kept()
    {
        keras.config.set_num_threads(2);
        Assert.That(Threads_during_fit(8, epochs: 1), Is.EqualTo(new[] { 2 }));
    }

    [Test]
    public void The_count_comes_back_when_the_loop_throws()
    {
        using var model = Dense_model(8);
        var failing = new LambdaCallback(on_epoch_end: (_, _) => throw new InvalidOperationException("stop"));
        Assert.Throws<InvalidOperationException>(() => model.fit(torch.ones(64, 8), torch.zeros(64, 1), batch_size: 16, verbose: 0, callbacks: [failing]));
        Assert.That(torch.get_num_threads(), Is.EqualTo(2));
    }

    [Test]
    public void A_count_a_callback_sets_during_fit_stays_after_it()
    {
        using var model = Dense_model(8);
        var setter = new LambdaCallback(on_epoch_end: (_, _) => keras.config.set_num_threads(3));
        model.fit(torch.ones(64, 8), torch.zeros(64, 1), batch_size: 16, verbose: 0, callbacks: [setter]);
        Assert.That(torch.get_num_threads(), Is.EqualTo(3));
    }

    [Test]
    public void Set_num_threads_null_returns_to_libtorchs_count_and_the_automatic_choice()
    {
        keras.config.set_num_threads(3);
        Assert.That(IntraOpThreads.automatic, Is.False);
        keras.config.set_num_threads(null);
        Assert.That(torch.get_num_threads(), Is.EqualTo(IntraOpThreads.libtorch_count));
        Assert.That(IntraOpThreads.user_count, Is.Null);
    }

    [TestCase(9.9e6, 1)]
    [TestCase(10e6, 2)]
    [TestCase(1e9, 2)]
    public void The_choice_follows_the_multiply_adds_of_a_batch(double multiply_adds, int threads)
    {
        if (!IntraOpThreads.automatic) Assert.Ignore("OMP_NUM_THREADS is set: the count is the user's");
        using (var choice = new IntraOpThreads())
        {
            choice.choose(multiply_adds);
            choice.choose(0);   // only the first choice counts
            Assert.That(torch.get_num_threads(), Is.EqualTo(threads));
        }
        Assert.That(torch.get_num_threads(), Is.EqualTo(2));
    }

    [Test]
    public void Multiply_adds_per_sample_count_each_weight_at_each_position()
    {
        using var dense = new Dense(30);
        dense.build([null, 60]);
        Assert.That(dense.own_multiply_adds_per_sample(), Is.EqualTo(60 * 30 + 30));

        using var last = new Conv2D(16, kernel_size: 3, padding: "same");
        last.build([null, 8, 8, 1]);
        Assert.That(last.own_multiply_adds_per_sample(), Is.EqualTo(8 * 8 * (3 * 3 * 1 * 16 + 16)));

        using var first = new Conv2D(16, kernel_size: 3, padding: "same", data_format: "channels_first");
        first.build([null, 1, 8, 8]);
        Assert.That(first.own_multiply_adds_per_sample(), Is.EqualTo(8 * 8 * (3 * 3 * 1 * 16 + 16)));

        using var embedding = new Embedding(10_000, 8);
        embedding.build([null, 5]);
        Assert.That(embedding.own_multiply_adds_per_sample(), Is.EqualTo(5 * 8), "a lookup copies a row per index");

        using var unbuilt = new Dense(4);
        Assert.That(unbuilt.own_multiply_adds_per_sample(), Is.Zero);
    }
}
