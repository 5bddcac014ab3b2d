using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>Dropout</c>: while training, each unit becomes 0 with probability <see cref="rate"/>
/// and the others are scaled by <c>1 / (1 - rate)</c>; at inference it is the identity.
/// </summary>
/// <example><code>model.add(new Dropout(0.2));</code></example>
public class Dropout : Layer
{
    private readonly NoiseSource _noise;

    /// <param name="rate">Fraction of the units to drop, in [0, 1).</param>
    /// <param name="noise_shape">Shape of the keep/drop mask, broadcast over the input; a null entry takes the input's size.</param>
    /// <param name="seed">Seed of the layer's random stream; the same seed gives the same masks.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    public Dropout(double rate, long?[]? noise_shape = null, long? seed = null, string? name = null)
        : base(name)
    {
        // Every argument is checked before the random stream is made: a refused layer draws nothing.
        double checked_rate = RateCheck.dropout_rate(rate, nameof(rate));
        this.noise_shape = RateCheck.noise_shape(noise_shape);
        _noise = new NoiseSource(checked_rate, seed);
        build_at_init();
    }

    public double rate => _noise.rate;
    public long?[]? noise_shape { get; }
    public long? seed => _noise.seed;

    /// <summary>The mask shape for these inputs.</summary>
    protected virtual long[] get_noise_shape(Tensor inputs) => RateCheck.concrete(noise_shape, inputs.shape);

    public override Tensor call(Tensor inputs, bool training = false)
    {
        if (!_noise.active(training)) return inputs;
        double keep = 1.0 - rate;
        // Keep each unit with probability 1 - rate, and scale the kept ones (a mask of 0 or 1/keep,
        // broadcast over the input when noise_shape has 1s).
        using var mask = empty(get_noise_shape(inputs), dtype: inputs.dtype).bernoulli_(keep, _noise.generator);
        mask.div_(keep);
        return inputs * mask;
    }

    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["rate"] = rate;
        config["seed"] = seed;
        config["noise_shape"] = noise_shape;
        return config;
    }
}
