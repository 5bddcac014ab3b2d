namespace KerasPort.Layers;

/// <summary>Argument handling shared by the convolution and pooling layers: padding, formats, output sizes.</summary>
internal static class ConvArguments
{
    /// <summary>Keras's <c>standardize_padding</c>: <c>valid</c> or <c>same</c> (and <c>causal</c> where allowed), any case.</summary>
    public static string padding(string value, bool allow_causal = false)
    {
        var p = value?.ToLowerInvariant();
        bool ok = p is "valid" or "same" || (allow_causal && p == "causal");
        if (!ok)
        {
            string allowed = allow_causal ? "{'valid', 'same', 'causal'}" : "{'valid', 'same'}";
            throw new ArgumentException($"The `padding` argument must be a list/tuple or one of {allowed}. Received: {value}", nameof(padding));
        }
        return p!;
    }

    /// <summary>Keras's <c>standardize_data_format</c>; null is <c>channels_last</c> (Keras's default image_data_format).</summary>
    public static string data_format(string? value)
    {
        var f = value?.ToLowerInvariant() ?? "channels_last";
        if (f is not ("channels_last" or "channels_first"))
            throw new ArgumentException($"The `data_format` argument must be one of {{'channels_first', 'channels_last'}}. Received: data_format={value}", nameof(data_format));
        return f;
    }

    /// <summary>
    /// Output length of one spatial axis, as Keras's <c>compute_conv_output_shape</c> and
    /// <c>compute_pooling_output_shape</c> compute it ("same" and "causal" keep ceil(input / stride));
    /// null stays null.
    /// </summary>
    public static long? output_length(long? input, long kernel, long stride, long dilation, string padding)
    {
        if (input is null) return null;
        long effective = (kernel - 1) * dilation + 1;
        if (padding != "valid") return (input.Value - 1) / stride + 1;
        return (long)Math.Floor((double)(input.Value - effective) / stride) + 1;
    }

    /// <summary>The output shape of a convolution or pooling over the spatial axes of <paramref name="input_shape"/>.</summary>
    public static long?[] output_shape(long?[] input_shape, long? channels, long[] kernel, long[] strides, long[] dilation, string padding,
        string data_format, Func<string> describe)
    {
        int rank = kernel.Length;
        int first = data_format == "channels_last" ? 1 : 2;
        var spatial = new long?[rank];
        for (int i = 0; i < rank; i++)
        {
            spatial[i] = output_length(input_shape[first + i], kernel[i], strides[i], dilation[i], padding);
            if (spatial[i] <= 0)
                throw new ArgumentException($"Computed output size would be zero or negative. Received {describe()}.", "input_shape");
        }
        return data_format == "channels_last"
            ? [input_shape[0], .. spatial, channels]
            : [input_shape[0], channels, .. spatial];
    }

    /// <summary>The channel axis of a channels_last or channels_first input of <paramref name="ndim"/> dimensions.</summary>
    public static int channel_axis(string data_format, int ndim) => data_format == "channels_last" ? ndim - 1 : 1;

    public static string tuple(long[] values) => values.Length == 1 ? $"({values[0]},)" : "(" + string.Join(", ", values) + ")";
}
