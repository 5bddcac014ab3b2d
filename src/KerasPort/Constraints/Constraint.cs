using KerasPort.Layers;
using static TorchSharp.torch;

namespace KerasPort.Constraints;

/// <summary>
/// Base of Keras's weight constraints (<c>keras.constraints.Constraint</c>): a stateless projection
/// that training applies to a weight after each optimizer update, through a layer's
/// <c>kernel_constraint</c>, <c>bias_constraint</c>, ... arguments. The base class itself leaves the
/// weight unchanged and has an empty config, as in Keras; a subclass overrides <see cref="call"/>.
/// </summary>
public class Constraint
{
    /// <summary>The projected weight (Keras's <c>__call__</c>); the base class returns <paramref name="w"/> unchanged.</summary>
    public virtual Tensor call(Tensor w) => w;

    /// <summary>Keras's config dictionary: the constructor's arguments (none for the base class).</summary>
    public virtual IDictionary<string, object> get_config() => new Dictionary<string, object>();

    /// <summary>The norm of <paramref name="w"/> along <paramref name="axis"/>, kept as size-1 axes (Keras's <c>sqrt(sum(square(w), axis, keepdims=True))</c>).</summary>
    private protected static Tensor norms(Tensor w, Axes axis) =>
        w.square().sum(axis.values.Select(a => (long)a).ToArray(), keepdim: true).sqrt();

    /// <summary>An axis argument as Keras writes it in a config: an int, or a list of ints.</summary>
    private protected static object axis_config(Axes axis) => axis.is_scalar ? axis.values[0] : axis.values;
}
