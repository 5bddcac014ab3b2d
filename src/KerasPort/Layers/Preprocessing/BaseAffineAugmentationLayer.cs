using KerasPort.Backend;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// What RandomRotation, RandomZoom, RandomTranslation and RandomShear share: a random stream, Keras's
/// fill and interpolation arguments, and the pixel work, one <c>keras.ops.image.affine_transform</c>
/// pass per image with the transform rows (<c>[N, 8]</c>) that the layer drew.
/// </summary>
public abstract class BaseAffineAugmentationLayer : BaseImagePreprocessingLayer<Tensor>
{
    private protected BaseAffineAugmentationLayer(string fill_mode, string interpolation, double fill_value, string? data_format,
        string? name, long[]? input_shape)
        : base(data_format, name, input_shape)
    {
        check_fill_and_interpolation(fill_mode, interpolation);
        this.fill_mode = fill_mode;
        this.interpolation = interpolation;
        this.fill_value = fill_value;
    }

    /// <summary>How points outside the image are filled: reflect, wrap, constant or nearest.</summary>
    public string fill_mode { get; }

    /// <summary>bilinear or nearest.</summary>
    public string interpolation { get; }

    /// <summary>The fill of constant mode.</summary>
    public double fill_value { get; }

    /// <summary>The seed given; null when the stream's seed came from Python's <c>random</c>.</summary>
    public long? seed { get; private protected init; }

    /// <summary>The layer's random stream.</summary>
    public SeedGenerator generator { get; private protected init; } = null!;

    /// <inheritdoc/>
    public override Tensor transform_images(Tensor images, Tensor? transformation, bool training = true)
    {
        var x = images.dtype == ScalarType.Float32 ? images : images.to_type(ScalarType.Float32);
        if (!training || transformation is null) return x;
        return keras.ops.image.affine_transform(x, transformation, interpolation, fill_mode, fill_value, data_format);
    }

    /// <summary>Adds the layer's factors to its config, where Keras writes them (before the fill settings).</summary>
    private protected abstract void add_factor_config(Dictionary<string, object?> config);

    /// <summary>Whether Keras writes <c>fill_value</c> right after <c>fill_mode</c> (RandomRotation) rather than last.</summary>
    private protected virtual bool fill_value_after_fill_mode => false;

    /// <inheritdoc/>
    public sealed override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        add_factor_config(config);
        config["fill_mode"] = fill_mode;
        if (fill_value_after_fill_mode) config["fill_value"] = fill_value;
        config["interpolation"] = interpolation;
        config["seed"] = seed;
        config["fill_value"] = fill_value;
        return config;
    }
}
