using KerasPort.Activations;
using KerasPort.Backend;
using KerasPort.Constraints;
using KerasPort.Initializers;
using KerasPort.Regularizers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's densely connected layer: <c>activation(inputs @ kernel + bias)</c>, with a kernel of
/// shape <c>[input_dim, units]</c> and a bias of shape <c>[units]</c>.
/// </summary>
/// <example><code>
/// model.add(new Dense(64, activation: "relu", kernel_regularizer: keras.regularizers.l2(0.001)));
/// // Python: model.add(keras.layers.Dense(64, activation="relu", kernel_regularizer=keras.regularizers.l2(0.001)))
/// </code></example>
public sealed class Dense : Layer
{
    private readonly KernelArguments _arguments;

    /// <param name="units">Dimension of the output (positive).</param>
    /// <param name="activation">An activation name (<c>"relu"</c>) or function; null is linear.</param>
    /// <param name="use_bias">Whether the layer adds a bias; true by default.</param>
    /// <param name="kernel_initializer">An initializer name or Initializer for the kernel; <c>"glorot_uniform"</c> by default.</param>
    /// <param name="bias_initializer">An initializer name or Initializer for the bias; <c>"zeros"</c> by default.</param>
    /// <param name="kernel_regularizer">A regularizer name (<c>"l2"</c>) or Regularizer penalising the kernel; none by default.</param>
    /// <param name="bias_regularizer">A regularizer name (<c>"l2"</c>) or Regularizer penalising the bias; none by default.</param>
    /// <param name="activity_regularizer">A regularizer name (<c>"l2"</c>) or Regularizer penalising the output; none by default.</param>
    /// <param name="kernel_constraint">A projection of the kernel after each optimizer update: a constraint name (<c>"max_norm"</c>, <c>"non_neg"</c>, <c>"unit_norm"</c>, <c>"min_max_norm"</c>), a <see cref="Constraint"/> or a <c>Func&lt;Tensor, Tensor&gt;</c>; none by default.</param>
    /// <param name="bias_constraint">A projection of the bias after each optimizer update: a constraint name (<c>"max_norm"</c>, <c>"non_neg"</c>, <c>"unit_norm"</c>, <c>"min_max_norm"</c>), a <see cref="Constraint"/> or a <c>Func&lt;Tensor, Tensor&gt;</c>; none by default.</param>
    /// <param name="input_shape">Shape of one sample, to build the layer at once.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="trainable">Whether the weights are trained; true by default.</param>
    public Dense(long units, ActivationSpec? activation = null, bool use_bias = true,
        InitializerSpec? kernel_initializer = null, InitializerSpec? bias_initializer = null,
        RegularizerSpec? kernel_regularizer = null, RegularizerSpec? bias_regularizer = null, RegularizerSpec? activity_regularizer = null,
        ConstraintSpec? kernel_constraint = null, ConstraintSpec? bias_constraint = null,
        long[]? input_shape = null, string? name = null, bool trainable = true)
        : base(name, trainable, input_shape, activity_regularizer)
    {
        if (units <= 0)
            throw new ArgumentException($"Received an invalid value for argument units, expected a positive integer. Received: units={units}", nameof(units));
        this.units = units;
        _arguments = new KernelArguments(activation, use_bias, kernel_initializer, bias_initializer,
            kernel_regularizer, bias_regularizer, kernel_constraint, bias_constraint);
    }

    /// <summary>The size of the output's last axis.</summary>
    public long units { get; }

    /// <summary>Whether the layer adds a bias.</summary>
    public bool use_bias => _arguments.use_bias;

    /// <summary>The penalty on the kernel added to the loss; null when none.</summary>
    public Regularizer? kernel_regularizer => _arguments.kernel_regularizer;

    /// <summary>The penalty on the bias added to the loss; null when none.</summary>
    public Regularizer? bias_regularizer => _arguments.bias_regularizer;

    /// <summary>The projection applied to the kernel after each update; null when none.</summary>
    public Func<Tensor, Tensor>? kernel_constraint => _arguments.kernel_constraint;

    /// <summary>The projection applied to the bias after each update; null when none.</summary>
    public Func<Tensor, Tensor>? bias_constraint => _arguments.bias_constraint;

    /// <summary>The kernel, <c>[input_dim, units]</c>; null before the layer is built.</summary>
    public Parameter? kernel { get; private set; }

    /// <summary>The bias, <c>[units]</c>; null before building or without bias.</summary>
    public Parameter? bias { get; private set; }

    /// <inheritdoc/>
    public override void build(long?[] input_shape)
    {
        long input_dim = input_shape[^1] ?? throw new ArgumentException($"The last dimension of the inputs to a Dense layer should be defined. Found None. Full input shape received: {ShapeText.format(input_shape)}", nameof(input_shape));
        (kernel, bias) = add_kernel_and_bias(_arguments, [input_dim, units]);
        base.build(input_shape);
    }

    /// <inheritdoc/>
    protected override void assert_input_compatibility(long[] shape)
    {
        if (shape.Length < 2)
            throw new ArgumentException($"Input 0 of layer \"{name}\" is incompatible with the layer: expected min_ndim=2, found ndim={shape.Length}. Full shape received: {ShapeText.format(shape)}", "inputs");
        if (shape[^1] != kernel!.size(0))
            throw new ArgumentException($"Input 0 of layer \"{name}\" is incompatible with the layer: expected axis -1 of input shape to have value {kernel.shape[0]}, but received input with shape {ShapeText.format(shape)}", "inputs");
    }

    /// <inheritdoc/>
    public override Tensor call(Tensor inputs, bool training = false)
    {
        // matmul of two matrices is mm (libtorch's matmul calls it): the direct call skips matmul's dispatch.
        var x = inputs.dim() == 2 ? inputs.mm(kernel!) : inputs.matmul(kernel!);
        if (bias is not null) x = NN.add_bias(x, bias);
        return _arguments.activate(x);
    }

    /// <inheritdoc/>
    public override long?[] compute_output_shape(long?[] input_shape) => [.. input_shape[..^1], units];

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["units"] = units;
        _arguments.add_config(config);
        config["quantization_config"] = null;
        return config;
    }
}
