// The consumer that .ci/consumer-check.sh builds outside the repository: the article's model
// (Dense 60 relu, Dropout, Dense 1 sigmoid) trained for a few epochs on random data, one augmented
// batch, then the path of the libLibTorchSharp.so that the process loaded.
using KerasPort;
using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Optimizers;
using TorchSharp;

// A KerasPort call comes first: its module initializer prepares TorchSharp's native library.
keras.utils.set_random_seed(42);
var x = torch.rand(200, 60);
var y = (torch.rand(200, 1) > 0.5).to(torch.float32);

var model = new Sequential();
model.add(new Dense(60, input_shape: [60], activation: "relu"));
model.add(new Dropout(0.2));
model.add(new Dense(1, activation: "sigmoid"));
model.compile(loss: "binary_crossentropy", optimizer: new Adam(), metrics: ["accuracy"]);
var history = model.fit(x, y, epochs: 3, batch_size: 50, verbose: 0);

var losses = history.history["loss"];
Console.WriteLine("losses: " + string.Join(", ", losses.Select(l => l.ToString("F4"))));
if (losses.Count != 3 || losses.Any(l => !double.IsFinite(l)))
{
    Console.Error.WriteLine("expected 3 finite losses");
    return 1;
}
// An augmented batch: its memory comes through KerasPort's own binding of that native library.
using (var stream = new KerasPort.Preprocessing.Image.ImageDataGenerator(rotation_range: 20).flow(torch.rand(4, 16, 16, 3) * 255, batch_size: 2, seed: 1))
using (var batch = stream.next().x)
{
    if (!batch.shape.SequenceEqual(new long[] { 2, 16, 16, 3 }))
    {
        Console.Error.WriteLine("expected an augmented batch of shape [2, 16, 16, 3]");
        return 1;
    }
}
string? native = File.ReadLines("/proc/self/maps")
    .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
    .Where(fields => fields.Length >= 6 && fields[5].EndsWith("/libLibTorchSharp.so", StringComparison.Ordinal))
    .Select(fields => fields[5])
    .FirstOrDefault();
Console.WriteLine("native: " + (native ?? "(not mapped)"));
return 0;
