using KerasPort.Data.Datasets;
using KerasPort.Utils;
using static TorchSharp.torch;

namespace KerasPort;

public static partial class keras
{
    public static partial class datasets
    {
        /// <summary>Keras's <c>keras.datasets.reuters</c>: 11,228 newswires as sequences of word indices, labelled with 46 topics.</summary>
        public static class reuters
        {
            /// <summary>
            /// Keras's <c>reuters.load_data(path="reuters.npz", num_words=None, skip_top=0, maxlen=None,
            /// test_split=0.2, seed=113, start_char=1, oov_char=2, index_from=3)</c>: the newswires shuffled
            /// with <c>np.random.RandomState(seed)</c>, processed as in <see cref="imdb.load_data"/>, the
            /// last <paramref name="test_split"/> of them for testing. Labels keep the file's dtype.
            /// </summary>
            public static ((int[][] x_train, Tensor y_train), (int[][] x_test, Tensor y_test)) load_data(string path = "reuters.npz",
                int? num_words = null, int skip_top = 0, int? maxlen = null, double test_split = 0.2, long seed = 113,
                int? start_char = 1, int? oov_char = 2, int index_from = 3)
            {
                var file = utils.get_file(fname: path, origin: DatasetFiles.Origin + "reuters.npz",
                    file_hash: DatasetFiles.hash("d6586e694ee56d7a4e65172e12b3e987c03096cb01eab99753921ef915959916"));
                var f = DatasetFiles.read(file, Npy.load_npz_with_objects);
                if (!f.TryGetValue("x", out var x_value) || !f.TryGetValue("y", out var y_value) || y_value is not Tensor labels_t)
                    throw new InvalidDataException($"{file}: a reuters file has an object array 'x' and a numeric array 'y' (it has: {string.Join(", ", f.Keys)}).");
                var sequences = DatasetFiles.sequences(x_value, "x", file);
                var dtype = labels_t.dtype;
                long[] labels;
                using (labels_t)
                using (var as_long = labels_t.to_type(ScalarType.Int64))
                    labels = as_long.data<long>().ToArray();
                var order = DatasetFiles.shuffled_indices(new RandomState(seed), sequences.Length);
                var (xs, kept_labels) = DatasetFiles.prepare(order.Select(i => sequences[i]).ToList(), order.Select(i => labels[i]).ToList(),
                    maxlen, start_char, index_from);
                xs = DatasetFiles.limit_words(xs, num_words, skip_top, oov_char);
                int idx = (int)(xs.Count * (1 - test_split));
                return ((xs.Take(idx).ToArray(), DatasetFiles.labels(kept_labels.Take(idx), dtype)),
                        (xs.Skip(idx).ToArray(), DatasetFiles.labels(kept_labels.Skip(idx), dtype)));
            }

            /// <summary>Keras's <c>reuters.get_word_index(path="reuters_word_index.json")</c>: word to index.</summary>
            public static Dictionary<string, int> get_word_index(string path = "reuters_word_index.json") =>
                DatasetFiles.word_index(utils.get_file(path, origin: DatasetFiles.Origin + "reuters_word_index.json", file_hash: DatasetFiles.hash("4d44cc38712099c9e383dc6e5f11a921")));

            /// <summary>Keras's <c>reuters.get_label_names()</c>: the 46 topic names, by label.</summary>
            public static string[] get_label_names() =>
            [
                "cocoa", "grain", "veg-oil", "earn", "acq", "wheat", "copper", "housing", "money-supply", "coffee", "sugar", "trade",
                "reserves", "ship", "cotton", "carcass", "crude", "nat-gas", "cpi", "money-fx", "interest", "gnp", "meal-feed", "alum",
                "oilseed", "gold", "tin", "strategic-metal", "livestock", "retail", "ipi", "iron-steel", "rubber", "heat", "jobs", "lei",
                "bop", "zinc", "orange", "pet-chem", "dlr", "gas", "silver", "wpi", "hog", "lead",
            ];
        }
    }
}
