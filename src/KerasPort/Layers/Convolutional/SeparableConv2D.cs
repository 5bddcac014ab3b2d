using KerasPort.Activations;
using KerasPort.Backend;
using KerasPort.Constraints;
using KerasPort.Initializers;
using KerasPort.Regularizers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>SeparableConv2D</c>: a depthwise convolution (each input channel with its own
/// <c>depth_multiplier</c> filters) followed by a 1x1 pointwise convolution that mixes
/// the channels into <c>filters</c> outputs. Weights, in Keras's order:
/// <c>depthwise_kernel [kh, kw, in_channels, depth_multiplier]</c>,
/// <c>pointwise_kernel [1, 1, in_channels * depth_multiplier, filters]</c>, <c>bias [filters]</c>.
/// </summary>
/// <example><code>
/// model.add(new SeparableConv2D(64, 3, padding: "same", activation: "relu"));
/// // Python: model.add(keras.layers.SeparableConv2D(64, 3, padding="same", activation="relu"))
/// </code></example>
public sealed class SeparableConv2D : Layer
{
    private readonly KernelArguments _arguments;
    private readonly ConvGeometry _geometry;
    private readonly WeightArguments _pointwise;

    /// <param name="filters">Number of output channels (positive).</param>
    /// <param name="kernel_size">An int or two ints: the depthwise window's size.</param>
    /// <param name="strides">An int or two ints (default 1).</param>
    /// <param name="padding"><c>valid</c> (default) or <c>same</c>.</param>
    /// <param name="data_format"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
    /// <param name="dilation_rate">An int or two ints (default 1).</param>
    /// <param name="depth_multiplier">Depthwise output channels per input channel (default 1).</param>
    /// <param name="activation">Activation name or function; null is linear.</param>
    /// <param name="use_bias">Whether a bias is added; true by default.</param>
    /// <param name="depthwise_initializer">An initializer name or Initializer of the depthwise kernel; <c>"glorot_uniform"</c> by default.</param>
    /// <param name="pointwise_initializer">An initializer name or Initializer of the pointwise kernel; <c>"glorot_uniform"</c> by default.</param>
    /// <param name="bias_initializer">An initializer name or Initializer; <c>"zeros"</c> by default.</param>
    /// <param name="depthwise_regularizer">A regularizer name or Regularizer penalising the depthwise kernel; none by default.</param>
    /// <param name="pointwise_regularizer">A regularizer name or Regularizer penalising the pointwise kernel; none by default.</param>
    /// <param name="bias_regularizer">A regularizer name or Regularizer penalising the bias; none by default.</param>
    /// <param name="activity_regularizer">A regularizer name or Regularizer penalising the layer's output; none by default.</param>
    /// <param name="depthwise_constraint">A projection of the depthwise kernel after each optimizer update: a constraint name (<c>"max_norm"</c>, <c>"non_neg"</c>, <c>"unit_norm"</c>, <c>"min_max_norm"</c>), a <see cref="Constraint"/> or a <c>Func&lt;Tensor, Tensor&gt;</c>; none by default.</param>
    /// <param name="pointwise_constraint">A projection of the pointwise kernel after each optimizer update: a constraint name (<c>"max_norm"</c>, <c>"non_neg"</c>, <c>"unit_norm"</c>, <c>"min_max_norm"</c>), a <see cref="Constraint"/> or a <c>Func&lt;Tensor, Tensor&gt;</c>; none by default.</param>
    /// <param name="bias_constraint">A projection of the bias after each optimizer update: a constraint name (<c>"max_norm"</c>, <c>"non_neg"</c>, <c>"unit_norm"</c>, <c>"min_max_norm"</c>), a <see cref="Constraint"/> or a <c>Func&lt;Tensor, Tensor&gt;</c>; none by default.</param>
    /// <param name="input_shape">Shape of one sample, to build at once.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="trainable">Whether the weights are trained; true by default.</param>
    public SeparableConv2D(long filters, IntTuple kernel_size, IntTuple? strides = null, string padding = "valid", string? data_format = null,
        IntTuple? dilation_rate = null, long depth_multiplier = 1, ActivationSpec? activation = null, bool use_bias = true,
        InitializerSpec? depthwise_initializer = null, InitializerSpec? pointwise_initializer = null, InitializerSpec? bias_initializer = null,
        RegularizerSpec? depthwise_regularizer = null, RegularizerSpec? pointwise_regularizer = null, RegularizerSpec? bias_regularizer = null,
        RegularizerSpec? activity_regularizer = null, ConstraintSpec? depthwise_constraint = null,
        ConstraintSpec? pointwise_constraint = null, ConstraintSpec? bias_constraint = null,
        long[]? input_shape = null, string? name = null, bool trainable = true)
        : base(name, trainable, input_shape, activity_regularizer)
    {
        _geometry = new ConvGeometry(2, kernel_size, strides, dilation_rate, padding, data_format);
        // Keras resolves the depthwise, pointwise and bias initializers in that order.
        WeightArguments? pointwise = null;
        _arguments = new KernelArguments(activation, use_bias, depthwise_initializer, bias_initializer,
            depthwise_regularizer, bias_regularizer, depthwise_constraint, bias_constraint, kernel_name: "depthwise",
            after_kernel_initializer: () => pointwise = new WeightArguments("pointwise", pointwise_initializer, "glorot_uniform", pointwise_regularizer, pointwise_constraint));
        _pointwise = pointwise!;
        if (depth_multiplier <= 0)
            throw new ArgumentException($"Invalid value for argument `depth_multiplier`. Expected a strictly positive value. Received depth_multiplier={depth_multiplier}.", nameof(depth_multiplier));
        if (filters <= 0)
            throw new ArgumentException($"Invalid value for argument `filters`. Expected a strictly positive value. Received filters={filters}.", nameof(filters));
        this.depth_multiplier = depth_multiplier;
        this.filters = filters;
    }

    /// <summary>The number of output channels of the pointwise step.</summary>
    public long filters { get; }

    /// <summary>How many filters each input channel gets in the depthwise step.</summary>
    public long depth_multiplier { get; }

    /// <summary>The depthwise window's (rows, columns) size.</summary>
    public long[] kernel_size => _geometry.kernel_size;

    /// <summary>The (rows, columns) strides of the depthwise step.</summary>
    public long[] strides => _geometry.strides;

    /// <summary>The spacing between the depthwise kernel's taps, (rows, columns).</summary>
    public long[] dilation_rate => _geometry.dilation_rate;

    /// <summary><c>"valid"</c> or <c>"same"</c>.</summary>
    public string padding => _geometry.padding;

    /// <summary><c>"channels_last"</c> or <c>"channels_first"</c>.</summary>
    public string data_format => _geometry.data_format;

    private protected override int channel_axis => data_format == "channels_first" ? 1 : -1;

    /// <summary>Whether the layer adds a bias.</summary>
    public bool use_bias => _arguments.use_bias;

    /// <summary>The penalty on the depthwise kernel added to the loss; null when none.</summary>
    public Regularizer? depthwise_regularizer => _arguments.kernel_regularizer;

    /// <summary>The penalty on the pointwise kernel added to the loss; null when none.</summary>
    public Regularizer? pointwise_regularizer => _pointwise.regularizer;

    /// <summary>The penalty on the bias added to the loss; null when none.</summary>
    public Regularizer? bias_regularizer => _arguments.bias_regularizer;

    /// <summary>The depthwise kernel <c>[kh, kw, in_channels, depth_multiplier]</c>; null before building.</summary>
    public Parameter? depthwise_kernel { get; private set; }

    /// <summary>The pointwise kernel <c>[1, 1, in_channels * depth_multiplier, filters]</c>; null before building.</summary>
    public Parameter? pointwise_kernel { get; private set; }

    /// <summary>The bias <c>[filters]</c>; null before building or without bias.</summary>
    public Parameter? bias { get; private set; }

    /// <inheritdoc/>
    public override void build(long?[] input_shape)
    {
        long channels = _geometry.input_channels(this, input_shape);
        compute_output_shape(input_shape);
        depthwise_kernel = add_weight("depthwise_kernel", [.. kernel_size, channels, depth_multiplier], _arguments.kernel_initializer,
            _arguments.kernel_regularizer, _arguments.kernel_constraint);
        pointwise_kernel = add_weight("pointwise_kernel", [1, 1, channels * depth_multiplier, filters], _pointwise.initializer,
            _pointwise.regularizer, _pointwise.constraint);
        if (use_bias)
            bias = add_weight("bias", [filters], _arguments.bias_initializer, _arguments.bias_regularizer, _arguments.bias_constraint);
        base.build(input_shape);
    }

    /// <inheritdoc/>
    protected override void assert_input_compatibility(long[] shape)
    {
        _geometry.check_input(this, shape, depthwise_kernel!.shape[2]);
    }

    /// <inheritdoc/>
    public override Tensor call(Tensor inputs, bool training = false)
    {
        var outputs = NN.separable_conv(inputs, depthwise_kernel!, pointwise_kernel!, strides, padding, data_format, dilation_rate);
        if (bias is not null) outputs = NN.add_bias(outputs, BaseConv.bias_broadcast(bias, data_format, 2));
        return _arguments.activate(outputs);
    }

    /// <inheritdoc/>
    public override long?[] compute_output_shape(long?[] input_shape) => _geometry.output_shape(input_shape, filters);

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["depth_multiplier"] = depth_multiplier;
        config["filters"] = filters;
        _geometry.add_config(config);
        _arguments.add_config(config, ("pointwise", _pointwise), with_activity_regularizer: true, activity_regularizer: activity_regularizer);
        return config;
    }
}
