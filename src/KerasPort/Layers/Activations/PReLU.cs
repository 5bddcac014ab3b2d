using KerasPort.Constraints;
using KerasPort.Initializers;
using KerasPort.Regularizers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>PReLU</c> layer: <c>x</c> for positive inputs, <c>alpha * x</c> otherwise, with a
/// learned <c>alpha</c> of the sample's shape (size 1 along <c>shared_axes</c>).
/// </summary>
/// <example><code>
/// model.add(new PReLU(shared_axes: new[] { 1, 2 }));   // one slope per channel of an image
/// // Python: model.add(keras.layers.PReLU(shared_axes=[1, 2]))
/// </code></example>
public sealed class PReLU : Layer
{
    private readonly WeightArguments _alpha;

    /// <param name="alpha_initializer">An initializer name or Initializer of alpha; <c>"zeros"</c> by default.</param>
    /// <param name="alpha_regularizer">A regularizer name or Regularizer penalising alpha; none by default.</param>
    /// <param name="alpha_constraint">A projection of alpha after each optimizer update: a constraint name (<c>"max_norm"</c>, <c>"non_neg"</c>, <c>"unit_norm"</c>, <c>"min_max_norm"</c>), a <see cref="Constraint"/> or a <c>Func&lt;Tensor, Tensor&gt;</c>; none by default.</param>
    /// <param name="shared_axes">Axes (from 1) along which one alpha is shared, for example [1, 2] for one per channel of an image.</param>
    /// <param name="input_shape">Shape of one sample, to build at once.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="trainable">Whether alpha is trained.</param>
    public PReLU(InitializerSpec? alpha_initializer = null, RegularizerSpec? alpha_regularizer = null, ConstraintSpec? alpha_constraint = null,
        Axes? shared_axes = null, long[]? input_shape = null, string? name = null, bool trainable = true)
        : base(name, trainable, input_shape)
    {
        _alpha = new WeightArguments("alpha", alpha_initializer, "Zeros", alpha_regularizer, alpha_constraint);
        this.shared_axes = shared_axes?.values;
    }

    /// <summary>The shared axes as a list (Keras turns a single int into a list); null when none.</summary>
    public int[]? shared_axes { get; }

    /// <summary>The penalty on alpha added to the loss; null when none.</summary>
    public Regularizer? alpha_regularizer => _alpha.regularizer;

    /// <summary>The slopes, of the sample's shape with 1 along the shared axes; null before building.</summary>
    public Parameter? alpha { get; private set; }

    /// <inheritdoc/>
    public override void build(long?[] input_shape)
    {
        var shape = input_shape.Skip(1).ToArray();
        foreach (var a in shared_axes ?? [])
        {
            if (a < 1 || a >= input_shape.Length)
                throw new ArgumentException($"Invalid value received for argument shared_axes. Expected axes between 1 and {input_shape.Length - 1}. Received: shared_axes=[{string.Join(", ", shared_axes!)}]", nameof(shared_axes));
            shape[a - 1] = 1;
        }
        alpha = add_weight(_alpha, shape.Select(d => d ?? throw new ArgumentException($"PReLU needs every non-shared axis defined. Received: input_shape={ShapeText.format(input_shape)}", nameof(input_shape))).ToArray());
        base.build(input_shape);
    }

    /// <inheritdoc/>
    protected override void assert_input_compatibility(long[] shape)
    {
        InputSpec.ndim(this, shape, build_input_shape!.Length);
        for (int i = 1; i < shape.Length; i++)
            if (shared_axes?.Contains(i) != true) InputSpec.axis(this, shape, i, alpha!.shape[i - 1]);
    }

    /// <inheritdoc/>
    public override Tensor call(Tensor inputs, bool training = false)
    {
        var positive = nn.functional.relu(inputs);
        var negative = -alpha! * nn.functional.relu(-inputs);
        return positive + negative;
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["alpha_initializer"] = _alpha.initializer_config;
        config["alpha_regularizer"] = _alpha.regularizer_config;
        config["alpha_constraint"] = _alpha.constraint_config;
        config["shared_axes"] = shared_axes;
        return config;
    }
}
