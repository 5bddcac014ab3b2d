using System.IO.Compression;
using System.Text;
using KerasPort.Callbacks;
using KerasPort.Models;
using TorchSharp;

namespace KerasPort.Saving
{
    /// <summary>
    /// Keras 3's <c>.keras</c> format: a zip of three stored (uncompressed) members, in this order,
    /// <c>metadata.json</c> (<c>keras_version</c>, <c>date_saved</c>), <c>config.json</c> (the model's
    /// <c>serialize_keras_object</c> JSON, with <c>build_config</c> and <c>compile_config</c>) and
    /// <c>model.weights.h5</c> (the <c>.weights.h5</c> layout, optimizer included). As in Keras, the
    /// two JSON members carry the date 1980-01-01 and the weights the time of saving.
    /// </summary>
    /// <example><code>
    /// model.save("model.keras");
    /// var again = keras.models.load_model("model.keras");
    /// </code></example>
    public static class KerasArchive
    {
        /// <summary>The Keras release whose format these files follow.</summary>
        public const string keras_version = "3.15.1";

        private const string ConfigName = "config.json";
        private const string MetadataName = "metadata.json";
        private const string WeightsName = "model.weights.h5";
        private static readonly DateTimeOffset ZipEpoch = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

        /// <summary>Keras's <c>saving_lib.save_model</c>: writes <paramref name="model"/> to <paramref name="filepath"/> (<c>.keras</c>), atomically.</summary>
        public static void save_model(Model model, string filepath, bool overwrite = true)
        {
            ArgumentNullException.ThrowIfNull(model);
            ArgumentNullException.ThrowIfNull(filepath);
            if (!filepath.EndsWith(".keras", StringComparison.Ordinal))
                throw new ArgumentException($"Invalid `filepath` argument: expected a `.keras` extension. Received: filepath={filepath}", nameof(filepath));
            if (!overwrite && File.Exists(filepath))
                throw new IOException($"The file {filepath} exists and overwrite is false.");
            if (model.layers.Count == 0 || model.layers.Any(l => !l.built))
                Callback.warn("You are saving a model that has not yet been built. It might not contain any weights yet. Consider building the model first by calling it on some data.");

            byte[] config = Encoding.UTF8.GetBytes(KerasJson.dumps(Serialization.serialize_keras_object(model)));
            var now = DateTime.Now;
            byte[] metadata = Encoding.UTF8.GetBytes(KerasJson.dumps(new Dictionary<string, object?>
            {
                ["keras_version"] = keras_version,
                ["date_saved"] = now.ToString("yyyy-MM-dd@HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            }));
            using var weights = new MemoryStream();
            WeightsFile.write(weights, model.saving_entries());

            WeightsFile.WriteAtomically(filepath, temp =>
            {
                using var file = File.Create(temp);
                using var zip = new ZipArchive(file, ZipArchiveMode.Create);
                add(zip, MetadataName, metadata, ZipEpoch);
                add(zip, ConfigName, config, ZipEpoch);
                add(zip, WeightsName, weights.ToArray(), new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero));
            });
        }

        private static void add(ZipArchive zip, string name, byte[] bytes, DateTimeOffset time)
        {
            var entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
            entry.LastWriteTime = time;
            entry.ExternalAttributes = Convert.ToInt32("600", 8) << 16; // -rw-------, as Python's zipfile writes them
            using var stream = entry.Open();
            stream.Write(bytes);
        }

        /// <summary>Keras's <c>saving_lib.load_model</c>: the model of a <c>.keras</c> file, compiled from its <c>compile_config</c> unless <paramref name="compile"/> is false.</summary>
        public static Model load_model(string filepath, bool compile = true)
        {
            ArgumentNullException.ThrowIfNull(filepath);
            if (!filepath.EndsWith(".keras", StringComparison.Ordinal))
                throw new ArgumentException($"Invalid filename: expected a `.keras` extension. Received: filepath={filepath}", nameof(filepath));
            using var zip = open(filepath);
            var config = KerasJson.loads(read_text(zip, ConfigName, filepath));
            var model = Deserialization.deserialize_keras_object(config, compile) as Model
                ?? throw new InvalidDataException($"The config.json of {filepath} does not describe a model.");
            model.load_entries(read_weights(zip, filepath), filepath);
            return model;
        }

        /// <summary>The <c>model.weights.h5</c> member of a <c>.keras</c> file, as <see cref="WeightsFile.read(string)"/> gives it.</summary>
        internal static IReadOnlyList<(string path, string? name, torch.Tensor[] variables)> read_weights(string filepath)
        {
            using var zip = open(filepath);
            return read_weights(zip, filepath);
        }

        private static ZipArchive open(string filepath)
        {
            if (!File.Exists(filepath)) throw new FileNotFoundException($"File not found: filepath={filepath}. Please ensure the file is an accessible `.keras` zip file.", filepath);
            try
            {
                return ZipFile.OpenRead(filepath);
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"{filepath} is not a `.keras` zip file: {e.Message}", e);
            }
        }

        private static IReadOnlyList<(string path, string? name, torch.Tensor[] variables)> read_weights(ZipArchive zip, string filepath)
        {
            var entry = zip.GetEntry(WeightsName) ?? throw new InvalidDataException($"Expected a {WeightsName} file in {filepath}.");
            using var buffer = new MemoryStream();
            using (var stream = entry.Open()) stream.CopyTo(buffer);
            buffer.Position = 0;
            return WeightsFile.read(buffer);
        }

        private static string read_text(ZipArchive zip, string name, string filepath)
        {
            var entry = zip.GetEntry(name) ?? throw new InvalidDataException($"Expected a {name} file in {filepath}.");
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            return reader.ReadToEnd();
        }
    }
}

namespace KerasPort
{
    using KerasPort.Models;
    using KerasPort.Saving;

    public static partial class keras
    {
        public static partial class models
        {
            /// <summary>Keras's <c>keras.models.load_model(filepath)</c>: a model saved with <c>model.save</c> (<c>.keras</c>).</summary>
            public static Model load_model(string filepath, bool compile = true) => KerasArchive.load_model(filepath, compile);
        }

        public static partial class saving
        {
            /// <summary>Keras's <c>keras.saving.load_model(filepath)</c>, the same as <see cref="models.load_model"/>.</summary>
            public static Model load_model(string filepath, bool compile = true) => KerasArchive.load_model(filepath, compile);

            /// <summary>Keras's <c>keras.saving.save_model(model, filepath)</c>, the same as <c>model.save(filepath)</c>.</summary>
            public static void save_model(Model model, string filepath, bool overwrite = true) => KerasArchive.save_model(model, filepath, overwrite);

            /// <summary>Keras's <c>keras.saving.serialize_keras_object</c>.</summary>
            public static object? serialize_keras_object(object? obj) => Serialization.serialize_keras_object(obj);

            /// <summary>Keras's <c>keras.saving.deserialize_keras_object</c>.</summary>
            public static object? deserialize_keras_object(object? config) => Deserialization.deserialize_keras_object(config);
        }
    }
}
