using KerasPort.Data.Datasets;
using KerasPort.Utils;
using static TorchSharp.torch;

namespace KerasPort;

public static partial class keras
{
    public static partial class datasets
    {
        /// <summary>Keras's <c>keras.datasets.boston_housing</c>: 506 samples of 13 house attributes and the median price.</summary>
        public static class boston_housing
        {
            /// <summary>
            /// Keras's <c>boston_housing.load_data(path="boston_housing.npz", test_split=0.2, seed=113)</c>:
            /// the samples shuffled with <c>np.random.RandomState(seed)</c>, the last
            /// <paramref name="test_split"/> of them for testing; x <c>[N, 13]</c> and y <c>[N]</c> in the
            /// file's dtype (float64).
            /// </summary>
            public static ((Tensor x_train, Tensor y_train), (Tensor x_test, Tensor y_test)) load_data(string path = "boston_housing.npz",
                double test_split = 0.2, long seed = 113)
            {
                if (!(0 <= test_split && test_split < 1))
                    throw new ArgumentException($"Invalid `test_split` argument: {PythonFormat.str(test_split)}. It must be between 0 and 1 (exclusive of 1).", nameof(test_split));
                var file = utils.get_file(path, origin: DatasetFiles.Origin + "boston_housing.npz",
                    file_hash: DatasetFiles.hash("f553886a1f8d56431e820c5b82552d9d95cfcb96d1e678153f8839538947dff5"));
                var f = DatasetFiles.read(file, Npy.load_npz);
                var x0 = DatasetFiles.array(f, "x", file);
                var y0 = DatasetFiles.array(f, "y", file);
                var indices = DatasetFiles.shuffled_indices(new RandomState(seed), x0.shape[0]);
                using var x = DatasetFiles.take(x0, indices);
                using var y = DatasetFiles.take(y0, indices);
                long n = x.shape[0];
                long split = (long)(n * (1 - test_split));
                return ((x[..(int)split].clone(), y[..(int)split].clone()), (x[(int)split..].clone(), y[(int)split..].clone()));
            }
        }
    }
}
