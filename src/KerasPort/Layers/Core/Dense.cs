using KerasPort.Regularizers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's densely connected layer: <c>activation(inputs @ kernel + bias)</c>, with a kernel of
/// shape <c>[input_dim, units]</c> and a bias of shape <c>[units]</c>.
/// </summary>
/// <example><code>model.add(new Dense(60, input_shape: [60], activation: "relu", kernel_regularizer: keras.regularizers.l1(0.01)));</code></example>
public sealed class Dense : Layer
{
    private readonly Func<Tensor, Tensor>? _activation;
    private readonly object? _activation_arg;
    private readonly object _kernel_initializer;
    private readonly object _bias_initializer;

    /// <param name="units">Dimension of the output (positive).</param>
    /// <param name="activation">An activation name (<c>"relu"</c>) or function; null is linear.</param>
    /// <param name="use_bias">Whether the layer adds a bias.</param>
    /// <param name="kernel_initializer">Name or Initializer for the kernel (<c>glorot_uniform</c>).</param>
    /// <param name="bias_initializer">Name or Initializer for the bias (<c>zeros</c>).</param>
    /// <param name="kernel_regularizer">Name or Regularizer penalising the kernel.</param>
    /// <param name="bias_regularizer">Name or Regularizer penalising the bias.</param>
    /// <param name="activity_regularizer">Name or Regularizer penalising the output.</param>
    /// <param name="kernel_constraint">Projection applied to the kernel after each update.</param>
    /// <param name="bias_constraint">Projection applied to the bias after each update.</param>
    /// <param name="input_shape">Shape of one sample, to build the layer at once.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="trainable">Whether the weights are trained.</param>
    public Dense(long units, object? activation = null, bool use_bias = true,
        object? kernel_initializer = null, object? bias_initializer = null,
        object? kernel_regularizer = null, object? bias_regularizer = null, object? activity_regularizer = null,
        Func<Tensor, Tensor>? kernel_constraint = null, Func<Tensor, Tensor>? bias_constraint = null,
        long[]? input_shape = null, string? name = null, bool trainable = true)
        : base(name, trainable, input_shape, activity_regularizer)
    {
        if (units <= 0)
            throw new ArgumentException($"Received an invalid value for argument units, expected a positive integer. Received: units={units}", nameof(units));
        this.units = units;
        this.use_bias = use_bias;
        _activation_arg = activation;
        _activation = ArgumentResolver.activation(activation, nameof(activation));
        _kernel_initializer = kernel_initializer ?? "glorot_uniform";
        _bias_initializer = bias_initializer ?? "zeros";
        ArgumentResolver.initializer(_kernel_initializer, nameof(kernel_initializer));
        ArgumentResolver.initializer(_bias_initializer, nameof(bias_initializer));
        this.kernel_regularizer = ArgumentResolver.regularizer(kernel_regularizer, nameof(kernel_regularizer));
        this.bias_regularizer = ArgumentResolver.regularizer(bias_regularizer, nameof(bias_regularizer));
        this.kernel_constraint = kernel_constraint;
        this.bias_constraint = bias_constraint;
    }

    public long units { get; }
    public bool use_bias { get; }
    public Regularizer? kernel_regularizer { get; }
    public Regularizer? bias_regularizer { get; }
    public Func<Tensor, Tensor>? kernel_constraint { get; }
    public Func<Tensor, Tensor>? bias_constraint { get; }

    /// <summary>The kernel, <c>[input_dim, units]</c>; null before the layer is built.</summary>
    public Parameter? kernel { get; private set; }

    /// <summary>The bias, <c>[units]</c>; null before building or without bias.</summary>
    public Parameter? bias { get; private set; }

    public override void build(long?[] input_shape)
    {
        long input_dim = input_shape[^1] ?? throw new ArgumentException($"The last dimension of the inputs to a Dense layer should be defined. Found None. Full input shape received: {ShapeText.format(input_shape)}", nameof(input_shape));
        kernel = add_weight("kernel", [input_dim, units], ArgumentResolver.initializer(_kernel_initializer, "kernel_initializer"), kernel_regularizer, kernel_constraint);
        if (use_bias)
            bias = add_weight("bias", [units], ArgumentResolver.initializer(_bias_initializer, "bias_initializer"), bias_regularizer, bias_constraint);
        base.build(input_shape);
    }

    protected override void assert_input_compatibility(long[] shape)
    {
        if (shape.Length < 2)
            throw new ArgumentException($"Input 0 of layer \"{name}\" is incompatible with the layer: expected min_ndim=2, found ndim={shape.Length}. Full shape received: {ShapeText.format(shape)}", "inputs");
        if (shape[^1] != kernel!.shape[0])
            throw new ArgumentException($"Input 0 of layer \"{name}\" is incompatible with the layer: expected axis -1 of input shape to have value {kernel.shape[0]}, but received input with shape {ShapeText.format(shape)}", "inputs");
    }

    public override Tensor call(Tensor inputs, bool training = false)
    {
        var x = inputs.matmul(kernel!);
        if (bias is not null) x = x.add(bias);
        return _activation is null ? x : _activation(x);
    }

    public override long?[] compute_output_shape(long?[] input_shape) => [.. input_shape[..^1], units];

    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["units"] = units;
        config["activation"] = ArgumentResolver.activation_config(_activation_arg);
        config["use_bias"] = use_bias;
        config["kernel_initializer"] = ArgumentResolver.serialize(_kernel_initializer);
        config["bias_initializer"] = ArgumentResolver.serialize(_bias_initializer);
        config["kernel_regularizer"] = ArgumentResolver.serialize(kernel_regularizer);
        config["bias_regularizer"] = ArgumentResolver.serialize(bias_regularizer);
        config["kernel_constraint"] = kernel_constraint is null ? null : "custom";
        config["bias_constraint"] = bias_constraint is null ? null : "custom";
        config["quantization_config"] = null;
        return config;
    }
}
