using KerasPort.Backend;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>Dropout</c>: while training, each unit becomes 0 with probability <see cref="rate"/>
/// and the others are scaled by <c>1 / (1 - rate)</c>; at inference it is the identity.
/// </summary>
/// <example><code>
/// model.add(new Dropout(0.2));
/// // Python: model.add(keras.layers.Dropout(0.2))
/// </code></example>
public class Dropout : Layer
{
    private readonly NoiseSource _noise;

    /// <param name="rate">Fraction of the units to drop, in [0, 1).</param>
    /// <param name="noise_shape">Shape of the keep/drop mask, broadcast over the input; a null entry takes the input's size.</param>
    /// <param name="seed">Seed of the layer's random stream; the same seed gives the same masks.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="input_shape">Shape of one sample, to start a Sequential with this layer.</param>
    public Dropout(double rate, long?[]? noise_shape = null, long? seed = null, string? name = null, long[]? input_shape = null)
        : base(name, input_shape: input_shape)
    {
        // Every argument is checked before the random stream is made: a refused layer draws nothing.
        double checked_rate = RateCheck.dropout_rate(rate, nameof(rate));
        this.noise_shape = RateCheck.noise_shape(noise_shape);
        _noise = new NoiseSource(checked_rate, seed);
        build_at_init();
    }

    /// <summary>The fraction of the units dropped while training, in [0, 1).</summary>
    public double rate => _noise.rate;

    /// <summary>The shape of the drop mask (null entries take the input's size); null is the input's shape.</summary>
    public long?[]? noise_shape { get; }

    /// <summary>The seed given; null when the stream's seed came from Python's <c>random</c>.</summary>
    public long? seed => _noise.seed;

    /// <summary>The layer's random stream (Keras's <c>seed_generator</c>); null when rate is 0.</summary>
    public SeedGenerator? seed_generator => rate > 0 ? _noise.seed_generator : null;

    /// <summary>The mask shape for these inputs (null entries take the input's size); null is the input's shape.</summary>
    protected virtual long?[]? get_noise_shape(Tensor inputs)
    {
        if (noise_shape is not null) RateCheck.concrete(noise_shape, inputs.shape);
        return noise_shape;
    }

    // keras.random.dropout decides the path as Keras's torch backend does: an unseeded layer
    // without noise_shape uses torch's dropout on the global generator, any other a Bernoulli
    // mask from the layer's SeedGenerator.

    /// <inheritdoc/>
    public override Tensor call(Tensor inputs, bool training = false) =>
        _noise.active(training) ? keras.random.dropout(inputs, rate, get_noise_shape(inputs), _noise.seed_generator) : inputs;

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["rate"] = rate;
        config["seed"] = seed;
        config["noise_shape"] = noise_shape;
        return config;
    }
}
