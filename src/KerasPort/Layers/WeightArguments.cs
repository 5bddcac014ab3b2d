using KerasPort.Constraints;
using KerasPort.Initializers;
using KerasPort.Regularizers;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// The initializer, regularizer and constraint that Keras takes for one named weight
/// (<c>gamma_initializer</c>, <c>gamma_regularizer</c>, <c>gamma_constraint</c>), checked at
/// construction with the argument's name and serialized as Keras serializes them.
/// </summary>
internal sealed class WeightArguments
{
    private readonly Constraint? _constraint;

    /// <param name="name">The weight's name, the prefix of its three arguments.</param>
    /// <param name="initializer">The initializer given; null takes <paramref name="default_initializer"/>.</param>
    /// <param name="default_initializer">Keras's default for this weight (<c>zeros</c>, <c>ones</c>, ...).</param>
    /// <param name="regularizer">Name or Regularizer penalising the weight; null for none.</param>
    /// <param name="constraint">Projection of the weight after each update; null for none.</param>
    public WeightArguments(string name, InitializerSpec? initializer, string default_initializer, RegularizerSpec? regularizer, ConstraintSpec? constraint)
    {
        this.name = name;
        // Resolved once, as Keras's constructors do: a name makes a new initializer, which draws
        // its seed from Python's random now.
        this.initializer = initializer.GetValueOrDefault().resolve(default_initializer);
        this.regularizer = regularizer?.resolve();
        _constraint = constraint?.resolve();
    }

    public string name { get; }

    public Initializer initializer { get; }
    public Regularizer? regularizer { get; }
    public Func<Tensor, Tensor>? constraint => ArgumentResolver.projection(_constraint);

    public Dictionary<string, object?>? initializer_config => ArgumentResolver.serialize(initializer);
    public Dictionary<string, object?>? regularizer_config => ArgumentResolver.serialize(regularizer);
    public object? constraint_config => ArgumentResolver.serialize_constraint(_constraint);
}
