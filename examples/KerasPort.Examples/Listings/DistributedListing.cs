using System.Diagnostics;
using KerasPort.Callbacks;
using KerasPort.Distribution;
using KerasPort.Examples.Data;
using KerasPort.Examples.Showdown;
using KerasPort.Optimizers;
using TorchSharp;

namespace KerasPort.Examples.Listings;

/// <summary>
/// Data-parallel training over MPI, as a Keras 3 program writes it: <c>initialize()</c>, a
/// <c>DataParallel</c> distribution, then the usual <c>compile</c> and <c>fit</c>. Launched with
/// <c>mpiexec -n N</c>, every process trains the digits CNN on its share of each global batch and
/// prints what it saw; launched alone, it is one process.
/// </summary>
public static class DistributedListing
{
    public static History Run(TextWriter log, int epochs = 10, int batch_size = 128, int n_train = 1500)
    {
        keras.distribution.initialize();
        keras.distribution.set_distribution(new DataParallel());
        int rank = keras.distribution.process_id(), ranks = keras.distribution.num_processes();
        // The processes share the machine's cores: each takes its part of them.
        keras.config.set_num_threads(Math.Max(1, Environment.ProcessorCount / ranks));

        var (x, y) = Datasets.Digits();
        var scaled = x / 16.0f;
        var (x_train, y_train) = (scaled[..n_train], y[..n_train]);
        var (x_val, y_val) = (scaled[n_train..], y[n_train..]);
        var model = DigitsShowdown.Build(augmentation_layers: false);
        model.compile(loss: "sparse_categorical_crossentropy", optimizer: new Adam(), metrics: ["accuracy"]);

        var clock = Stopwatch.StartNew();
        // batch_size is the global batch, as in Keras: each rank computes about batch_size / ranks rows of it.
        var history = model.fit(x_train, y_train, batch_size: batch_size, epochs: epochs, validation_data: (x_val, y_val), verbose: rank == 0 ? 2 : 0);
        double seconds = clock.Elapsed.TotalSeconds;

        // Every rank prints its own view: the same global logs and the same weights on each.
        double checksum = model.get_weights().Sum(w => w.abs().sum().item<float>());
        log.WriteLine($"rank {rank} of {ranks} ({model_device(rank)}, {keras.config.num_threads()} thread(s)): " +
            $"about {batch_size / ranks} of every {batch_size} rows, {epochs} epochs in {seconds:F2} s; " +
            $"final loss {history.history["loss"][^1]:F4}, val_accuracy {history.history["val_accuracy"][^1]:F4}, weights |w| sum {checksum:F6}");
        return history;
    }

    private static string model_device(int rank) => keras.distribution.get_distribution()!.devices[rank];
}
