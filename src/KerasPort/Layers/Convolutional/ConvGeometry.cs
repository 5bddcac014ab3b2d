namespace KerasPort.Layers;

/// <summary>
/// The window arguments every convolution shares (kernel_size, strides, dilation_rate, padding,
/// data_format), standardized as Keras does at construction, with the input checks and the output
/// shape that follow from them.
/// </summary>
internal sealed class ConvGeometry
{
    public ConvGeometry(int rank, IntTuple kernel_size, IntTuple? strides, IntTuple? dilation_rate, string padding, string? data_format,
        bool allow_causal = false)
    {
        this.kernel_size = kernel_size.standardize(rank, nameof(kernel_size));
        this.strides = (strides ?? 1).standardize(rank, nameof(strides));
        this.dilation_rate = (dilation_rate ?? 1).standardize(rank, nameof(dilation_rate));
        this.padding = ConvArguments.padding(padding, allow_causal);
        this.data_format = ConvArguments.data_format(data_format);
    }

    public long[] kernel_size { get; }
    public long[] strides { get; }
    public long[] dilation_rate { get; }
    public string padding { get; }
    public string data_format { get; }

    /// <summary>Keras's input spec axis of the channels: -1 (channels_last) or 1.</summary>
    public int channel_axis => data_format == "channels_last" ? -1 : 1;

    /// <summary>Keras refuses strides above 1 together with a dilation above 1.</summary>
    public void check_strides_with_dilation()
    {
        if (strides.Max() > 1 && dilation_rate.Max() > 1)
            throw new ArgumentException($"`strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: strides={ConvArguments.tuple(strides)} and dilation_rate={ConvArguments.tuple(dilation_rate)}", nameof(strides));
    }

    /// <summary>The input's channels, checked to be known, with the rank Keras's input spec asks of <paramref name="layer"/>.</summary>
    public long input_channels(Layer layer, long?[] input_shape)
    {
        InputSpec.min_ndim(layer, input_shape.Select(d => d ?? -1).ToArray(), kernel_size.Length + 2);
        return channels_of(input_shape)
            ?? throw new ArgumentException($"The channel dimension of the inputs should be defined. Received input_shape={ShapeText.format(input_shape)}", "input_shape");
    }

    public long? channels_of(long?[] input_shape) => input_shape[ConvArguments.channel_axis(data_format, input_shape.Length)];

    /// <summary>Keras's input spec of a built convolution: the rank and the channels it was built for.</summary>
    public void check_input(Layer layer, long[] shape, long channels)
    {
        InputSpec.min_ndim(layer, shape, kernel_size.Length + 2);
        InputSpec.axis(layer, shape, channel_axis, channels);
    }

    /// <summary>Keras's <c>compute_conv_output_shape</c> for <paramref name="filters"/> output channels.</summary>
    public long?[] output_shape(long?[] input_shape, long? filters) =>
        ConvArguments.output_shape(input_shape, filters, kernel_size, strides, dilation_rate, padding, data_format,
            () => $"`inputs shape={ShapeText.format(input_shape)}`, `kernel_size={ConvArguments.tuple(kernel_size)}`, `dilation_rate={ConvArguments.tuple(dilation_rate)}`, `strides={ConvArguments.tuple(strides)}`, `padding={padding}`");

    /// <summary>Writes kernel_size, strides, padding, data_format and dilation_rate into a layer's config.</summary>
    public void add_config(Dictionary<string, object?> config)
    {
        config["kernel_size"] = kernel_size;
        config["strides"] = strides;
        config["padding"] = padding;
        config["data_format"] = data_format;
        config["dilation_rate"] = dilation_rate;
    }
}
