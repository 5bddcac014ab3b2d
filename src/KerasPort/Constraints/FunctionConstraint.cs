using static TorchSharp.torch;

namespace KerasPort.Constraints;

/// <summary>
/// A constraint given as a plain function: applied as given, written <c>"custom"</c> in a layer's
/// config (a file cannot carry a function, so such a config does not load back).
/// </summary>
internal sealed class FunctionConstraint(Func<Tensor, Tensor> function) : Constraint
{
    /// <summary>The function given.</summary>
    public Func<Tensor, Tensor> function { get; } = function;

    public override Tensor call(Tensor w) => function(w);

    public override IDictionary<string, object> get_config() =>
        throw new NotSupportedException("A constraint given as a function has no config; a layer's config names it \"custom\".");
}
