using KerasPort.Distribution;
using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Optimizers;
using TorchSharp;

namespace KerasPort.Tests.Distribution;

/// <summary>keras.distribution in one process (not launched by mpiexec): rank 0 of 1, and the checks at the door.</summary>
[NonParallelizable]
public class DistributionTests
{
    [SetUp]
    public void SetUp() => keras.distribution.reset();

    [TearDown]
    public void TearDown() => keras.distribution.reset();

    [Test]
    public void Set_distribution_before_initialize_fails()
    {
        var e = Assert.Throws<InvalidOperationException>(() => keras.distribution.set_distribution(new DataParallel()));
        Assert.That(e!.Message, Does.Contain("call keras.distribution.initialize() first"));
        Assert.That(keras.distribution.get_distribution(), Is.Null);
    }

    [Test]
    public void Initialize_outside_mpiexec_is_one_process_on_one_device()
    {
        keras.distribution.initialize();
        Assert.That(keras.distribution.process_id(), Is.EqualTo(0));
        Assert.That(keras.distribution.num_processes(), Is.EqualTo(1));
        Assert.That(keras.distribution.list_devices(), Is.EqualTo(new[] { "cpu:0" }));
        Assert.That(keras.distribution.list_devices("cpu"), Is.EqualTo(new[] { "cpu:0" }));
        Assert.That(keras.distribution.get_device_count(), Is.EqualTo(1));
        var data_parallel = new DataParallel();
        keras.distribution.set_distribution(data_parallel);
        Assert.That(keras.distribution.get_distribution(), Is.SameAs(data_parallel));
        Assert.That(data_parallel.num_model_replicas, Is.EqualTo(1));
        Assert.That(data_parallel.batch_dim_name, Is.EqualTo("batch"));
        Assert.That(data_parallel.auto_shard_dataset, Is.True);
    }

    [Test]
    public void Initialize_asking_for_more_processes_than_mpiexec_started_fails()
    {
        var e = Assert.Throws<ArgumentException>(() => keras.distribution.initialize(num_processes: 2));
        Assert.That(e!.ParamName, Is.EqualTo("num_processes"));
        Assert.That(e.Message, Does.Contain("mpiexec -n 2"));
        Assert.That(Assert.Throws<ArgumentException>(() => keras.distribution.initialize(process_id: 1))!.ParamName, Is.EqualTo("process_id"));
    }

    [Test]
    public void Bad_devices_and_device_types_are_refused()
    {
        Assert.That(Assert.Throws<ArgumentException>(() => _ = new DataParallel(devices: ["cpu:0", "cpu:1"]))!.Message, Does.Contain("expects 1 device(s), one per process"));
        Assert.That(Assert.Throws<ArgumentException>(() => _ = new DataParallel(devices: ["tpu:0"]))!.ParamName, Is.EqualTo("devices"));
        Assert.That(Assert.Throws<ArgumentException>(() => keras.distribution.list_devices("tpu"))!.ParamName, Is.EqualTo("device_type"));
    }

    [TestCase(10, 2, new long[] { 0, 5, 5, 5 })]
    [TestCase(5, 2, new long[] { 0, 3, 3, 2 })]
    [TestCase(1, 2, new long[] { 0, 1, 1, 0 })]
    [TestCase(10, 3, new long[] { 0, 4, 4, 3, 7, 3 })]
    public void Each_rank_takes_a_contiguous_share_the_first_ones_one_row_more(long rows, int ranks, long[] expected)
    {
        var shares = Enumerable.Range(0, ranks).SelectMany(r =>
        {
            var (start, length) = Replicas.share_of(rows, r, ranks);
            return new[] { start, length };
        });
        Assert.That(shares, Is.EqualTo(expected));
    }

    [Test]
    public void Fit_under_DataParallel_on_one_process_is_plain_fit()
    {
        (double[] loss, float[] weights) train()
        {
            keras.utils.set_random_seed(5);
            var x = torch.randn(30, 4);
            var y = x.sum(1, keepdim: true);
            using var model = new Sequential([keras.Input([4]), new Dense(3, activation: "relu"), new Dense(1)]);
            model.compile(loss: "mse", optimizer: new Adam());
            var history = model.fit(x, y, batch_size: 7, epochs: 3, verbose: 0);
            return ([.. history.history["loss"]], model.get_weights().SelectMany(w => w.data<float>().ToArray()).ToArray());
        }
        var plain = train();
        keras.distribution.initialize();
        keras.distribution.set_distribution(new DataParallel());
        var distributed = train();
        Assert.That(distributed.loss, Is.EqualTo(plain.loss));
        Assert.That(distributed.weights, Is.EqualTo(plain.weights));
    }
}
