using KerasPort.Backend;
using KerasPort.Ops;
using static TorchSharp.torch;

namespace KerasPort.Layers
{
    /// <summary>
    /// Keras's <c>InputLayer</c>: declares the shape of one sample, so the model builds at once and
    /// checks what it is given. Its <see cref="output"/> is the symbolic tensor that
    /// <c>keras.Input(shape)</c> returns; a Sequential keeps the layer out of <c>layers</c> and out
    /// of the summary, a Functional model lists it first, as Keras does.
    /// </summary>
    /// <example><code>
    /// model.add(new InputLayer(shape: [28, 28, 1]));
    /// // Python: model.add(keras.layers.InputLayer(shape=(28, 28, 1)))
    /// </code></example>
    public sealed class InputLayer : Layer
    {
        /// <param name="shape">Shape of one sample, without the batch axis (null dimensions are unknown).</param>
        /// <param name="batch_size">Fixed batch size, or null for any.</param>
        /// <param name="dtype">The dtype of the input (<c>float32</c>).</param>
        /// <param name="batch_shape">The whole shape, batch axis first, instead of <paramref name="shape"/> and <paramref name="batch_size"/>.</param>
        /// <param name="name">The layer's name; automatic (<c>input_layer</c>, ...) when null.</param>
        public InputLayer(long?[]? shape = null, int? batch_size = null, string? dtype = null, long?[]? batch_shape = null, string? name = null)
            : base(name)
        {
            if (shape is not null && batch_shape is not null)
                throw new ArgumentException("You cannot pass both `shape` and `batch_shape` at the same time.", nameof(batch_shape));
            if (shape is null && batch_shape is null)
                throw new ArgumentException("You must pass a `shape` argument.", nameof(shape));
            if (batch_size is <= 0)
                throw new ArgumentException($"Invalid value received for argument batch_size. Expected a positive integer or null. Received: batch_size={batch_size}", nameof(batch_size));
            var full = batch_shape ?? [batch_size, .. shape!];
            if (full.Length == 0)
                throw new ArgumentException($"Invalid value received for argument batch_shape. Expected a batch axis. Received: batch_shape={ShapeText.format(full)}", nameof(batch_shape));
            if (full.Any(d => d is <= 0))
                throw new ArgumentException($"Invalid value received for argument shape. Expected positive dimensions. Received: shape={ShapeText.format(full.Skip(1))}", nameof(shape));
            batch_input_shape = (long?[])full.Clone();
            this.batch_size = full[0] is long b ? (int)b : null;
            this.dtype = dtype ?? "float32";
            build(batch_input_shape);
            output = new KerasTensor(batch_input_shape, this.dtype, this.name);
            _ = new Node(this, [], [output], training: null, takes_list: false);
        }

        /// <param name="shape">Shape of one sample, without the batch axis.</param>
        /// <param name="batch_size">Fixed batch size, or null for any.</param>
        /// <param name="name">The layer's name; automatic (<c>input_layer</c>, ...) when null.</param>
        public InputLayer(long[] shape, int? batch_size = null, string? name = null)
            : this(shape?.Select(d => (long?)d).ToArray() ?? throw new ArgumentNullException(nameof(shape)), batch_size, null, null, name)
        {
        }

        /// <summary>The shape of one sample (unknown dimensions as -1, as torch writes them).</summary>
        public long[] shape => batch_input_shape!.Skip(1).Select(d => d ?? -1).ToArray();

        /// <summary>The fixed batch size; null when any batch size is accepted.</summary>
        public int? batch_size { get; }

        /// <summary>The dtype of the input.</summary>
        public string dtype { get; }

        /// <summary>The symbolic tensor this layer stands for (what <c>keras.Input</c> returns).</summary>
        public KerasTensor output { get; }

        /// <inheritdoc/>
        protected override void assert_input_compatibility(long[] shape) => check_sample_shape(shape, with_batch: true);

        /// <summary>Keras's input check; <paramref name="with_batch"/> false leaves the batch axis free.</summary>
        internal void check_sample_shape(long[] shape, bool with_batch)
        {
            var expected = batch_input_shape!;
            bool ok = shape.Length == expected.Length;
            // A loop, not LINQ: it runs at every call of a Sequential model.
            for (int axis = with_batch ? 0 : 1; ok && axis < shape.Length; axis++) ok = expected[axis] is null || expected[axis] == shape[axis];
            if (!ok)
                throw new ArgumentException($"Input 0 of layer \"{name}\" is incompatible with the layer: expected shape={ShapeText.format(expected)}, found shape={ShapeText.format(shape)}", "inputs");
        }

        /// <inheritdoc/>
        public override Tensor call(Tensor inputs, bool training = false) => inputs;

        /// <inheritdoc/>
        public override Dictionary<string, object?> get_config() => new()
        {
            ["batch_shape"] = batch_input_shape,
            ["dtype"] = dtype,
            ["sparse"] = false,
            ["name"] = name,
        };
    }
}

namespace KerasPort
{
    using KerasPort.Backend;
    using KerasPort.Layers;

    public static partial class keras
    {
        /// <summary>
        /// Keras's <c>keras.Input(shape)</c>: the symbolic input of a Functional model, one sample of
        /// <paramref name="shape"/> (no batch axis; null for an unknown dimension). Made by an
        /// <see cref="InputLayer"/>, whose name the tensor takes.
        /// </summary>
        /// <param name="shape">Shape of one sample.</param>
        /// <param name="batch_size">Fixed batch size, or null for any.</param>
        /// <param name="dtype">The input's dtype (<c>float32</c>).</param>
        /// <param name="name">The input's name; automatic (<c>input_layer</c>, ...) when null.</param>
        /// <param name="batch_shape">The whole shape, batch axis first, instead of <paramref name="shape"/>.</param>
        public static KerasTensor Input(long?[]? shape = null, int? batch_size = null, string? dtype = null, string? name = null, long?[]? batch_shape = null) =>
            new InputLayer(shape, batch_size, dtype, batch_shape, name).output;

        /// <summary>Keras's <c>keras.Input(shape)</c> for a shape of known dimensions (<c>long[]</c>, as a program's <c>input_shape</c> variable).</summary>
        public static KerasTensor Input(long[] shape, int? batch_size = null, string? dtype = null, string? name = null) =>
            new InputLayer(shape?.Select(d => (long?)d).ToArray() ?? throw new ArgumentNullException(nameof(shape)), batch_size, dtype, null, name).output;

        /// <summary>
        /// Keras's <c>keras.layers</c> module: the functions it offers beside the layer classes (which
        /// live in <c>KerasPort.Layers</c>), such as <c>Input</c>, <c>add</c> and <c>concatenate</c>.
        /// </summary>
        public static partial class layers
        {
            /// <summary>Keras's <c>keras.layers.Input(shape)</c>, the same as <see cref="keras.Input(long?[], int?, string?, string?, long?[])"/>.</summary>
            public static KerasTensor Input(long?[]? shape = null, int? batch_size = null, string? dtype = null, string? name = null, long?[]? batch_shape = null) =>
                keras.Input(shape, batch_size, dtype, name, batch_shape);

            /// <summary>Keras's <c>keras.layers.Input(shape)</c> for a shape of known dimensions.</summary>
            public static KerasTensor Input(long[] shape, int? batch_size = null, string? dtype = null, string? name = null) =>
                keras.Input(shape, batch_size, dtype, name);
        }
    }
}
