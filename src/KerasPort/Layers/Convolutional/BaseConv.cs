using KerasPort.Activations;
using KerasPort.Backend;
using KerasPort.Constraints;
using KerasPort.Initializers;
using KerasPort.Regularizers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>BaseConv</c>, the N-D convolution behind <see cref="Conv1D"/> and <see cref="Conv2D"/>:
/// a kernel of shape <c>[*kernel_size, in_channels / groups, filters]</c>, then a bias
/// <c>[filters]</c> added after the convolution, then the activation.
/// </summary>
public abstract class BaseConv : Layer
{
    private protected readonly KernelArguments _arguments;
    private protected readonly ConvGeometry _geometry;

    private protected BaseConv(int rank, long filters, IntTuple kernel_size, IntTuple? strides, string padding, string? data_format,
        IntTuple? dilation_rate, long groups, ActivationSpec? activation, bool use_bias,
        InitializerSpec? kernel_initializer, InitializerSpec? bias_initializer, RegularizerSpec? kernel_regularizer, RegularizerSpec? bias_regularizer,
        RegularizerSpec? activity_regularizer, ConstraintSpec? kernel_constraint, ConstraintSpec? bias_constraint,
        long[]? input_shape, string? name, bool trainable)
        : base(name, trainable, input_shape, activity_regularizer)
    {
        this.rank = rank;
        _geometry = new ConvGeometry(rank, kernel_size, strides, dilation_rate, padding, data_format, allow_causal: rank == 1);
        _arguments = new KernelArguments(activation, use_bias, kernel_initializer, bias_initializer,
            kernel_regularizer, bias_regularizer, kernel_constraint, bias_constraint);
        if (filters <= 0)
            throw new ArgumentException($"Invalid value for argument `filters`. Expected a strictly positive value. Received filters={filters}.", nameof(filters));
        if (groups <= 0)
            throw new ArgumentException($"The number of groups must be a positive integer. Received: groups={groups}.", nameof(groups));
        if (filters % groups != 0)
            throw new ArgumentException($"The number of filters must be evenly divisible by the number of groups. Received: groups={groups}, filters={filters}.", nameof(filters));
        _geometry.check_strides_with_dilation();
        this.filters = filters;
        this.groups = groups;
    }

    /// <summary>The number of spatial axes (1 for Conv1D, 2 for Conv2D).</summary>
    public int rank { get; }

    /// <summary>The number of output channels.</summary>
    public long filters { get; }

    /// <summary>The window's size along each spatial axis.</summary>
    public long[] kernel_size => _geometry.kernel_size;

    /// <summary>The step of the window along each spatial axis.</summary>
    public long[] strides => _geometry.strides;

    /// <summary>The spacing between the kernel's taps along each spatial axis.</summary>
    public long[] dilation_rate => _geometry.dilation_rate;

    /// <summary><c>"valid"</c>, <c>"same"</c> or (Conv1D only) <c>"causal"</c>.</summary>
    public string padding => _geometry.padding;

    /// <summary><c>"channels_last"</c> or <c>"channels_first"</c>.</summary>
    public string data_format => _geometry.data_format;

    private protected override int channel_axis => data_format == "channels_first" ? 1 : -1;

    /// <summary>The number of groups the input channels are split into, each with its own filters.</summary>
    public long groups { get; }

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

    /// <summary>The kernel <c>[*kernel_size, in_channels / groups, filters]</c>; null before building.</summary>
    public Parameter? kernel { get; private set; }

    /// <summary>The bias <c>[filters]</c>; null before building or without bias.</summary>
    public Parameter? bias { get; private set; }

    /// <inheritdoc/>
    public override void build(long?[] input_shape)
    {
        long channels = _geometry.input_channels(this, input_shape);
        if (channels % groups != 0)
            throw new ArgumentException($"The number of input channels must be evenly divisible by the number of groups. Received groups={groups}, but the input has {channels} channels (full input shape is {ShapeText.format(input_shape)}).", nameof(input_shape));
        compute_output_shape(input_shape);
        (kernel, bias) = add_kernel_and_bias(_arguments, [.. kernel_size, channels / groups, filters]);
        base.build(input_shape);
    }

    /// <inheritdoc/>
    protected override void assert_input_compatibility(long[] shape)
    {
        _geometry.check_input(this, shape, kernel!.shape[^2] * groups);
    }

    /// <summary>The convolution without bias and activation (Keras's <c>convolution_op</c>).</summary>
    private protected virtual Tensor convolution_op(Tensor inputs) =>
        NN.conv(inputs, kernel!, strides, padding, data_format, dilation_rate);

    /// <inheritdoc/>
    public override Tensor call(Tensor inputs, bool training = false)
    {
        var outputs = convolution_op(inputs);
        if (bias is not null) outputs = NN.add_bias(outputs, bias_broadcast(bias, data_format, rank));
        return _arguments.activate(outputs);
    }

    /// <summary>A bias of <c>[channels]</c> shaped to broadcast over the outputs, as Keras reshapes it.</summary>
    internal static Tensor bias_broadcast(Tensor bias, string data_format, int rank) => data_format == "channels_last"
        ? bias.reshape([.. Enumerable.Repeat(1L, rank + 1), bias.shape[0]])
        : bias.reshape([1, bias.shape[0], .. Enumerable.Repeat(1L, rank)]);

    /// <inheritdoc/>
    public override long?[] compute_output_shape(long?[] input_shape) => _geometry.output_shape(input_shape, filters);

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["filters"] = filters;
        _geometry.add_config(config);
        config["groups"] = groups;
        _arguments.add_config(config, with_activity_regularizer: true, activity_regularizer: activity_regularizer);
        return config;
    }
}
