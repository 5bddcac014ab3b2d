using TorchSharp;

namespace KerasPort.Regularizers;

    /// <summary>
    /// L1 weight penalty (Keras's <c>keras.regularizers.L1</c>): <c>l1 * sum(|x|)</c>, which pushes
    /// weights to exactly zero. Keras keeps the factor as a float32 tensor, so <see cref="l1"/> and the
    /// config hold its float32 value (0.01 reads 0.009999999776482582).
    /// </summary>
    /// <example>
    /// Python <c>Dense(60, input_shape=(60,), activation="relu", kernel_regularizer=keras.regularizers.l1(0.01))</c> ports as:
    /// <code>
    /// model.add(new Dense(60, input_shape: [60], activation: "relu", kernel_regularizer: keras.regularizers.l1(0.01)));
    /// </code>
    /// </example>
public sealed class L1 : Regularizer
{
    /// <param name="l1">The factor, finite and non-negative; null means the default 0.01.</param>
    public L1(double? l1 = 0.01)
    {
        this.l1 = (float)validate_float_arg(l1 ?? 0.01, nameof(l1));
    }

    /// <summary>The factor as Keras stores it (float32).</summary>
    public double l1 { get; }

    /// <inheritdoc/>
    public override torch.Tensor call(torch.Tensor x)
    {
        using var sum = x.abs().sum();
        return sum.mul(l1);
    }

    /// <inheritdoc/>
    public override IDictionary<string, object> get_config() => new Dictionary<string, object> { ["l1"] = l1 };

    /// <summary>Keras's <c>L1.from_config</c>: <c>L1(**config)</c>.</summary>
    public static L1 from_config(IDictionary<string, object> config)
    {
        var kwargs = config_kwargs(config, nameof(L1), "l1");
        return new L1(kwargs.TryGetValue("l1", out var v) && v is not null ? validate_float_arg(v, "l1") : null);
    }
}
