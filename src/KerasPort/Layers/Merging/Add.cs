using static TorchSharp.torch;

namespace KerasPort.Layers
{
    /// <summary>Keras's <c>Add</c>: the elementwise sum of its inputs (all of one shape, or broadcastable).</summary>
    /// <example><code>
    /// var y = new Add().__call__([x1, x2]);
    /// // Python: y = keras.layers.Add()([x1, x2])
    /// </code></example>
    public sealed class Add : Merge
    {
        /// <param name="name">The layer's name; automatic (<c>add</c>, ...) when null.</param>
        public Add(string? name = null) : base(name)
        {
        }

        /// <inheritdoc/>
        protected override Tensor merge_function(IReadOnlyList<Tensor> inputs)
        {
            var output = inputs[0];
            for (int i = 1; i < inputs.Count; i++) output = output.add(inputs[i]);
            return output;
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
            /// <summary>Keras's <c>keras.layers.add(inputs)</c>: a new <see cref="Add"/> layer called on the symbolic inputs.</summary>
            public static KerasTensor add(IReadOnlyList<KerasTensor> inputs, string? name = null) => new Add(name).__call__(inputs);

            /// <summary>Keras's <c>keras.layers.add(inputs)</c> on real tensors: the merged tensor.</summary>
            public static Tensor add(IReadOnlyList<Tensor> inputs, string? name = null) => new Add(name).__call__(inputs);
        }
    }
}
