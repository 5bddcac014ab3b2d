using TorchSharp;

namespace KerasPort.Regularizers;

/// <summary>
/// L2 weight penalty (Keras's <c>keras.regularizers.L2</c>): <c>l2 * sum(x^2)</c> (no one-half),
/// with the factor cast to the weights' dtype.
/// </summary>
/// <example>
/// Python <c>Dense(30, activation="relu", kernel_regularizer=keras.regularizers.l2(0.001))</c> ports as:
/// <code>
/// model.add(new Dense(30, activation: "relu", kernel_regularizer: keras.regularizers.l2(0.001)));
/// // or: kernel_regularizer: new L2(0.001), or by name with the default factor: kernel_regularizer: "l2"
/// </code>
/// </example>
public sealed class L2 : Regularizer
{
    /// <param name="l2">The factor, finite and non-negative; null means the default 0.01.</param>
    public L2(double? l2 = 0.01)
    {
        this.l2 = validate_float_arg(l2 ?? 0.01, nameof(l2));
    }

    /// <summary>The penalty factor.</summary>
    public double l2 { get; }

    /// <inheritdoc/>
    public override torch.Tensor call(torch.Tensor x)
    {
        using var sum = x.square().sum();
        return sum.mul(l2);
    }

    /// <inheritdoc/>
    public override IDictionary<string, object> get_config() => new Dictionary<string, object> { ["l2"] = l2 };

    /// <summary>Keras's <c>L2.from_config</c>: <c>L2(**config)</c>.</summary>
    public static L2 from_config(IDictionary<string, object> config)
    {
        var kwargs = config_kwargs(config, nameof(L2), "l2");
        return new L2(kwargs.TryGetValue("l2", out var v) && v is not null ? validate_float_arg(v, "l2") : null);
    }
}
