using KerasPort.Backend;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>RandomRotation</c>: while training, rotates each image about its centre by an angle drawn
/// uniformly from <c>factor · 360°</c>; at inference it is the identity.
/// </summary>
/// <example><code>
/// model.add(new RandomRotation(0.1));                             // up to ±36°
/// // Python: model.add(keras.layers.RandomRotation(0.1))
/// model.add(new RandomRotation((-0.1, 0.25), fill_mode: "constant"));
/// // Python: model.add(keras.layers.RandomRotation((-0.1, 0.25), fill_mode="constant"))
/// </code></example>
public sealed class RandomRotation : BaseAffineAugmentationLayer
{
    /// <param name="factor">A fraction of a full turn: f gives angles in [−f·360°, f·360°], (lower, upper) in [lower·360°, upper·360°]; within [−1, 1].</param>
    /// <param name="fill_mode">Points outside the image: <c>"reflect"</c> (default), <c>"wrap"</c>, <c>"constant"</c> or <c>"nearest"</c>.</param>
    /// <param name="interpolation"><c>"bilinear"</c> (default) or <c>"nearest"</c>.</param>
    /// <param name="seed">Seed of the layer's random stream; null takes one from Python's <c>random</c>.</param>
    /// <param name="fill_value">The fill of <c>"constant"</c> mode; 0 by default.</param>
    /// <param name="data_format"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="input_shape">The shape of one sample, to build at once.</param>
    public RandomRotation(Factor factor, string fill_mode = "reflect", string interpolation = "bilinear", long? seed = null,
        double fill_value = 0.0, string? data_format = null, string? name = null, long[]? input_shape = null)
        : base(fill_mode, interpolation, fill_value, data_format, name, input_shape)
    {
        this.factor = set_factor(factor, -1, 1);
        this.seed = seed;
        generator = new SeedGenerator(seed);
    }

    /// <summary>The (lower, upper) fractions of a turn.</summary>
    public (double lower, double upper) factor { get; }

    /// <inheritdoc/>
    public override Tensor? get_random_transformation(Tensor data, bool training = true, SeedGenerator? seed = null)
    {
        if (!training) return null;
        var (height, width) = image_size(data);
        using var angle = keras.random.uniform([batch_size(data)], factor.lower * 360.0, factor.upper * 360.0, seed: seed ?? generator);
        return AffineMatrices.rotation(angle, height, width);
    }

    private protected override bool fill_value_after_fill_mode => true;

    private protected override void add_factor_config(Dictionary<string, object?> config)
    {
        config["factor"] = new List<double> { factor.lower, factor.upper };
    }
}
