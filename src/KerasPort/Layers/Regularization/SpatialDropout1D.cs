using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>Keras's <c>SpatialDropout1D</c>: drops whole channels of <c>[batch, steps, channels]</c> inputs.</summary>
public sealed class SpatialDropout1D : Dropout
{
    public SpatialDropout1D(double rate, long? seed = null, string? name = null) : base(rate, seed: seed, name: name)
    {
    }

    protected override void assert_input_compatibility(long[] shape)
    {
        if (shape.Length != 3)
            throw new ArgumentException($"Input 0 of layer \"{name}\" is incompatible with the layer: expected ndim=3, found ndim={shape.Length}. Full shape received: {ShapeText.format(shape)}", "inputs");
    }

    protected override long[] get_noise_shape(Tensor inputs) => [inputs.shape[0], 1, inputs.shape[2]];
}
