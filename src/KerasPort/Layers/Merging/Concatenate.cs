using static TorchSharp.torch;

namespace KerasPort.Layers
{
    /// <summary>
    /// Keras's <c>Concatenate</c>: joins a list of tensors along <c>axis</c>; every other axis must
    /// match (an unknown dimension matches any).
    /// </summary>
    /// <example><code>
    /// var merged = keras.layers.concatenate([dense_a, dense_b]);
    /// // Python: merged = keras.layers.concatenate([dense_a, dense_b])
    /// var joined = new Concatenate(axis: 1).__call__([x1, x2]);
    /// // Python: joined = keras.layers.Concatenate(axis=1)([x1, x2])
    /// </code></example>
    public sealed class Concatenate : Merge
    {
        /// <param name="axis">The axis to join along (the last, -1, by default).</param>
        /// <param name="name">The layer's name; automatic (<c>concatenate</c>, ...) when null.</param>
        public Concatenate(int axis = -1, string? name = null) : base(name)
        {
            this.axis = axis;
        }

        /// <summary>The axis the inputs are joined along.</summary>
        public int axis { get; }

        /// <inheritdoc/>
        public override void build(IReadOnlyList<long?[]> input_shapes)
        {
            if (input_shapes.Count < 1)
                throw new ArgumentException("A `Concatenate` layer should be called on a list of at least 1 input. Received: input_shape=[]", nameof(input_shapes));
            // Keras drops the concatenation axis from each shape and asks the rest to agree,
            // unknown dimensions agreeing with anything.
            var reduced = input_shapes.Select(s =>
            {
                var list = s.ToList();
                int at = axis < 0 ? list.Count + axis : axis;
                if (at >= 0 && at < list.Count) list.RemoveAt(at);
                return list;
            }).ToList();
            string message = $"A `Concatenate` layer requires inputs with matching shapes except for the concatenation axis. Received: input_shape=[{string.Join(", ", input_shapes.Select(ShapeText.format))}]";
            if (reduced.Select(r => r.Count).Distinct().Count() != 1) throw new ArgumentException(message, nameof(input_shapes));
            for (int i = 0; i < reduced[0].Count; i++)
                if (reduced.Select(r => r[i]).OfType<long>().Distinct().Count() > 1) throw new ArgumentException(message, nameof(input_shapes));
            mark_built(input_shapes);
        }

        /// <inheritdoc/>
        public override Tensor[] call(IReadOnlyList<Tensor> inputs, bool training = false) => [merge_function(inputs)];

        /// <inheritdoc/>
        protected override Tensor merge_function(IReadOnlyList<Tensor> inputs) => cat(inputs.ToList(), axis);

        /// <inheritdoc/>
        public override long?[][] compute_output_shape(IReadOnlyList<long?[]> input_shapes)
        {
            var output = input_shapes[0].ToArray();
            int at = axis < 0 ? output.Length + axis : axis;
            foreach (var shape in input_shapes.Skip(1))
            {
                int other = axis < 0 ? shape.Length + axis : axis;
                if (output[at] is null || shape[other] is null)
                {
                    output[at] = null;
                    break;
                }
                output[at] += shape[other];
            }
            return [output];
        }

        /// <inheritdoc/>
        public override Dictionary<string, object?> get_config()
        {
            var config = base.get_config();
            config["axis"] = axis;
            return config;
        }
    }
}

namespace KerasPort
{
    using KerasPort.Backend;
    using KerasPort.Layers;
    using static TorchSharp.torch;

    public static partial class keras
    {
        public static partial class layers
        {
            /// <summary>Keras's <c>keras.layers.concatenate(inputs, axis)</c>: a new <see cref="Concatenate"/> layer called on the symbolic inputs.</summary>
            public static KerasTensor concatenate(IReadOnlyList<KerasTensor> inputs, int axis = -1, string? name = null) => new Concatenate(axis, name).__call__(inputs);

            /// <summary>Keras's <c>keras.layers.concatenate(inputs, axis)</c> on real tensors.</summary>
            public static Tensor concatenate(IReadOnlyList<Tensor> inputs, int axis = -1, string? name = null) => new Concatenate(axis, name).__call__(inputs);
        }
    }
}
