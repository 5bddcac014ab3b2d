using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>Keras's <c>SpatialDropout1D</c>: drops whole channels of <c>[batch, steps, channels]</c> inputs.</summary>
/// <example><code>
/// model.add(new SpatialDropout1D(0.2));
/// // Python: model.add(keras.layers.SpatialDropout1D(0.2))
/// </code></example>
public sealed class SpatialDropout1D : Dropout
{
    /// <param name="rate">Fraction of the channels to drop, in [0, 1).</param>
    /// <param name="seed">Seed of the layer's random stream; null (the default) takes one from Python's <c>random</c>.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="input_shape">Shape of one sample, to start a Sequential with this layer.</param>
    public SpatialDropout1D(double rate, long? seed = null, string? name = null, long[]? input_shape = null)
        : base(rate, seed: seed, name: name, input_shape: input_shape)
    {
    }

    /// <inheritdoc/>
    protected override void assert_input_compatibility(long[] shape)
    {
        if (shape.Length != 3)
            throw new ArgumentException($"Input 0 of layer \"{name}\" is incompatible with the layer: expected ndim=3, found ndim={shape.Length}. Full shape received: {ShapeText.format(shape)}", "inputs");
    }

    /// <inheritdoc/>
    protected override long?[] get_noise_shape(Tensor inputs) => [inputs.shape[0], 1, inputs.shape[2]];
}
