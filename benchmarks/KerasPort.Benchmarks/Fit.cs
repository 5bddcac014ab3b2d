// Fit throughput and memory: KerasPort's model.fit against a hand-written TorchSharp loop doing
// the same math (the article model, Keras's Adam, clipped BCE, L1/L2 penalties, dropout, the
// accuracy metric), on 20,000 x 60 samples in batches of 50; then the RSS growth of fit over 200 epochs after epoch 10.
// Usage: dotnet run -c Release --project benchmarks/KerasPort.Benchmarks -- fit [--timed-epochs N --rss-epochs N]
using System.Diagnostics;
using KerasPort;
using KerasPort.Callbacks;
using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasPort.Benchmarks;

internal static class Fit
{
    public static int run(string[] args)
    {
        int timed_epochs = Args.get(args, "--timed-epochs", 5);
        int rss_epochs = Args.get(args, "--rss-epochs", 200);
        torch.set_num_threads(1);
        torch.manual_seed(1);

        var generator = new torch.Generator(2026);
        var x = torch.randn([20000, 60], generator: generator);
        var y = x.narrow(1, 0, 10).sum(1, keepdim: true).gt(0).to_type(ScalarType.Float32);

        Sequential create_model()
        {
            var model = new Sequential();
            model.add(new Dense(60, input_shape: [60], activation: "relu", kernel_regularizer: keras.regularizers.l1(0.01)));
            model.add(new Dropout(0.2));
            model.add(new Dense(30, activation: "relu", kernel_regularizer: keras.regularizers.l2(0.001)));
            model.add(new Dropout(0.2));
            model.add(new Dense(1, activation: "sigmoid"));
            model.compile(loss: "binary_crossentropy", optimizer: new Adam(), metrics: ["accuracy"]);
            return model;
        }

        var keras_model = create_model();
        var hand = new HandLoop(keras_model.get_weights());
        keras_model.fit(x, y, batch_size: 50, epochs: 1, verbose: 0);
        hand.epoch(x, y, 50);

        // Alternate one epoch of each, and keep the fastest of each: robust to other load on the machine.
        double fit_seconds = double.MaxValue, hand_seconds = double.MaxValue;
        for (int e = 0; e < timed_epochs; e++)
        {
            var watch = Stopwatch.StartNew();
            keras_model.fit(x, y, batch_size: 50, epochs: 1, verbose: 0);
            fit_seconds = Math.Min(fit_seconds, watch.Elapsed.TotalSeconds);
            watch.Restart();
            hand.epoch(x, y, 50);
            hand_seconds = Math.Min(hand_seconds, watch.Elapsed.TotalSeconds);
        }
        Console.WriteLine($"fastest epoch of {timed_epochs}, 20000x60, batch 50 (1 thread): fit {fit_seconds * 1000:F1} ms, hand-written loop {hand_seconds * 1000:F1} ms, ratio {fit_seconds / hand_seconds:F3}");

        var rss = new RssRecorder();
        create_model().fit(x, y, batch_size: 50, epochs: rss_epochs, verbose: 0, callbacks: [rss]);
        Console.WriteLine($"RSS over {rss_epochs} epochs: {rss.at(10) / 1048576.0:F1} MiB after epoch 10, {rss.at(rss_epochs) / 1048576.0:F1} MiB after epoch {rss_epochs}, growth {(rss.at(rss_epochs) - rss.at(10)) / 1048576.0:F2} MiB");
        return 0;
    }
}
