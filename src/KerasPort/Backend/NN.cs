using TorchSharp;
using static TorchSharp.torch;

namespace KerasPort.Backend;

/// <summary>
/// The neural-network ops of Keras's torch backend (<c>keras/src/backend/torch/nn.py</c>) that the
/// convolution, pooling and normalization layers call, with Keras's own padding rules: "same"
/// puts the extra unit of an odd total padding after (right, bottom), pads explicitly only when
/// the two sides differ (zeros for convolutions, edge values for pooling, as Keras does), and
/// average pooling leaves torch's own padding out of the mean.
/// Inputs are <c>[batch, steps, channels]</c> or <c>[batch, height, width, channels]</c> in
/// channels_last (channels second in channels_first); a 1D input runs as a 2D one of height 1.
/// </summary>
internal static class NN
{
    // Tensor.add(Tensor) makes a new Scalar alpha (a native object, freed by its finalizer) at every call.
    private static readonly Scalar One = 1.ToScalar();

    /// <summary><paramref name="x"/> plus <paramref name="bias"/> (broadcast), as Keras's <c>ops.add</c>.</summary>
    public static Tensor add_bias(Tensor x, Tensor bias) => x.add(bias, One);

    /// <summary>Keras's <c>_compute_padding_length</c>: the (before, after) padding of one axis for "same".</summary>
    public static (long before, long after) same_padding_length(long input, long kernel, long stride, long dilation)
    {
        long effective = (kernel - 1) * dilation + 1;
        long output = (input + stride - 1) / stride;
        long total = Math.Max(0, (output - 1) * stride + effective - input);
        return (total / 2, total - total / 2);
    }

    /// <summary>Convolution (Keras's <c>ops.conv</c>); the kernel is <c>[spatial..., in_channels / groups, out_channels]</c>.</summary>
    public static Tensor conv(Tensor inputs, Tensor kernel, long[] strides, string padding, string data_format, long[] dilation_rate)
    {
        bool one_d = inputs.dim() == 3;
        var x = to_nchw(inputs, data_format);
        var weight = (one_d ? kernel.unsqueeze(0) : kernel).permute(3, 2, 0, 1);
        long[] s = as_2d(strides), d = as_2d(dilation_rate), pad = [0, 0];
        // Keras infers the groups from the kernel: input channels / kernel input channels.
        long groups = x.shape[1] / weight.shape[1];
        if (padding == "same") (x, pad) = apply_same_padding(x, [weight.shape[2], weight.shape[3]], s, d, PaddingModes.Constant);
        var y = nn.functional.conv2d(x, weight, strides: s, padding: pad, dilation: d, groups: groups);
        return from_nchw(y, data_format, one_d);
    }

    /// <summary>Depthwise convolution; the kernel is <c>[spatial..., in_channels, depth_multiplier]</c>.</summary>
    public static Tensor depthwise_conv(Tensor inputs, Tensor kernel, long[] strides, string padding, string data_format, long[] dilation_rate)
    {
        var shape = kernel.shape;
        var grouped = kernel.reshape([.. shape[..^2], 1, shape[^2] * shape[^1]]);
        return conv(inputs, grouped, strides, padding, data_format, dilation_rate);
    }

    /// <summary>Depthwise then pointwise convolution, as Keras's <c>ops.separable_conv</c>.</summary>
    public static Tensor separable_conv(Tensor inputs, Tensor depthwise_kernel, Tensor pointwise_kernel, long[] strides, string padding,
        string data_format, long[] dilation_rate)
    {
        var depthwise = depthwise_conv(inputs, depthwise_kernel, strides, padding, data_format, dilation_rate);
        return conv(depthwise, pointwise_kernel, Enumerable.Repeat(1L, strides.Length).ToArray(), "valid", data_format, dilation_rate);
    }

