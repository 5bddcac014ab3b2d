using KerasPort.Regularizers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's 2D convolution over images (<c>channels_last</c> by default): kernel of shape
/// <c>[kh, kw, in_channels, filters]</c>, then bias <c>[filters]</c>, then the activation.
/// </summary>
/// <example><code>new Conv2D(8, 3, activation: "relu")</code></example>
public sealed class Conv2D : Layer
{
    private readonly KernelArguments _arguments;

    /// <param name="filters">Number of output channels.</param>
    /// <param name="kernel_size">An int or two ints: the window's height and width.</param>
    /// <param name="strides">An int or two ints (default 1).</param>
    /// <param name="padding"><c>valid</c> (no padding) or <c>same</c> (output size ceil(input / stride)).</param>
    /// <param name="data_format"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
    /// <param name="dilation_rate">An int or two ints (default 1).</param>
    /// <param name="activation">Activation name or function; null is linear.</param>
    /// <param name="use_bias">Whether a bias is added.</param>
    /// <param name="kernel_initializer">Name or Initializer (<c>glorot_uniform</c>).</param>
    /// <param name="bias_initializer">Name or Initializer (<c>zeros</c>).</param>
    /// <param name="kernel_regularizer">Penalty on the kernel.</param>
    /// <param name="bias_regularizer">Penalty on the bias.</param>
    /// <param name="activity_regularizer">Penalty on the output.</param>
    /// <param name="kernel_constraint">Projection of the kernel after each update.</param>
    /// <param name="bias_constraint">Projection of the bias after each update.</param>
    /// <param name="input_shape">Shape of one sample, to build at once.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="trainable">Whether the weights are trained.</param>
    public Conv2D(long filters, IntTuple kernel_size, IntTuple? strides = null, string padding = "valid", string? data_format = null,
        IntTuple? dilation_rate = null, object? activation = null, bool use_bias = true,
        object? kernel_initializer = null, object? bias_initializer = null,
        object? kernel_regularizer = null, object? bias_regularizer = null, object? activity_regularizer = null,
        Func<Tensor, Tensor>? kernel_constraint = null, Func<Tensor, Tensor>? bias_constraint = null,
        long[]? input_shape = null, string? name = null, bool trainable = true)
        : base(name, trainable, input_shape, activity_regularizer)
    {
        if (filters <= 0)
            throw new ArgumentException($"Invalid value for argument `filters`. Expected a strictly positive value. Received filters={filters}.", nameof(filters));
        this.filters = filters;
        this.kernel_size = kernel_size.standardize(2, nameof(kernel_size));
        this.strides = (strides ?? 1).standardize(2, nameof(strides));
        this.dilation_rate = (dilation_rate ?? 1).standardize(2, nameof(dilation_rate));
        this.padding = ConvArguments.padding(padding);
        this.data_format = ConvArguments.data_format(data_format);
        _arguments = new KernelArguments(activation, use_bias, kernel_initializer, bias_initializer,
            kernel_regularizer, bias_regularizer, kernel_constraint, bias_constraint);
    }

    public long filters { get; }
    public long[] kernel_size { get; }
    public long[] strides { get; }
    public long[] dilation_rate { get; }
    public string padding { get; }
    public string data_format { get; }
    public bool use_bias => _arguments.use_bias;
    public Regularizer? kernel_regularizer => _arguments.kernel_regularizer;
    public Regularizer? bias_regularizer => _arguments.bias_regularizer;
    public Func<Tensor, Tensor>? kernel_constraint => _arguments.kernel_constraint;
    public Func<Tensor, Tensor>? bias_constraint => _arguments.bias_constraint;

    /// <summary>The kernel <c>[kh, kw, in_channels, filters]</c>; null before building.</summary>
    public Parameter? kernel { get; private set; }

    public Parameter? bias { get; private set; }

    private int channel_axis => data_format == "channels_last" ? 3 : 1;

    public override void build(long?[] input_shape)
    {
        if (input_shape.Length != 4)
            throw new ArgumentException($"Input 0 of layer \"{name}\" is incompatible with the layer: expected ndim=4, found ndim={input_shape.Length}. Full shape received: {ShapeText.format(input_shape)}", nameof(input_shape));
        long channels = input_shape[channel_axis] ?? throw new ArgumentException("The channel dimension of the inputs should be defined.", nameof(input_shape));
        (kernel, bias) = add_kernel_and_bias(_arguments, [kernel_size[0], kernel_size[1], channels, filters]);
        base.build(input_shape);
    }

    protected override void assert_input_compatibility(long[] shape)
    {
        if (shape.Length != 4 || shape[channel_axis] != kernel!.shape[2])
            throw new ArgumentException($"Input 0 of layer \"{name}\" is incompatible with the layer: expected ndim=4 and axis {channel_axis} of value {kernel!.shape[2]}, but received input with shape {ShapeText.format(shape)}", "inputs");
    }

    public override Tensor call(Tensor inputs, bool training = false)
    {
        var x = ConvArguments.to_nchw(inputs, data_format);
        if (padding == "same")
            x = nn.functional.pad(x, ConvArguments.same_padding(x.shape[2], x.shape[3], kernel_size, strides, dilation_rate));
        var weight = kernel!.permute(3, 2, 0, 1);
        var y = nn.functional.conv2d(x, weight, bias, strides: strides, dilation: dilation_rate);
        y = ConvArguments.from_nchw(y, data_format);
        return _arguments.activate(y);
    }

    public override long?[] compute_output_shape(long?[] input_shape)
    {
        int h = data_format == "channels_last" ? 1 : 2;
        long? oh = ConvArguments.output_length(input_shape[h], kernel_size[0], strides[0], dilation_rate[0], padding);
        long? ow = ConvArguments.output_length(input_shape[h + 1], kernel_size[1], strides[1], dilation_rate[1], padding);
        return data_format == "channels_last" ? [input_shape[0], oh, ow, filters] : [input_shape[0], filters, oh, ow];
    }

    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["filters"] = filters;
        config["kernel_size"] = kernel_size;
        config["strides"] = strides;
        config["padding"] = padding;
        config["data_format"] = data_format;
        config["dilation_rate"] = dilation_rate;
        _arguments.add_config(config);
        return config;
    }
}
