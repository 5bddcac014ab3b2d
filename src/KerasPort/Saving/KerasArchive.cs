using System.IO.Compression;
using System.Text;
using KerasPort.Callbacks;
using KerasPort.Backend;
using KerasPort.Models;
using KerasPort.Utils;
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

            var serialized = Serialization.serialize_keras_object(model);
            Serialization.mark_shared_objects(serialized);
            byte[] config = Encoding.UTF8.GetBytes(KerasJson.dumps(serialized));
            var now = DateTime.Now;
            byte[] metadata = Encoding.UTF8.GetBytes(KerasJson.dumps(new Dictionary<string, object?>
            {
                ["keras_version"] = keras_version,
                ["date_saved"] = now.ToString("yyyy-MM-dd@HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            }));
            using var weights = new MemoryStream();
            // The copies and conversions saving makes are released once the member is written.
            using (torch.NewDisposeScope()) WeightsFile.write(weights, model.saving_entries());

            WeightsFile.WriteAtomically(filepath, file =>
            {
                using var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true);
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

        /// <summary>
        /// The most bytes <c>config.json</c> may inflate to: 32 MiB. A Keras config takes a few
        /// kilobytes per layer, so this leaves room for models of thousands of layers, while a
        /// member that inflates to hundreds of megabytes is refused before it is read.
        /// </summary>
        public const long max_config_bytes = 32L << 20;

        // HDF5's own structure around the data of a weights file (groups, names, headers): a few
        // hundred bytes per variable, far below this.
        private const long WeightsOverheadBytes = 16L << 20;

        /// <summary>
        /// Keras's <c>saving_lib.load_model</c>: the model of a <c>.keras</c> file, compiled from its
        /// <c>compile_config</c> unless <paramref name="compile"/> is false. The <c>config.json</c>
        /// may not inflate past <see cref="max_config_bytes"/>, and the weights member past what the
        /// model it describes holds; every problem with the file raises a
        /// <see cref="InvalidDataException"/> (FileErrors) naming it.
        /// </summary>
        public static Model load_model(string filepath, bool compile = true)
        {
            ArgumentNullException.ThrowIfNull(filepath);
            if (!filepath.EndsWith(".keras", StringComparison.Ordinal))
                throw new ArgumentException($"Invalid filename: expected a `.keras` extension. Received: filepath={filepath}", nameof(filepath));
            using var zip = open(filepath);
            object? config;
            try
            {
                config = KerasJson.loads(read_text(zip, ConfigName, filepath, max_config_bytes));
            }
            catch (System.Text.Json.JsonException e)
            {
                throw FileErrors.invalid(filepath, $"its {ConfigName} is not valid JSON: {e.Message}", e);
            }
            Model model;
            try
            {
                model = Deserialization.deserialize_keras_object(config, compile) as Model
                    ?? throw FileErrors.invalid(filepath, $"its {ConfigName} does not describe a model.");
            }
            catch (InsufficientMemoryException e)
            {
                throw new InsufficientMemoryException($"The model that {filepath} describes does not fit in memory: {e.Message}", e);
            }
            catch (Exception e) when (e is ArgumentException or InvalidCastException or FormatException or OverflowException or KeyNotFoundException)
            {
                // A config that Keras could not have written (bad values, wrong types): the file is at fault.
                throw FileErrors.invalid(filepath, $"its {ConfigName} describes no model KerasPort can build: {e.Message}", e);
            }
            try
            {
                load_weights(model, zip, filepath);
            }
            catch
            {
                (model as IDisposable).Dispose();
                throw;
            }
            return model;
        }

        /// <summary>Loads the <c>model.weights.h5</c> member of the <c>.keras</c> file <paramref name="filepath"/> into <paramref name="model"/>.</summary>
        internal static void load_weights(Model model, string filepath)
        {
            using var zip = open(filepath);
            load_weights(model, zip, filepath);
        }

        private static void load_weights(Model model, ZipArchive zip, string filepath)
        {
            // The member may hold what the model and its optimizer need, plus HDF5's structure.
            long needed;
            using (torch.NewDisposeScope())
                needed = model.layers.SelectMany(l => l.variables).Sum(w => w.variable.numel() * w.variable.ElementSize)
                    + (model.optimizer?.variables.Sum(v => v.numel() * v.ElementSize) ?? 0);
            using var member = read_member(zip, WeightsName, filepath, checked(needed * 2 + WeightsOverheadBytes));
            using var buffer = member.stream();
            using var stored = StoredWeights.open(buffer, $"{filepath}:{WeightsName}");
            model.load_entries(stored);
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
                throw FileErrors.invalid(filepath, $"it is not a `.keras` zip file: {e.Message}", e);
            }
        }

        /// <summary>
        /// A member of the archive in memory, refused when it inflates past <paramref name="limit"/>
        /// bytes. The buffer comes from the shared array pool (a model loaded in a loop would
        /// otherwise allocate a large-object-heap array per load) and goes back on dispose.
        /// </summary>
        private static PooledMember read_member(ZipArchive zip, string name, string filepath, long limit)
        {
            var entry = zip.GetEntry(name) ?? throw FileErrors.invalid(filepath, $"it has no {name} member; a `.keras` file has metadata.json, config.json and model.weights.h5.");
            string too_big = $"its {name} member inflates past {MemoryBudget.format_bytes(limit)}, more than {(name == ConfigName ? "a Keras config needs (KerasArchive.max_config_bytes)" : "the weights of the model it describes need")}.";
            // The declared size may lie; the copy below stops at the limit whatever it says.
            if (entry.Length > limit || entry.Length > Array.MaxLength) throw FileErrors.invalid(filepath, too_big);
            var member = new PooledMember((int)entry.Length);
            try
            {
                using var stream = entry.Open();
                int n;
                while ((n = stream.Read(member.free_space())) > 0)
                {
                    if (member.length + n > limit) throw FileErrors.invalid(filepath, too_big);
                    member.advance(n);
                }
                return member;
            }
            catch (InvalidDataException e) when (!FileErrors.names_file(e))
            {
                member.Dispose();
                throw FileErrors.invalid(filepath, $"its {name} member is corrupt: {e.Message}", e);
            }
            catch
            {
                member.Dispose();
                throw;
            }
        }

        /// <summary>An archive member's bytes in a rented buffer that grows as needed.</summary>
        private sealed class PooledMember(int expected) : IDisposable
        {
            private byte[] _buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(Math.Max(expected, 4096));

            public int length { get; private set; }

            public Span<byte> free_space()
            {
                if (length == _buffer.Length)
                {
                    var larger = System.Buffers.ArrayPool<byte>.Shared.Rent((int)Math.Min(Array.MaxLength, 2L * _buffer.Length));
                    _buffer.AsSpan(0, length).CopyTo(larger);
                    System.Buffers.ArrayPool<byte>.Shared.Return(_buffer);
                    _buffer = larger;
                }
                return _buffer.AsSpan(length);
            }

            public void advance(int n) => length += n;

            public ReadOnlySpan<byte> bytes => _buffer.AsSpan(0, length);

            public MemoryStream stream() => new(_buffer, 0, length, writable: false);

            public void Dispose()
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = [];
            }
        }

        private static string read_text(ZipArchive zip, string name, string filepath, long limit)
        {
            using var member = read_member(zip, name, filepath, limit);
            try
            {
                return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(member.bytes);
            }
            catch (DecoderFallbackException e)
            {
                throw FileErrors.invalid(filepath, $"its {name} member is not UTF-8 text: {e.Message}", e);
            }
        }
    }
}

namespace KerasPort
{
    using KerasPort.Models;
    using KerasPort.Saving;

    public static partial class keras
    {
        /// <summary>Keras's <c>keras.models</c>: loading a saved model.</summary>
        public static partial class models
        {
            /// <summary>Keras's <c>keras.models.load_model(filepath)</c>: a model saved with <c>model.save</c> (<c>.keras</c>, or legacy <c>.h5</c>/<c>.hdf5</c>).</summary>
            public static Model load_model(string filepath, bool compile = true) => saving.load_model(filepath, compile);
        }

        /// <summary>Keras's <c>keras.saving</c>: loading a saved model (the same function as <c>keras.models</c>).</summary>
        public static partial class saving
        {
            /// <summary>Keras's <c>keras.saving.load_model(filepath)</c>, the same as <see cref="models.load_model"/>.</summary>
            public static Model load_model(string filepath, bool compile = true) =>
                Saving.Legacy.LegacyH5Format.is_legacy_path(filepath ?? throw new ArgumentNullException(nameof(filepath)))
                    ? Saving.Legacy.LegacyH5Format.load_model_from_hdf5(filepath, compile)
                    : KerasArchive.load_model(filepath, compile);

            /// <summary>Keras's <c>keras.saving.save_model(model, filepath)</c>, the same as <c>model.save(filepath)</c>.</summary>
            public static void save_model(Model model, string filepath, bool overwrite = true) =>
                (model ?? throw new ArgumentNullException(nameof(model))).save(filepath, overwrite);

            /// <summary>Keras's <c>keras.saving.serialize_keras_object</c>.</summary>
            public static object? serialize_keras_object(object? obj) => Serialization.serialize_keras_object(obj);

            /// <summary>Keras's <c>keras.saving.deserialize_keras_object</c>.</summary>
            public static object? deserialize_keras_object(object? config) => Deserialization.deserialize_keras_object(config);
        }
    }
}
