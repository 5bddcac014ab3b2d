using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>Argument handling shared by the convolution and pooling layers: padding, formats, output sizes.</summary>
internal static class ConvArguments
{
    public static string padding(string value)
    {
        var p = value?.ToLowerInvariant();
        if (p is not ("valid" or "same"))
            throw new ArgumentException($"The `padding` argument must be a list/tuple or one of {{'valid', 'same'}}. Received: padding={value}", nameof(padding));
        return p;
    }

    public static string data_format(string? value)
    {
        var f = value ?? "channels_last";
        if (f is not ("channels_last" or "channels_first"))
            throw new ArgumentException($"The `data_format` argument must be one of {{'channels_first', 'channels_last'}}. Received: data_format={value}", nameof(data_format));
        return f;
    }

    /// <summary>Output length of one spatial axis, as Keras computes it (null stays null).</summary>
    public static long? output_length(long? input, long kernel, long stride, long dilation, string padding)
    {
        if (input is null) return null;
        long effective = (kernel - 1) * dilation + 1;
        return padding == "same" ? (input.Value + stride - 1) / stride : (input.Value - effective) / stride + 1;
    }

    /// <summary>
    /// The [left, right, top, bottom] padding that "same" needs on an NCHW tensor, as TensorFlow and
    /// Keras pad: the extra unit goes after (right/bottom).
    /// </summary>
    public static long[] same_padding(long height, long width, long[] kernel, long[] strides, long[] dilation)
    {
        long pad(long size, int axis)
        {
            long effective = (kernel[axis] - 1) * dilation[axis] + 1;
            long output = (size + strides[axis] - 1) / strides[axis];
            return Math.Max((output - 1) * strides[axis] + effective - size, 0);
        }
        long ph = pad(height, 0), pw = pad(width, 1);
        return [pw / 2, pw - pw / 2, ph / 2, ph - ph / 2];
    }

    /// <summary>NHWC to NCHW when the layer is channels_last.</summary>
    public static Tensor to_nchw(Tensor x, string data_format) => data_format == "channels_last" ? x.permute(0, 3, 1, 2) : x;

    public static Tensor from_nchw(Tensor x, string data_format) => data_format == "channels_last" ? x.permute(0, 2, 3, 1) : x;
}
