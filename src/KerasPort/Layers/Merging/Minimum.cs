using static TorchSharp.torch;

namespace KerasPort.Layers
{
    /// <summary>Keras's <c>Minimum</c>: the elementwise minimum of its inputs.</summary>
    /// <example><code>var y = new Minimum().__call__([x1, x2]);</code></example>
    public sealed class Minimum : Merge
    {
        /// <param name="name">The layer's name; automatic (<c>minimum</c>, ...) when null.</param>
        public Minimum(string? name = null) : base(name)
        {
        }

        /// <inheritdoc/>
        protected override Tensor merge_function(IReadOnlyList<Tensor> inputs)
        {
            var output = inputs[0];
            for (int i = 1; i < inputs.Count; i++) output = output.minimum(inputs[i]);
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
            /// <summary>Keras's <c>keras.layers.minimum(inputs)</c>: a new <see cref="Minimum"/> layer called on the symbolic inputs.</summary>
            public static KerasTensor minimum(IReadOnlyList<KerasTensor> inputs, string? name = null) => new Minimum(name).__call__(inputs);

            /// <summary>Keras's <c>keras.layers.minimum(inputs)</c> on real tensors: the merged tensor.</summary>
            public static Tensor minimum(IReadOnlyList<Tensor> inputs, string? name = null) => new Minimum(name).__call__(inputs);
        }
    }
}
