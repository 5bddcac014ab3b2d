using KerasPort.Data.Datasets;
using static TorchSharp.torch;

namespace KerasPort;

public static partial class keras
{
    public static partial class datasets
    {
        /// <summary>Keras's <c>keras.datasets.cifar10</c>: 50,000 training and 10,000 test 32x32 colour images in 10 classes.</summary>
        public static class cifar10
        {
            /// <summary>
            /// Keras's <c>cifar10.load_data()</c>: <c>((x_train, y_train), (x_test, y_test))</c>, images
            /// uint8 <c>[N, 32, 32, 3]</c> (channels last) and labels uint8 <c>[N, 1]</c>, read from the
            /// python batches of <c>cifar-10-python.tar.gz</c>, downloaded and extracted into
            /// <c>&lt;cache&gt;/datasets/cifar-10-batches-py-target</c> as Keras does.
            /// </summary>
            public static ((Tensor x_train, Tensor y_train), (Tensor x_test, Tensor y_test)) load_data()
            {
                var path = utils.get_file(fname: "cifar-10-batches-py-target", origin: "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz",
                    extract: true, file_hash: DatasetFiles.hash("6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce"));
                path = Path.Combine(path, "cifar-10-batches-py");
                var xs = new List<Tensor>();
                var ys = new List<Tensor>();
                for (int i = 1; i <= 5; i++)
                {
                    var (x, y) = Cifar.load_batch(Path.Combine(path, $"data_batch_{i}"));
                    xs.Add(x);
                    ys.Add(y);
                }
                var (x_test, y_test) = Cifar.load_batch(Path.Combine(path, "test_batch"));
                var x_train = Cifar.channels_last(cat(xs, 0));
                // Keras fills uint8 arrays with the labels, and casts the test labels to match.
                var y_train = cat(ys, 0).to_type(ScalarType.Byte).reshape(-1, 1);
                foreach (var t in xs.Concat(ys)) t.Dispose();
                return ((x_train, y_train), (Cifar.channels_last(x_test), y_test.to_type(ScalarType.Byte).reshape(-1, 1)));
            }
        }
    }
}
