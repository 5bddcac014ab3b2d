using KerasPort.Data.Datasets;
using KerasPort.Utils;
using static TorchSharp.torch;

namespace KerasPort;

public static partial class keras
{
    /// <summary>Keras's <c>keras.datasets</c>: small standard datasets, downloaded once into the Keras cache (<c>~/.keras/datasets</c>) and read from there.</summary>
    public static partial class datasets
    {
        /// <summary>Keras's <c>keras.datasets.mnist</c>: 60,000 training and 10,000 test greyscale 28x28 digits.</summary>
        public static class mnist
        {
            /// <summary>
            /// Keras's <c>mnist.load_data(path="mnist.npz")</c>: <c>((x_train, y_train), (x_test, y_test))</c>,
            /// images uint8 <c>[N, 28, 28]</c> and labels uint8 <c>[N]</c>. The file is
            /// <c>&lt;cache&gt;/datasets/&lt;path&gt;</c>, downloaded with Keras's SHA-256 check (a file whose
            /// hash differs is downloaded again).
            /// </summary>
            public static ((Tensor x_train, Tensor y_train), (Tensor x_test, Tensor y_test)) load_data(string path = "mnist.npz")
            {
                var file = utils.get_file(fname: path, origin: DatasetFiles.Origin + "mnist.npz",
                    file_hash: DatasetFiles.hash("731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1"));
                var f = DatasetFiles.read(file, Npy.load_npz);
                return ((DatasetFiles.array(f, "x_train", file), DatasetFiles.array(f, "y_train", file)),
                        (DatasetFiles.array(f, "x_test", file), DatasetFiles.array(f, "y_test", file)));
            }
        }
    }
}
