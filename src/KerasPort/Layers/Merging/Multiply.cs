using static TorchSharp.torch;

namespace KerasPort.Layers
{
    /// <summary>Keras's <c>Multiply</c>: the elementwise product of its inputs.</summary>
    /// <example><code>var y = new Multiply().__call__([x1, x2]);</code></example>
    public sealed class Multiply : Merge
    {
        /// <param name="name">The layer's name; automatic (<c>multiply</c>, ...) when null.</param>
        public Multiply(string? name = null) : base(name)
        {
        }

        /// <inheritdoc/>
        protected override Tensor merge_function(IReadOnlyList<Tensor> inputs)
        {
            var output = inputs[0];
            for (int i = 1; i < inputs.Count; i++) output = output.mul(inputs[i]);
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
            /// <summary>Keras's <c>keras.layers.multiply(inputs)</c>: a new <see cref="Multiply"/> layer called on the symbolic inputs.</summary>
            public static KerasTensor multiply(IReadOnlyList<KerasTensor> inputs, string? name = null) => new Multiply(name).__call__(inputs);

            /// <summary>Keras's <c>keras.layers.multiply(inputs)</c> on real tensors: the merged tensor.</summary>
            public static Tensor multiply(IReadOnlyList<Tensor> inputs, string? name = null) => new Multiply(name).__call__(inputs);
        }
    }
}
