using KerasPort.Data.Datasets;
using KerasPort.Utils;
using static TorchSharp.torch;

namespace KerasPort;

public static partial class keras
{
    public static partial class datasets
    {
        /// <summary>Keras's <c>keras.datasets.imdb</c>: 25,000 training and 25,000 test movie reviews as sequences of word indices, labelled by sentiment.</summary>
        public static class imdb
        {
            /// <summary>
            /// Keras's <c>imdb.load_data(path="imdb.npz", num_words=None, skip_top=0, maxlen=None, seed=113,
            /// start_char=1, oov_char=2, index_from=3)</c>: <c>((x_train, y_train), (x_test, y_test))</c>.
            /// Each review is an <c>int[]</c> of word indices (Keras's object array of lists), shuffled with
            /// <c>np.random.RandomState(seed)</c>, offset by <paramref name="index_from"/> after
            /// <paramref name="start_char"/>; reviews of <paramref name="maxlen"/> words or more are dropped;
            /// words outside [<paramref name="skip_top"/>, <paramref name="num_words"/>) become
            /// <paramref name="oov_char"/> (or are removed when it is null). Labels are int64 <c>[N]</c>.
            /// </summary>
            public static ((int[][] x_train, Tensor y_train), (int[][] x_test, Tensor y_test)) load_data(string path = "imdb.npz",
                int? num_words = null, int skip_top = 0, int? maxlen = null, long seed = 113, int? start_char = 1, int? oov_char = 2, int index_from = 3)
            {
                var file = utils.get_file(fname: path, origin: DatasetFiles.Origin + "imdb.npz",
                    file_hash: DatasetFiles.hash("69664113be75683a8fe16e3ed0ab59fda8886cb3cd7ada244f7d9544e4676b9f"));
                var f = DatasetFiles.read(file, Npy.load_npz_with_objects);
                var x_train = DatasetFiles.sequences(value(f, "x_train", file), "x_train", file);
                var x_test = DatasetFiles.sequences(value(f, "x_test", file), "x_test", file);
                using var labels_train_t = value(f, "y_train", file) as Tensor ?? throw new InvalidDataException($"{file}: 'y_train' is not a numeric array.");
                using var labels_test_t = value(f, "y_test", file) as Tensor ?? throw new InvalidDataException($"{file}: 'y_test' is not a numeric array.");
                var dtype = labels_train_t.dtype;
                var rng = new RandomState(seed);
                var train_order = DatasetFiles.shuffled_indices(rng, x_train.Length);
                var test_order = DatasetFiles.shuffled_indices(rng, x_test.Length);
                var labels_train = labels_train_t.to_type(ScalarType.Int64).data<long>().ToArray();
                var labels_test = labels_test_t.to_type(ScalarType.Int64).data<long>().ToArray();
                var (train, train_labels) = DatasetFiles.prepare(train_order.Select(i => x_train[i]).ToList(), train_order.Select(i => labels_train[i]).ToList(),
                    maxlen, start_char, index_from);
                var (test, test_labels) = DatasetFiles.prepare(test_order.Select(i => x_test[i]).ToList(), test_order.Select(i => labels_test[i]).ToList(),
                    maxlen, start_char, index_from);
                if (maxlen is int m && m != 0 && (train.Count == 0 || test.Count == 0))
                    throw new ArgumentException($"After filtering for sequences shorter than maxlen={m}, no sequence was kept. Increase maxlen.", nameof(maxlen));
                // Keras picks num_words and replaces out-of-range words over train and test together.
                var xs = DatasetFiles.limit_words([.. train, .. test], num_words, skip_top, oov_char);
                int idx = train.Count;
                return ((xs.Take(idx).ToArray(), DatasetFiles.labels(train_labels, dtype)), (xs.Skip(idx).ToArray(), DatasetFiles.labels(test_labels, dtype)));
            }

            /// <summary>Keras's <c>imdb.get_word_index(path="imdb_word_index.json")</c>: word to index (index 1 is the most frequent word).</summary>
            public static Dictionary<string, int> get_word_index(string path = "imdb_word_index.json") =>
                DatasetFiles.word_index(utils.get_file(fname: path, origin: DatasetFiles.Origin + "imdb_word_index.json", file_hash: DatasetFiles.hash("bfafd718b763782e994055a2d397834f")));

            private static object value(Dictionary<string, object> f, string name, string file) =>
                f.TryGetValue(name, out var v) ? v : throw new InvalidDataException($"{file}: the file has no array '{name}' (it has: {string.Join(", ", f.Keys)}).");
        }
    }
}
