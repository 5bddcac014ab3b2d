using static TorchSharp.torch;

namespace KerasPort.Layers
{
    /// <summary>Keras's <c>Average</c>: the elementwise mean of its inputs (their sum divided by their count).</summary>
    /// <example><code>var y = new Average().__call__([x1, x2]);</code></example>
    public sealed class Average : Merge
    {
        /// <param name="name">The layer's name; automatic (<c>average</c>, ...) when null.</param>
        public Average(string? name = null) : base(name)
        {
        }

        /// <inheritdoc/>
        protected override Tensor merge_function(IReadOnlyList<Tensor> inputs)
        {
            var output = inputs[0];
            for (int i = 1; i < inputs.Count; i++) output = output.add(inputs[i]);
            return output / inputs.Count;
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
            /// <summary>Keras's <c>keras.layers.average(inputs)</c>: a new <see cref="Average"/> layer called on the symbolic inputs.</summary>
            public static KerasTensor average(IReadOnlyList<KerasTensor> inputs, string? name = null) => new Average(name).__call__(inputs);

            /// <summary>Keras's <c>keras.layers.average(inputs)</c> on real tensors: the merged tensor.</summary>
            public static Tensor average(IReadOnlyList<Tensor> inputs, string? name = null) => new Average(name).__call__(inputs);
        }
    }
}
