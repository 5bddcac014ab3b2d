using TorchSharp;

namespace KerasPort.Regularizers;

/// <summary>L2 penalty, <c>l2 * sum(x^2)</c> (no one-half), with the factor cast to the weights' dtype.</summary>
public sealed class L2 : Regularizer
{
    /// <param name="l2">The factor, finite and non-negative; null means the default 0.01.</param>
    public L2(double? l2 = 0.01)
    {
        this.l2 = validate_float_arg(l2 ?? 0.01, nameof(l2));
    }

    public double l2 { get; }

    public override torch.Tensor call(torch.Tensor x)
    {
        using var sum = x.square().sum();
        return sum.mul(l2);
    }

    public override IDictionary<string, object> get_config() => new Dictionary<string, object> { ["l2"] = l2 };

    /// <summary>Keras's <c>L2.from_config</c>: <c>L2(**config)</c>.</summary>
    public static L2 from_config(IDictionary<string, object> config)
    {
        var kwargs = config_kwargs(config, nameof(L2), "l2");
        return new L2(kwargs.TryGetValue("l2", out var v) && v is not null ? validate_float_arg(v, "l2") : null);
    }
}
