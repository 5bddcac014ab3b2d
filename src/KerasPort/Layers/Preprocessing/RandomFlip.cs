using KerasPort.Backend;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>RandomFlip</c>: while training, flips each image with probability ½ (left-right, top-bottom,
/// or both with the same draw); at inference it is the identity.
/// </summary>
/// <example><code>
/// model.add(new RandomFlip("horizontal", seed: 42));
/// // Python: model.add(keras.layers.RandomFlip("horizontal", seed=42))
/// </code></example>
public sealed class RandomFlip : BaseImagePreprocessingLayer<bool[]>
{
    /// <param name="mode"><c>"horizontal"</c>, <c>"vertical"</c> or <c>"horizontal_and_vertical"</c> (default).</param>
    /// <param name="seed">Seed of the layer's random stream; null takes one from Python's <c>random</c>.</param>
    /// <param name="data_format"><c>"channels_last"</c> (default) or <c>"channels_first"</c>.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="input_shape">The shape of one sample, to build at once.</param>
    public RandomFlip(string mode = "horizontal_and_vertical", long? seed = null, string? data_format = null,
        string? name = null, long[]? input_shape = null)
        : base(data_format, name, input_shape)
    {
        // Keras 3.15 accepts any mode and then flips nothing; the issue asks for the error at construction.
        if (mode is not ("horizontal" or "vertical" or "horizontal_and_vertical"))
            throw new ArgumentException($"RandomFlip layer RandomFlip received an unknown mode argument {mode}. Expected one of 'horizontal', 'vertical' or 'horizontal_and_vertical'.", nameof(mode));
        this.mode = mode;
        this.seed = seed;
        generator = new SeedGenerator(seed);
    }

    /// <summary><c>"horizontal"</c>, <c>"vertical"</c> or <c>"horizontal_and_vertical"</c>.</summary>
    public string mode { get; }

    /// <summary>The seed given; null when the stream's seed came from Python's <c>random</c>.</summary>
    public long? seed { get; }

    /// <summary>The layer's random stream (Keras's <c>generator</c>).</summary>
    public SeedGenerator generator { get; }

    /// <summary>Whether each image is flipped: one uniform draw per image, flipped when at most 0.5.</summary>
    public override bool[]? get_random_transformation(Tensor data, bool training = true, SeedGenerator? seed = null)
    {
        if (!training) return null;
        long[] shape = data.dim() == 4 ? [data.shape[0], 1, 1, 1] : [1, 1, 1];
        using var draws = keras.random.uniform(shape, seed: seed ?? generator);
        using var flips = draws.le(0.5).flatten();
        return flips.data<bool>().ToArray();
    }

    /// <inheritdoc/>
    public override Tensor transform_images(Tensor images, bool[]? transformation, bool training = true)
    {
        var x = images.dtype == ScalarType.Float32 ? images : images.to_type(ScalarType.Float32);
        if (!training || transformation is null || !transformation.Any(f => f)) return x;
        long[] axes = (mode, data_format == "channels_last") switch
        {
            ("horizontal", true) => [1],
            ("horizontal", false) => [2],
            ("vertical", true) => [0],
            ("vertical", false) => [1],
            (_, true) => [0, 1],
            (_, false) => [1, 2],
        };
        var output = x.clone();
        for (int i = 0; i < transformation.Length; i++)
        {
            if (!transformation[i]) continue;
            using var image = x[i];
            using var flipped = image.flip(axes);
            using var slot = output[i];
            slot.copy_(flipped);
        }
        return output;
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["seed"] = seed;
        config["mode"] = mode;
        return config;
    }
}
