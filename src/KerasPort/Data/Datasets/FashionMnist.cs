using KerasPort.Data.Datasets;
using static TorchSharp.torch;

namespace KerasPort;

public static partial class keras
{
    public static partial class datasets
    {
        /// <summary>Keras's <c>keras.datasets.fashion_mnist</c>: 60,000 training and 10,000 test 28x28 greyscale images of clothes in 10 classes.</summary>
        public static class fashion_mnist
        {
            private static readonly string[] Files =
                ["train-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz"];

            /// <summary>
            /// Keras's <c>fashion_mnist.load_data()</c>: <c>((x_train, y_train), (x_test, y_test))</c>,
            /// images uint8 <c>[N, 28, 28]</c> and labels uint8 <c>[N]</c>, read from the four IDX
            /// <c>.gz</c> files in <c>&lt;cache&gt;/datasets/fashion-mnist/</c> (downloaded when missing).
            /// </summary>
            public static ((Tensor x_train, Tensor y_train), (Tensor x_test, Tensor y_test)) load_data()
            {
                const string base_url = DatasetFiles.Origin;
                var paths = Files.Select(f => utils.get_file(f, origin: base_url + f, cache_subdir: Path.Combine("datasets", "fashion-mnist"))).ToArray();
                var y_train = DatasetFiles.idx_bytes(paths[0], 8);
                var x_train = images(paths[1], y_train.shape[0]);
                var y_test = DatasetFiles.idx_bytes(paths[2], 8);
                var x_test = images(paths[3], y_test.shape[0]);
                return ((x_train, y_train), (x_test, y_test));
            }

            private static Tensor images(string path, long count)
            {
                using var flat = DatasetFiles.idx_bytes(path, 16);
                if (flat.shape[0] != count * 28 * 28)
                    throw new InvalidDataException($"{path}: cannot reshape {flat.shape[0]} bytes into ({count}, 28, 28) images.");
                return flat.reshape(count, 28, 28);
            }
        }
    }
}
