using TorchSharp;
using static TorchSharp.torch;

namespace KerasPort.Ops;

/// <summary>What the image ops share: the data format argument and the float32 pixel buffer they work on.</summary>
internal static class ImageFormat
{
    /// <summary>Keras's <c>standardize_data_format</c>: null is the default, <c>channels_last</c>.</summary>
    public static string data_format(string? value)
    {
        var format = value ?? "channels_last";
        if (format is not ("channels_last" or "channels_first"))
            throw new ArgumentException($"The `data_format` argument must be one of {{'channels_first', 'channels_last'}}. Received: data_format={value}", nameof(data_format));
        return format;
    }

    /// <summary>
    /// Runs <paramref name="work"/> on a contiguous CPU float32 copy (or view) of <paramref name="x"/>, and brings the
    /// result back to the dtype (rounded for integer dtypes, as Keras's torch ops do) and device of <paramref name="x"/>.
    /// </summary>
    public static Tensor on_float32(Tensor x, Func<Tensor, Tensor> work)
    {
        var pixels = x.to_type(ScalarType.Float32);
        if (pixels.device_type != DeviceType.CPU) pixels = pixels.cpu();
        if (!pixels.is_contiguous()) pixels = pixels.contiguous();
        var result = work(pixels);
        if (x.dtype != ScalarType.Float32)
            result = (is_integral(x.dtype) ? result.round() : result).to_type(x.dtype);
        return result.device_type == x.device_type ? result : result.to(x.device);
    }
}
