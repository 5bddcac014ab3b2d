using KerasPort.Callbacks;
using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Preprocessing.Image;

namespace KerasPort.Tests.Models;

/// <summary>
/// Issue 11, item 11: fit releases what a flow() iterator uses (its look-ahead threads, the files
/// it saves) however fit ends: 20 fits that fail inside a callback leave the process's thread and
/// file-descriptor counts where they were.
/// </summary>
[NonParallelizable] // counts the process's threads and open files
public sealed class FitResourceTests : TempDirectoryTest
{
    private static int OpenFiles() => Directory.GetFileSystemEntries("/proc/self/fd").Length;

    [Test]
    [Platform("Linux")]
    public void Fits_failing_in_a_callback_leave_threads_and_files_as_they_were()
    {
        torch.manual_seed(0);
        using var x = torch.rand(64, 8, 8, 3);
        using var y = torch.randint(0, 2, [64, 1]).to_type(ScalarType.Float32);
        using var model = new Sequential([keras.Input([8, 8, 3]), new Flatten(), new Dense(1, activation: "sigmoid")]);
        model.compile(optimizer: "adam", loss: "binary_crossentropy");
        var datagen = new ImageDataGenerator(rotation_range: 20, horizontal_flip: true);
        string saved = Path.Combine(dir, "aug");
        Directory.CreateDirectory(saved);
        var failing = new LambdaCallback(on_train_batch_end: (batch, _) =>
        {
            if (batch == 1) throw new InvalidOperationException("callback failure");
        });
        void fail_once()
        {
            using var flow = datagen.flow(x, y, batch_size: 8, save_to_dir: saved);
            Assert.Throws<InvalidOperationException>(() => model.fit(flow, epochs: 2, verbose: 0, callbacks: [failing]));
        }

        fail_once(); // warm: the thread pool and the JIT have what they need
        Thread.Sleep(200);
        int threads = System.Diagnostics.Process.GetCurrentProcess().Threads.Count, files = OpenFiles();
        for (int i = 0; i < 20; i++) fail_once();
        Thread.Sleep(200);
        Assert.That(System.Diagnostics.Process.GetCurrentProcess().Threads.Count, Is.LessThanOrEqualTo(threads + 2), "threads");
        Assert.That(OpenFiles(), Is.LessThanOrEqualTo(files), "file descriptors");
        Assert.That(Directory.GetFiles(saved), Is.Not.Empty, "the iterator did save images");
    }
}