    /// <summary>
    /// Transposed convolution (Keras's <c>ops.conv_transpose</c> on torch): the full output, then
    /// cropped (or zero-extended) on each side to the window Keras's "valid"/"same" and
    /// <paramref name="output_padding"/> define. The kernel is <c>[kh, kw, out_channels, in_channels]</c>.
    /// </summary>
    public static Tensor conv_transpose(Tensor inputs, Tensor kernel, long[] strides, string padding, long[]? output_padding,
        string data_format, long[] dilation_rate)
    {
        var y = full_conv_transpose(to_nchw(inputs, data_format), kernel, strides, dilation_rate);
        var pads = new long[4];
        for (int axis = 0; axis < 2; axis++)
        {
            var (left, right) = transpose_padding(kernel.shape[axis], strides[axis], dilation_rate[axis], padding, output_padding?[axis]);
            long effective = (kernel.shape[axis] - 1) * dilation_rate[axis] + 1;
            long crop_left = effective - 1 - left, crop_right = effective - 1 - right;
            long start = Math.Max(0, crop_left), end = y.shape[2 + axis] - Math.Max(0, crop_right);
            y = y.narrow(2 + axis, start, end - start);
            // torch's pad lists the last axis first.
            pads[2 * (1 - axis)] = Math.Max(0, -crop_left);
            pads[2 * (1 - axis) + 1] = Math.Max(0, -crop_right);
        }
        if (pads.Any(p => p > 0)) y = nn.functional.pad(y, pads);
        return from_nchw(y, data_format, one_d: false);
    }

