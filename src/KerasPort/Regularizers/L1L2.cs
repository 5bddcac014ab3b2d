using TorchSharp;

namespace KerasPort.Regularizers;

    /// <summary>
    /// L1 and L2 penalties together (Keras's <c>keras.regularizers.L1L2</c>):
    /// <c>l1 * sum(|x|) + l2 * sum(x^2)</c>; each term is added only when its factor is non-zero,
    /// starting from 0 in the weights' dtype (factors cast to that dtype).
    /// </summary>
    /// <example>
    /// Python <c>keras.regularizers.l1_l2(l1=1e-5, l2=1e-4)</c> ports as:
    /// <code>
    /// var reg = keras.regularizers.l1_l2(l1: 1e-5, l2: 1e-4);   // or new L1L2(l1: 1e-5, l2: 1e-4)
    /// </code>
    /// </example>
public sealed class L1L2 : Regularizer
{
    /// <param name="l1">L1 factor; null means 0.</param>
    /// <param name="l2">L2 factor; null means 0.</param>
    public L1L2(double? l1 = 0.0, double? l2 = 0.0)
    {
        this.l1 = validate_float_arg(l1 ?? 0.0, nameof(l1));
        this.l2 = validate_float_arg(l2 ?? 0.0, nameof(l2));
    }

    /// <summary>The L1 factor; 0 leaves the term out.</summary>
    public double l1 { get; }
    /// <summary>The L2 factor; 0 leaves the term out.</summary>
    public double l2 { get; }

    /// <inheritdoc/>
    public override torch.Tensor call(torch.Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var regularization = torch.zeros([], x.dtype);
        if (l1 != 0.0) regularization = regularization + x.abs().sum().mul(l1);
        if (l2 != 0.0) regularization = regularization + x.square().sum().mul(l2);
        return regularization.MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override IDictionary<string, object> get_config() => new Dictionary<string, object> { ["l1"] = l1, ["l2"] = l2 };

    /// <summary>Keras's <c>L1L2.from_config</c>: <c>L1L2(**config)</c>.</summary>
    public static L1L2 from_config(IDictionary<string, object> config)
    {
        var kwargs = config_kwargs(config, nameof(L1L2), "l1", "l2");
        double? arg(string name) => kwargs.TryGetValue(name, out var v) && v is not null ? validate_float_arg(v, name) : null;
        return new L1L2(arg("l1"), arg("l2"));
    }
}
