using static TorchSharp.torch;

namespace KerasPort.Layers
{
    /// <summary>Keras's <c>Subtract</c>: its first input minus its second (exactly two inputs).</summary>
    /// <example><code>var y = new Subtract().__call__([x1, x2]);</code></example>
    public sealed class Subtract : Merge
    {
        /// <param name="name">The layer's name; automatic (<c>subtract</c>, ...) when null.</param>
        public Subtract(string? name = null) : base(name)
        {
        }

        /// <inheritdoc/>
        public override void build(IReadOnlyList<long?[]> input_shapes)
        {
            if (input_shapes.Count != 2)
                throw new ArgumentException($"A `Subtract` layer should be called on exactly 2 inputs. Received: input_shape=[{string.Join(", ", input_shapes.Select(ShapeText.format))}]", nameof(input_shapes));
            base.build(input_shapes);
        }

        /// <inheritdoc/>
        protected override Tensor merge_function(IReadOnlyList<Tensor> inputs)
        {
            if (inputs.Count != 2)
                throw new ArgumentException($"A `Subtract` layer should be called on exactly 2 inputs. Received: {inputs.Count} inputs", nameof(inputs));
            return inputs[0].sub(inputs[1]);
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
            /// <summary>Keras's <c>keras.layers.subtract(inputs)</c>: a new <see cref="Subtract"/> layer called on the symbolic inputs.</summary>
            public static KerasTensor subtract(IReadOnlyList<KerasTensor> inputs, string? name = null) => new Subtract(name).__call__(inputs);

            /// <summary>Keras's <c>keras.layers.subtract(inputs)</c> on real tensors: the merged tensor.</summary>
            public static Tensor subtract(IReadOnlyList<Tensor> inputs, string? name = null) => new Subtract(name).__call__(inputs);
        }
    }
}