    /// <summary>
    /// The full transposed convolution of NCHW <paramref name="x"/> (torch's <c>conv_transpose2d</c>
    /// without padding) as an ordinary convolution: the input spread out by the strides (zeros
    /// between its pixels), padded by the kernel's reach on every side, under the kernel flipped in
    /// space with its channel axes swapped. libtorch's own <c>conv_transpose2d</c> (oneDNN's
    /// deconvolution) gives wrong values on some CPUs: off by up to 1.1 on two of Keras's recorded
    /// cases on an AMD EPYC, and not the same from one run to the next.
    /// </summary>
    private static Tensor full_conv_transpose(Tensor x, Tensor kernel, long[] strides, long[] dilation_rate)
    {
        var spread = x;
        if (strides[0] > 1 || strides[1] > 1)
        {
            long n = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3];
            // [n, c, h, 1, w, 1] padded to [n, c, h, s0, w, s1]: each pixel followed by zeros (torch's pad lists the last axis first).
            spread = nn.functional.pad(x.reshape(n, c, h, 1, w, 1), [0, strides[1] - 1, 0, 0, 0, strides[0] - 1])
                .reshape(n, c, h * strides[0], w * strides[1])
                .narrow(2, 0, (h - 1) * strides[0] + 1)
                .narrow(3, 0, (w - 1) * strides[1] + 1);
        }
        long reach_h = dilation_rate[0] * (kernel.shape[0] - 1), reach_w = dilation_rate[1] * (kernel.shape[1] - 1);
        var weight = kernel.permute(2, 3, 0, 1).flip(2, 3);
        return nn.functional.conv2d(spread, weight, padding: [reach_h, reach_w], dilation: dilation_rate);
    }

    /// <summary>Keras's (before, after) padding of a transposed convolution along one axis (its JAX rule).</summary>
    private static (long left, long right) transpose_padding(long kernel, long stride, long dilation, string padding, long? output_padding)
    {
        long effective = (kernel - 1) * dilation + 1;
        if (padding == "valid")
        {
            long extra = output_padding ?? Math.Max(effective, stride) - effective;
            return (effective - 1, effective - 1 + extra);
        }
        long total = output_padding is long op ? effective + effective % 2 - 2 + op : stride + effective - 2;
        long left = Math.Min(total / 2 + total % 2, effective - 1);
        return (left, total - left);
    }

    /// <summary>The size of one output axis of a transposed convolution (null stays null).</summary>
    public static long? conv_transpose_output_length(long? input, long kernel, long stride, string padding, long? output_padding, long dilation)
    {
        if (input is not long size) return null;
        long effective = (kernel - 1) * dilation + 1;
        if (padding == "valid")
            return (size - 1) * stride + effective + (output_padding ?? Math.Max(effective, stride) - effective);
        return output_padding is long op ? (size - 1) * stride + effective % 2 + op : size * stride;
    }

    /// <summary>Max pooling (Keras's <c>ops.max_pool</c>).</summary>
    public static Tensor max_pool(Tensor inputs, long[] pool_size, long[] strides, string padding, string data_format)
    {
        bool one_d = inputs.dim() == 3;
        var x = to_nchw(inputs, data_format);
        long[] k = as_2d(pool_size), s = as_2d(strides), pad = [0, 0];
        if (padding == "same") (x, pad) = apply_same_padding(x, k, s, [1, 1], PaddingModes.Replicate);
        return from_nchw(nn.functional.max_pool2d(x, k, s, pad), data_format, one_d);
    }

    /// <summary>Average pooling (Keras's <c>ops.average_pool</c>): torch's own padding is not counted in the mean.</summary>
    public static Tensor average_pool(Tensor inputs, long[] pool_size, long[] strides, string padding, string data_format)
    {
        bool one_d = inputs.dim() == 3;
        var x = to_nchw(inputs, data_format);
        long[] k = as_2d(pool_size), s = as_2d(strides), pad = [0, 0];
        if (padding == "same") (x, pad) = apply_same_padding(x, k, s, [1, 1], PaddingModes.Replicate);
        return from_nchw(nn.functional.avg_pool2d(x, k, s, pad, count_include_pad: false), data_format, one_d);
    }

    /// <summary>
    /// Keras's <c>ops.moments</c> on torch: the mean, and the variance as E[x²] − E[x]² (faster, less
    /// stable than the two-pass formula, and what Keras computes).
    /// </summary>
    public static (Tensor mean, Tensor variance) moments(Tensor x, long[] axes, bool keepdims = false)
    {
        var mean = x.mean(axes, keepdim: true);
        var variance = x.square().mean(axes, keepdim: true) - mean.square();
        if (keepdims) return (mean, variance);
        foreach (var axis in axes.Select(a => a < 0 ? a + x.dim() : a).OrderDescending())
        {
            mean = mean.squeeze(axis);
            variance = variance.squeeze(axis);
        }
        return (mean, variance);
    }

    /// <summary>
    /// Keras's <c>ops.batch_normalization</c> on torch: <c>(x - mean) * (rsqrt(variance + epsilon) * scale) + offset</c>,
    /// the statistics broadcast along <paramref name="axis"/>, in Keras's order of operations.
    /// </summary>
    public static Tensor batch_normalization(Tensor x, Tensor mean, Tensor variance, long axis, Tensor? offset, Tensor? scale, double epsilon)
    {
        var shape = Enumerable.Repeat(1L, (int)x.dim()).ToArray();
        shape[axis < 0 ? axis + x.dim() : axis] = mean.shape[0];
        var factor = variance.reshape(shape).add(epsilon).rsqrt_();
        if (scale is not null) factor = factor.mul(scale.reshape(shape));
        var y = x.sub(mean.reshape(shape)).mul_(factor);
        return offset is null ? y : y.add_(offset.reshape(shape));
    }

    /// <summary>
    /// Keras's <c>_apply_same_padding</c> on an NCHW tensor: the padding for torch when both sides
    /// agree, else the tensor padded explicitly (with <paramref name="mode"/>) and no torch padding.
    /// </summary>
    private static (Tensor x, long[] padding) apply_same_padding(Tensor x, long[] kernel, long[] strides, long[] dilation, PaddingModes mode)
    {
        var h = same_padding_length(x.shape[2], kernel[0], strides[0], dilation[0]);
        var w = same_padding_length(x.shape[3], kernel[1], strides[1], dilation[1]);
        if (h.before == h.after && w.before == w.after) return (x, [h.before, w.before]);
        return (nn.functional.pad(x, [w.before, w.after, h.before, h.after], mode), [0, 0]);
    }

    /// <summary>1D sizes as 2D ones with a unit height.</summary>
    private static long[] as_2d(long[] values) => values.Length == 1 ? [1, values[0]] : values;

    /// <summary>A channels_last input as NCHW (contiguous, as Keras makes it); a 1D input gains a unit height.</summary>
    private static Tensor to_nchw(Tensor x, string data_format)
    {
        bool one_d = x.dim() == 3;
        if (data_format == "channels_last") x = (one_d ? x.permute(0, 2, 1) : x.permute(0, 3, 1, 2)).contiguous();
        return one_d ? x.unsqueeze(2) : x;
    }

    private static Tensor from_nchw(Tensor y, string data_format, bool one_d)
    {
        if (one_d) y = y.squeeze(2);
        if (data_format != "channels_last") return y;
        return one_d ? y.permute(0, 2, 1) : y.permute(0, 2, 3, 1);
    }
}
