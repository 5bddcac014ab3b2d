using System.Globalization;
using KerasPort;
using KerasPort.Callbacks;
using KerasPort.Distribution;
using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Optimizers;
using KerasPort.Utils;
using TorchSharp;
using static TorchSharp.torch;

// Data-parallel cases, one per process group. Usage: KerasPort.MpiHost CASE OUTPUT_DIR.
// Each rank writes what it saw to OUTPUT_DIR/CASE.rank{R}.txt and prints "RESULT ok";
// run without mpiexec, the program is rank 0 of 1: the one-process reference.
keras.distribution.initialize();
keras.distribution.set_distribution(new DataParallel());
keras.config.set_num_threads(1);
int rank = keras.distribution.process_id();
string output = args[1];
var lines = args[0] switch
{
    "train" => Train(output, rank),
    "fail" => Fail(rank),
    "fail_evaluate" => FailEvaluate(rank),
    "mismatch" => Mismatch(rank),
    _ => throw new ArgumentException($"Unknown case {args[0]}"),
};
File.WriteAllLines(Path.Combine(output, $"{args[0]}.rank{rank}.txt"), lines);
Console.WriteLine("RESULT ok");
return 0;

// No random layer: two ranks must give the History and weights of one process with the same global batch.
static Sequential Model(int hidden = 8)
{
    var model = new Sequential([
        keras.Input([6]),
        new Dense(hidden, activation: "relu", kernel_regularizer: keras.regularizers.l2(0.01)),
        new Dense(1, activation: "sigmoid"),
    ]);
    model.compile(loss: "binary_crossentropy", optimizer: new Adam(learning_rate: 0.02), metrics: ["accuracy"]);
    return model;
}

static (Tensor x, Tensor y) Data(long rows)
{
    var x = randn(rows, 6);
    return (x, (x.sum(1, keepdim: true) > 0).to_type(ScalarType.Float32));
}

static List<string> Train(string output, int rank)
{
    keras.utils.set_random_seed(3);
    var (x, y) = Data(50);
    using var model = Model();
    var lines = new List<string>();
    // 45 training rows in global batches of 10: the last batch of 5 splits 3 and 2; 5 validation rows split 3 and 2.
    var history = model.fit(x, y, batch_size: 10, epochs: 4, validation_split: 0.1, verbose: 2, callbacks: [
        new CSVLogger(Path.Combine(output, $"log.rank{rank}.csv")),
        new ModelCheckpoint(Path.Combine(output, $"ckpt.rank{rank}.weights.h5"), save_weights_only: true),
        new ReduceLROnPlateau(monitor: "loss", factor: 0.5, patience: 1),
        new EarlyStopping(monitor: "val_loss", patience: 3),
    ]);
    record(lines, "fit", history);
    // 9 rows in batches of 4: the last batch has 1 row, so rank 1 of 2 has none.
    record(lines, "small", model.fit(x[..9], y[..9], batch_size: 4, epochs: 2, shuffle: false, verbose: 0));
    record(lines, "sequence", model.fit(new Batches(x, y, 7), epochs: 2, verbose: 0));
    // A seeded shuffle gives every rank the same global batches of 6 (the last of 2 splits 1 and 1).
    record(lines, "dataset", model.fit(KerasPort.Data.Dataset.from_tensor_slices((x, y)).shuffle(50, seed: 4).batch(6), epochs: 2, verbose: 0));
    lines.Add("evaluate " + string.Join(' ', model.evaluate(x[..9], y[..9], batch_size: 4, verbose: 0).Select(format)));
    using var predicted = model.predict(x[..9], batch_size: 4, verbose: 0);
    lines.Add("predict " + string.Join(' ', predicted.data<float>().ToArray().Select(v => format(v))));
    foreach (var w in model.get_weights()) lines.Add("weight " + string.Join(' ', w.data<float>().ToArray().Select(v => format(v))));
    // BatchNormalization's moving statistics come from each rank's rows: fit averages them, so the ranks still end equal.
    using var normalized = new Sequential([keras.Input([6]), new BatchNormalization(), new Dense(1, activation: "sigmoid")]);
    normalized.compile(loss: "binary_crossentropy", optimizer: new Adam());
    normalized.fit(x, y, batch_size: 10, epochs: 1, verbose: 0);
    foreach (var w in normalized.get_weights()) lines.Add("normalized " + string.Join(' ', w.data<float>().ToArray().Select(v => format(v))));
    return lines;
}

