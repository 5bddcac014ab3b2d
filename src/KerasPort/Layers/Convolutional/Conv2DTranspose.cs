using KerasPort.Activations;
using KerasPort.Backend;
using KerasPort.Constraints;
using KerasPort.Initializers;
using KerasPort.Regularizers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>Conv2DTranspose</c> (a "deconvolution"): the gradient of a convolution, which grows
/// the spatial size by the strides. Kernel <c>[kh, kw, filters, in_channels]</c>, then bias
/// <c>[filters]</c>, then the activation; output sizes as Keras computes them on every backend.
/// </summary>
/// <example><code>
/// model.add(new Conv2DTranspose(16, 3, strides: 2, padding: "same"));
/// // Python: model.add(keras.layers.Conv2DTranspose(16, 3, strides=2, padding="same"))
/// </code></example>
public sealed class Conv2DTranspose : Layer
{
    private readonly KernelArguments _arguments;
    private readonly ConvGeometry _geometry;

    /// <param name="filters">Number of output channels (positive).</param>
    /// <param name="kernel_size">An int or two ints: the window's size.</param>
    /// <param name="strides">An int or two ints (default 1).</param>
    /// <param name="padding"><c>valid</c> (default) or <c>same</c> (output size input * stride).</param>
    /// <param name="output_padding">An int or two ints, each below its stride: extra rows/columns added after; null lets Keras infer them.</param>
    /// <param name="data_format"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
    /// <param name="dilation_rate">An int or two ints (default 1).</param>
    /// <param name="activation">Activation name or function; null is linear.</param>
    /// <param name="use_bias">Whether a bias is added; true by default.</param>
    /// <param name="kernel_initializer">An initializer name or Initializer; <c>"glorot_uniform"</c> by default.</param>
    /// <param name="bias_initializer">An initializer name or Initializer; <c>"zeros"</c> by default.</param>
    /// <param name="kernel_regularizer">A regularizer name (<c>"l2"</c>) or Regularizer penalising the kernel; none by default.</param>
    /// <param name="bias_regularizer">A regularizer name or Regularizer penalising the bias; none by default.</param>
    /// <param name="activity_regularizer">A regularizer name or Regularizer penalising the layer's output; none by default.</param>
    /// <param name="kernel_constraint">A projection of the kernel after each optimizer update: a constraint name (<c>"max_norm"</c>, <c>"non_neg"</c>, <c>"unit_norm"</c>, <c>"min_max_norm"</c>), a <see cref="Constraint"/> or a <c>Func&lt;Tensor, Tensor&gt;</c>; none by default.</param>
    /// <param name="bias_constraint">A projection of the bias after each optimizer update: a constraint name (<c>"max_norm"</c>, <c>"non_neg"</c>, <c>"unit_norm"</c>, <c>"min_max_norm"</c>), a <see cref="Constraint"/> or a <c>Func&lt;Tensor, Tensor&gt;</c>; none by default.</param>
    /// <param name="input_shape">Shape of one sample, to build at once.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="trainable">Whether the weights are trained; true by default.</param>
    public Conv2DTranspose(long filters, IntTuple kernel_size, IntTuple? strides = null, string padding = "valid", IntTuple? output_padding = null,
        string? data_format = null, IntTuple? dilation_rate = null, ActivationSpec? activation = null, bool use_bias = true,
        InitializerSpec? kernel_initializer = null, InitializerSpec? bias_initializer = null,
        RegularizerSpec? kernel_regularizer = null, RegularizerSpec? bias_regularizer = null, RegularizerSpec? activity_regularizer = null,
        ConstraintSpec? kernel_constraint = null, ConstraintSpec? bias_constraint = null,
        long[]? input_shape = null, string? name = null, bool trainable = true)
        : base(name, trainable, input_shape, activity_regularizer)
    {
        _geometry = new ConvGeometry(2, kernel_size, strides, dilation_rate, padding, data_format);
        this.output_padding = output_padding?.standardize(2, nameof(output_padding), allow_zero: true);
        _arguments = new KernelArguments(activation, use_bias, kernel_initializer, bias_initializer,
            kernel_regularizer, bias_regularizer, kernel_constraint, bias_constraint);
        if (filters <= 0)
            throw new ArgumentException($"Invalid value for argument `filters`. Expected a strictly positive value. Received filters={filters}.", nameof(filters));
        if (this.output_padding is { } op)
        {
            for (int i = 0; i < 2; i++)
            {
                if (op[i] >= this.strides[i])
                    throw new ArgumentException($"`output_padding` must be strictly less than `strides` for all dimensions. At dimension {i}, `output_padding` is {op[i]} but `strides` is {this.strides[i]}. Received: output_padding={ConvArguments.tuple(op)}, strides={ConvArguments.tuple(this.strides)}", nameof(output_padding));
            }
        }
        _geometry.check_strides_with_dilation();
        this.filters = filters;
    }

