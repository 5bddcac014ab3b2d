using static TorchSharp.torch;

namespace KerasPort.Layers
{
    /// <summary>
    /// Keras's <c>InputLayer</c>: declares the shape of one sample, so the model builds at once and
    /// checks what it is given. Made by <c>keras.Input(shape)</c>; a Sequential keeps it out of
    /// <c>layers</c> and out of the summary, as Keras does.
    /// </summary>
    public sealed class InputLayer : Layer
    {
        /// <param name="shape">Shape of one sample, without the batch axis.</param>
        /// <param name="batch_size">Fixed batch size, or null for any.</param>
        /// <param name="name">The layer's name; automatic (<c>input_layer</c>, ...) when null.</param>
        public InputLayer(long[] shape, int? batch_size = null, string? name = null)
            : base(name, input_shape: shape ?? throw new ArgumentNullException(nameof(shape)))
        {
            if (batch_size is <= 0)
                throw new ArgumentException($"Invalid value received for argument batch_size. Expected a positive integer or null. Received: batch_size={batch_size}", nameof(batch_size));
            batch_input_shape = [batch_size, .. shape.Select(d => (long?)d)];
            this.shape = (long[])shape.Clone();
            this.batch_size = batch_size;
            build(batch_input_shape);
        }

        /// <summary>The shape of one sample.</summary>
        public long[] shape { get; }

        public int? batch_size { get; }

        protected override void assert_input_compatibility(long[] shape)
        {
            bool ok = shape.Length == batch_input_shape!.Length
                && shape.Zip(batch_input_shape).All(p => p.Second is null || p.Second == p.First);
            if (!ok)
                throw new ArgumentException($"Input 0 of layer \"{name}\" is incompatible with the layer: expected shape={ShapeText.format(batch_input_shape)}, found shape={ShapeText.format(shape)}", "inputs");
        }

        public override Tensor call(Tensor inputs, bool training = false) => inputs;

        public override Dictionary<string, object?> get_config() => new()
        {
            ["batch_shape"] = batch_input_shape,
            ["dtype"] = "float32",
            ["sparse"] = false,
            ["name"] = name,
        };
    }
}

namespace KerasPort
{
    using KerasPort.Layers;

    public static partial class keras
    {
        /// <summary>Keras's <c>keras.Input(shape)</c>: the input of a model, one sample of <paramref name="shape"/>.</summary>
        public static InputLayer Input(long[] shape, int? batch_size = null, string? name = null) => new(shape, batch_size, name);

        public static partial class layers
        {
            /// <summary>Keras's <c>keras.layers.Input(shape)</c>, the same as <see cref="keras.Input"/>.</summary>
            public static InputLayer Input(long[] shape, int? batch_size = null, string? name = null) => new(shape, batch_size, name);
        }
    }
}