// Rank 1 fails in a callback at the end of epoch 2; rank 0 would wait for it in the next step.
static List<string> Fail(int rank)
{
    keras.utils.set_random_seed(3);
    var (x, y) = Data(40);
    using var model = Model();
    model.fit(x, y, batch_size: 10, epochs: 50, verbose: 0, callbacks: [new LambdaCallback(on_epoch_end: (epoch, _) =>
    {
        if (rank == 1 && epoch == 1) throw new InvalidOperationException("rank one gives up at epoch 2");
    })]);
    return ["finished"];
}

// An exception on one rank inside evaluate, caught by the program: the job still ends on every rank
// (without that, rank 0 would wait forever in the next collective).
static List<string> FailEvaluate(int rank)
{
    keras.utils.set_random_seed(3);
    var (x, y) = Data(40);
    using var model = Model();
    model.fit(x, y, batch_size: 10, epochs: 1, verbose: 0);
    try
    {
        model.evaluate(x, y, batch_size: 10, verbose: 0, callbacks: [new GiveUpInEvaluate(rank)]);
    }
    catch (InvalidOperationException)
    {
    }
    model.evaluate(x, y, batch_size: 10, verbose: 0);
    return ["finished"];
}

// Models that differ between ranks, a global batch smaller than the ranks, data of different sizes: each an error on every rank.
static List<string> Mismatch(int rank)
{
    keras.utils.set_random_seed(3);
    var (x, y) = Data(20);
    var lines = new List<string>();
    using (var model = Model(hidden: rank == 1 ? 5 : 4))
        lines.Add("models " + attempt(() => model.fit(x, y, batch_size: 10, verbose: 0)));
    using (var model = Model())
        lines.Add("batch " + attempt(() => model.fit(x, y, batch_size: 1, verbose: 0)));
    using (var model = Model())
        lines.Add("data " + attempt(() => model.fit(x[..(rank == 1 ? 19 : 20)], y[..(rank == 1 ? 19 : 20)], batch_size: 10, verbose: 0)));
    using (var model = Model())
        lines.Add("after " + attempt(() => model.fit(x, y, batch_size: 10, verbose: 0)));
    return lines;
}

static string attempt(Func<History> fit)
{
    try
    {
        fit();
        return "ok";
    }
    catch (Exception e)
    {
        return $"{e.GetType().Name}: {e.Message}".ReplaceLineEndings(" ");
    }
}

static void record(List<string> lines, string name, History history)
{
    foreach (var (key, values) in history.history.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        lines.Add($"{name} {key} {string.Join(' ', values.Select(format))}");
}

static string format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

/// <summary>The rows of x and y in batches of a fixed size, as a Keras Sequence.</summary>
sealed class Batches(Tensor x, Tensor y, int batch_size) : Sequence
{
    public override int Count => (int)((x.shape[0] + batch_size - 1) / batch_size);

    public override Batch this[int index]
    {
        get
        {
            long start = index * batch_size, length = Math.Min(batch_size, x.shape[0] - start);
            return new Batch(x.narrow(0, start, length), y.narrow(0, start, length));
        }
    }
}

// Throws on rank 1 at the second test batch.
sealed class GiveUpInEvaluate(int rank) : Callback
{
    public override void on_test_batch_end(int batch, IDictionary<string, double>? logs = null)
    {
        if (rank == 1 && batch == 1) throw new InvalidOperationException("rank one gives up in evaluate");
    }
}
