using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>The random boxes of CutMix and RandomErasing, drawn and rasterised as Keras does.</summary>
internal static class BoxMasks
{
    /// <summary>Keras's <c>_compute_crop_bounds</c>: a start drawn per image in [0, length − crop) and its end.</summary>
    public static (Tensor start, Tensor end) crop_bounds(long batch_size, int image_length, Tensor crop_ratio, Backend.SeedGenerator seed)
    {
        var crop_length = crop_ratio * image_length;
        var start = keras.random.uniform([batch_size], 0, 1, seed: seed) * (image_length - crop_length);
        return (start, start + crop_length);
    }

    /// <summary>Keras's <c>_generate_batch_mask</c>: true inside each image's box, repeated over the channels.</summary>
    public static Tensor mask(long[] images_shape, string data_format, Tensor x0, Tensor x1, Tensor y0, Tensor y1)
    {
        bool last = data_format == "channels_last";
        long height = last ? images_shape[1] : images_shape[2], width = last ? images_shape[2] : images_shape[3];
        long channels = last ? images_shape[3] : images_shape[1];
        var grid_y = arange(height, dtype: ScalarType.Float32);
        var grid_x = arange(width, dtype: ScalarType.Float32);
        long[] y_shape = last ? [1, height, 1, 1] : [1, 1, height, 1];
        long[] x_shape = last ? [1, 1, width, 1] : [1, 1, 1, width];
        Tensor box(Tensor t) => t.reshape(-1, 1, 1, 1);
        var gx = grid_x.reshape(x_shape);
        var gy = grid_y.reshape(y_shape);
        var masks = (gx >= box(x0)) & (gx < box(x1)) & (gy >= box(y0)) & (gy < box(y1));
        return masks.repeat_interleave(channels, last ? 3 : 1);
    }
}