    /// <summary>The number of output channels.</summary>
    public long filters { get; }

    /// <summary>The window's (rows, columns) size.</summary>
    public long[] kernel_size => _geometry.kernel_size;

    /// <summary>The (rows, columns) strides, by which the output grows.</summary>
    public long[] strides => _geometry.strides;

    /// <summary>The extra rows and columns added after the output (each below its stride); null when inferred as Keras does.</summary>
    public long[]? output_padding { get; }

    /// <summary>The spacing between the kernel's taps, (rows, columns).</summary>
    public long[] dilation_rate => _geometry.dilation_rate;

    /// <summary><c>"valid"</c> or <c>"same"</c>.</summary>
    public string padding => _geometry.padding;

    /// <summary><c>"channels_last"</c> or <c>"channels_first"</c>.</summary>
    public string data_format => _geometry.data_format;

    private protected override int channel_axis => data_format == "channels_first" ? 1 : -1;

    /// <summary>Whether the layer adds a bias.</summary>
    public bool use_bias => _arguments.use_bias;

    /// <summary>The penalty on the kernel added to the loss; null when none.</summary>
    public Regularizer? kernel_regularizer => _arguments.kernel_regularizer;

    /// <summary>The penalty on the bias added to the loss; null when none.</summary>
    public Regularizer? bias_regularizer => _arguments.bias_regularizer;

    /// <summary>The kernel <c>[kh, kw, filters, in_channels]</c>; null before building.</summary>
    public Parameter? kernel { get; private set; }

    /// <summary>The bias <c>[filters]</c>; null before building or without bias.</summary>
    public Parameter? bias { get; private set; }

    /// <inheritdoc/>
    public override void build(long?[] input_shape)
    {
        long channels = _geometry.input_channels(this, input_shape);
        kernel = add_weight("kernel", [.. kernel_size, filters, channels], _arguments.kernel_initializer,
            _arguments.kernel_regularizer, _arguments.kernel_constraint);
        if (use_bias)
            bias = add_weight("bias", [filters], _arguments.bias_initializer, _arguments.bias_regularizer, _arguments.bias_constraint);
        base.build(input_shape);
    }

    /// <inheritdoc/>
    protected override void assert_input_compatibility(long[] shape)
    {
        _geometry.check_input(this, shape, kernel!.shape[3]);
    }

    /// <inheritdoc/>
    public override Tensor call(Tensor inputs, bool training = false)
    {
        var outputs = NN.conv_transpose(inputs, kernel!, strides, padding, output_padding, data_format, dilation_rate);
        if (bias is not null) outputs = NN.add_bias(outputs, BaseConv.bias_broadcast(bias, data_format, 2));
        return _arguments.activate(outputs);
    }

    /// <inheritdoc/>
    public override long?[] compute_output_shape(long?[] input_shape)
    {
        int first = data_format == "channels_last" ? 1 : 2;
        var spatial = Enumerable.Range(0, 2).Select(i => NN.conv_transpose_output_length(input_shape[first + i], kernel_size[i], strides[i],
            padding, output_padding?[i], dilation_rate[i])).ToArray();
        return data_format == "channels_last" ? [input_shape[0], .. spatial, filters] : [input_shape[0], filters, .. spatial];
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["filters"] = filters;
        config["kernel_size"] = kernel_size;
        config["strides"] = strides;
        config["padding"] = padding;
        config["output_padding"] = output_padding;
        config["data_format"] = data_format;
        config["dilation_rate"] = dilation_rate;
        _arguments.add_config(config, with_activity_regularizer: true, activity_regularizer: activity_regularizer);
        return config;
    }
}
