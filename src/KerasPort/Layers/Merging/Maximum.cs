using static TorchSharp.torch;

namespace KerasPort.Layers
{
    /// <summary>Keras's <c>Maximum</c>: the elementwise maximum of its inputs.</summary>
    /// <example><code>var y = new Maximum().__call__([x1, x2]);</code></example>
    public sealed class Maximum : Merge
    {
        /// <param name="name">The layer's name; automatic (<c>maximum</c>, ...) when null.</param>
        public Maximum(string? name = null) : base(name)
        {
        }

        /// <inheritdoc/>
        protected override Tensor merge_function(IReadOnlyList<Tensor> inputs)
        {
            var output = inputs[0];
            for (int i = 1; i < inputs.Count; i++) output = output.maximum(inputs[i]);
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
            /// <summary>Keras's <c>keras.layers.maximum(inputs)</c>: a new <see cref="Maximum"/> layer called on the symbolic inputs.</summary>
            public static KerasTensor maximum(IReadOnlyList<KerasTensor> inputs, string? name = null) => new Maximum(name).__call__(inputs);

            /// <summary>Keras's <c>keras.layers.maximum(inputs)</c> on real tensors: the merged tensor.</summary>
            public static Tensor maximum(IReadOnlyList<Tensor> inputs, string? name = null) => new Maximum(name).__call__(inputs);
        }
    }
}
