using KerasPort.Data.Datasets;
using static TorchSharp.torch;

namespace KerasPort;

public static partial class keras
{
    public static partial class datasets
    {
        /// <summary>Keras's <c>keras.datasets.cifar100</c>: 50,000 training and 10,000 test 32x32 colour images in 100 fine (20 coarse) classes.</summary>
        public static class cifar100
        {
            /// <summary>
            /// Keras's <c>cifar100.load_data(label_mode="fine")</c>: <c>((x_train, y_train), (x_test, y_test))</c>,
            /// images uint8 <c>[N, 32, 32, 3]</c> and labels int64 <c>[N, 1]</c>, the fine labels or, with
            /// <c>label_mode: "coarse"</c>, the superclass labels.
            /// </summary>
            public static ((Tensor x_train, Tensor y_train), (Tensor x_test, Tensor y_test)) load_data(string label_mode = "fine")
            {
                if (label_mode is not ("fine" or "coarse"))
                    throw new ArgumentException($"`label_mode` must be one of `\"fine\"`, `\"coarse\"`. Received: label_mode={label_mode}.", nameof(label_mode));
                var path = utils.get_file(fname: "cifar-100-python-target", origin: "https://www.cs.toronto.edu/~kriz/cifar-100-python.tar.gz",
                    extract: true, file_hash: DatasetFiles.hash("85cd44d02ba6437773c5bbd22e183051d648de2e7d6b014e1ef29b855ba677a7"));
                path = Path.Combine(path, "cifar-100-python");
                var (x_train, y_train) = Cifar.load_batch(Path.Combine(path, "train"), label_key: $"{label_mode}_labels");
                var (x_test, y_test) = Cifar.load_batch(Path.Combine(path, "test"), label_key: $"{label_mode}_labels");
                return ((Cifar.channels_last(x_train), y_train.reshape(-1, 1)), (Cifar.channels_last(x_test), y_test.reshape(-1, 1)));
            }
        }
    }
}
