using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>Rescaling</c>: <c>inputs * scale + offset</c> in float32, in training and at inference alike.
/// </summary>
/// <example><code>
/// model.add(new Rescaling(1.0 / 255));                 // [0, 255] to [0, 1]
/// // Python: model.add(keras.layers.Rescaling(1.0 / 255))
/// model.add(new Rescaling(1.0 / 127.5, offset: -1));   // [0, 255] to [-1, 1]
/// // Python: model.add(keras.layers.Rescaling(1.0 / 127.5, offset=-1))
/// </code></example>
public sealed class Rescaling : Layer
{
    /// <param name="scale">The factor every input value is multiplied by.</param>
    /// <param name="offset">The value added after scaling; 0 by default.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="input_shape">The shape of one sample, to build at once.</param>
    public Rescaling(double scale, double offset = 0.0, string? name = null, long[]? input_shape = null)
        : base(name, input_shape: input_shape)
    {
        this.scale = scale;
        this.offset = offset;
        build_at_init();
    }

    /// <summary>The factor every input value is multiplied by.</summary>
    public double scale { get; }

    /// <summary>The value added after scaling.</summary>
    public double offset { get; }

    /// <inheritdoc/>
    public override Tensor call(Tensor inputs, bool training = false)
    {
        using var x = inputs.to_type(ScalarType.Float32);
        // Keras casts scale and offset to float32 first, then computes x * scale + offset.
        using var scaled = x * (float)scale;
        return scaled + (float)offset;
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["scale"] = scale;
        config["offset"] = offset;
        return config;
    }
}
