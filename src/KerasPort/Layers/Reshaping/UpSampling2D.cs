using TorchSharp;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>UpSampling2D</c>: enlarges <c>[batch, height, width, channels]</c> images by
/// <c>size</c>, repeating rows and columns (<c>nearest</c>) or interpolating
/// (<c>bilinear</c> or <c>bicubic</c>, as Keras on torch: half-pixel centres, no antialiasing).
/// </summary>
/// <example><code>new UpSampling2D(size: 2, interpolation: "bilinear")</code></example>
public sealed class UpSampling2D : Layer
{
    /// <param name="size">An int or two ints: the factors for rows and columns (default 2).</param>
    /// <param name="data_format"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
    /// <param name="interpolation"><c>nearest</c> (default), <c>bilinear</c> or <c>bicubic</c>; Keras on torch has no
    /// <c>lanczos3</c>/<c>lanczos5</c>, and neither has the port.</param>
    /// <param name="input_shape">Shape of one sample, to fix the model's input.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    public UpSampling2D(IntTuple? size = null, string? data_format = null, string interpolation = "nearest", long[]? input_shape = null, string? name = null)
        : base(name, input_shape: input_shape)
    {
        this.data_format = ConvArguments.data_format(data_format);
        this.size = (size ?? 2).standardize(2, nameof(size));
        this.interpolation = interpolation?.ToLowerInvariant() ?? "";
        if (this.interpolation is "lanczos3" or "lanczos5")
            throw new ArgumentException($"Resizing with Lanczos interpolation is not supported by the PyTorch backend. Received: interpolation={interpolation}.", nameof(interpolation));
        if (this.interpolation is not ("nearest" or "bilinear" or "bicubic"))
            throw new ArgumentException($"Invalid value for argument `interpolation`. Expected of one {{'bilinear': 'bilinear', 'nearest': 'nearest-exact', 'bicubic': 'bicubic'}}. Received: interpolation={interpolation}", nameof(interpolation));
        build_at_init();
    }

    /// <summary>The (rows, columns) enlargement factors.</summary>
    public long[] size { get; }

    /// <summary><c>"channels_last"</c> or <c>"channels_first"</c>.</summary>
    public string data_format { get; }

    /// <summary><c>"nearest"</c>, <c>"bilinear"</c> or <c>"bicubic"</c>.</summary>
    public string interpolation { get; }

    /// <inheritdoc/>
    protected override void assert_input_compatibility(long[] shape) => InputSpec.ndim(this, shape, 4);

    /// <inheritdoc/>
    public override Tensor call(Tensor inputs, bool training = false)
    {
        if (interpolation == "nearest")
        {
            int first = data_format == "channels_first" ? 2 : 1;
            return inputs.repeat_interleave(size[0], first).repeat_interleave(size[1], first + 1);
        }
        var x = data_format == "channels_last" ? inputs.permute(0, 3, 1, 2) : inputs;
        var mode = interpolation == "bilinear" ? InterpolationMode.Bilinear : InterpolationMode.Bicubic;
        var y = nn.functional.interpolate(x, [x.shape[2] * size[0], x.shape[3] * size[1]], mode: mode, align_corners: false);
        return data_format == "channels_last" ? y.permute(0, 2, 3, 1) : y;
    }

    /// <inheritdoc/>
    public override long?[] compute_output_shape(long?[] input_shape)
    {
        var output = (long?[])input_shape.Clone();
        int first = data_format == "channels_first" ? 2 : 1;
        for (int i = 0; i < 2; i++) output[first + i] = output[first + i] * size[i];
        return output;
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["size"] = size;
        config["data_format"] = data_format;
        config["interpolation"] = interpolation;
        return config;
    }
}
