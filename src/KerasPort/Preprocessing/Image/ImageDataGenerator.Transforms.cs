using KerasPort.Utils;
using TorchSharp;

namespace KerasPort.Preprocessing.Image;

public sealed partial class ImageDataGenerator
{
    /// <summary>
    /// Draws the parameters of one random transformation, from <see cref="RandomState.Global"/>
    /// (reseeded first when <paramref name="seed"/> is given), in Keras's order: theta, tx (from
    /// height_shift_range), ty (from width_shift_range), shear, zx and zy, the two flip draws
    /// (always made), channel shift, brightness.
    /// </summary>
    /// <param name="img_shape">Shape of one image (3 values, channel axis per data_format).</param>
    /// <param name="seed">Random seed, 0 to 2^32 − 1.</param>
    public TransformParameters get_random_transform(long[] img_shape, long? seed = null)
    {
        ArgumentNullException.ThrowIfNull(img_shape);
        if (img_shape.Length != 3)
            throw new ArgumentException($"Expected img_shape to have 3 values (one image). Received: img_shape=[{string.Join(", ", img_shape)}]", nameof(img_shape));
        var rng = RandomState.Global;
        if (seed is long s)
            rng.seed(s);

        double theta = rotation_range != 0 ? rng.uniform(-rotation_range, rotation_range) : 0;
        double tx = DrawShift(rng, height_shift_range, img_shape[row_axis - 1]);
        double ty = DrawShift(rng, width_shift_range, img_shape[col_axis - 1]);
        double shear = shear_range != 0 ? rng.uniform(-shear_range, shear_range) : 0;
        double zx = 1, zy = 1;
        if (!(zoom_range[0] == 1 && zoom_range[1] == 1))
        {
            var z = rng.uniform(zoom_range[0], zoom_range[1], 2);
            (zx, zy) = (z[0], z[1]);
        }
        bool flipH = rng.random() < 0.5 && horizontal_flip;
        bool flipV = rng.random() < 0.5 && vertical_flip;
        double? channelShift = channel_shift_range != 0 ? rng.uniform(-channel_shift_range, channel_shift_range) : null;
        double? brightness = brightness_range is { } b ? rng.uniform(b[0], b[1]) : null;
        return new TransformParameters
        {
            theta = theta,
            tx = tx,
            ty = ty,
            shear = shear,
            zx = zx,
            zy = zy,
            flip_horizontal = flipH,
            flip_vertical = flipV,
            channel_shift_intensity = channelShift,
            brightness = brightness,
        };
    }

    // Keras tries np.random.choice first (an int N or an array), then, when that raises (a float,
    // or an int below 1), uniform(-r, r); a range whose max is below 1 is a fraction of the size.
    private static double DrawShift(RandomState rng, ShiftRange range, long size)
    {
        if (!range.enabled)
            return 0;
        double shift;
        if (range.kind == ShiftRange.Kind.Array)
            shift = rng.choice(range.values) * rng.choice(PlusMinusOne);
        else if (range.kind == ShiftRange.Kind.Int && range.int_value > 0)
            shift = rng.choice(range.int_value) * rng.choice(PlusMinusOne);
        else
        {
            double r = range.kind == ShiftRange.Kind.Int ? range.int_value : range.float_value;
            shift = rng.uniform(-r, r);
        }
        if (range.max < 1)
            shift *= size;
        return shift;
    }

    private static readonly int[] PlusMinusOne = [-1, 1];

    /// <summary>
    /// Applies a transformation to one image, in Keras's order: affine (theta, tx, ty, shear,
    /// zx, zy) → channel shift → horizontal flip → vertical flip → brightness. Like Keras, the
    /// brightness step treats the last axis as channels whatever data_format says.
    /// Thread-safe: it reads only this generator's settings.
    /// </summary>
    public torch.Tensor apply_transform(torch.Tensor x, TransformParameters transform_parameters)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(transform_parameters);
        var p = transform_parameters;
        int imgRow = row_axis - 1, imgCol = col_axis - 1, imgChannel = channel_axis - 1;
        var mode = keras.preprocessing.image.ValidateAffine(x, imgRow, imgCol, imgChannel, fill_mode, interpolation_order);
        // Without a channel shift between them, the flips are done in the affine pass. (The shift
        // would not change values but could give the sign of a zero bound from another pixel.)
        bool fuseFlips = p.channel_shift_intensity is null;
        var result = keras.preprocessing.image.AffineFlipped(x, p.theta, p.tx, p.ty, p.shear, p.zx, p.zy, imgRow, imgCol, imgChannel,
            mode, cval, interpolation_order, fuseFlips && p.flip_vertical, fuseFlips && p.flip_horizontal);
        bool flipsDone = result is not null && fuseFlips;
        result ??= x;
        if (p.channel_shift_intensity is null && (flipsDone || !p.flip_horizontal && !p.flip_vertical) && p.brightness is null)
            return result;
        // The remaining steps overwrite one buffer that this call owns (Keras makes a copy per step).
        if (ReferenceEquals(result, x) || result.device_type != DeviceType.CPU)
            result = PixelOps.OwnedCopy(result);
        if (p.channel_shift_intensity is double intensity)
            PixelOps.ChannelShiftInPlace(result, intensity);
        if (p.flip_horizontal && !flipsDone)
            PixelOps.FlipInPlace(result, imgCol);
        if (p.flip_vertical && !flipsDone)
            PixelOps.FlipInPlace(result, imgRow);
        if (p.brightness is double brightness)
        {
            var shifted = PixelOps.BrightnessShift(result, brightness, scale: false, inPlace: true);
            if (!ReferenceEquals(shifted, result))
                result.Dispose();
            result = shifted;
        }
        return PixelBuffer.OnDeviceOf(result, x);
    }

    /// <summary>
    /// <see cref="apply_transform"/> then <see cref="standardize"/> of one float32 channels_last
    /// image, written straight into <paramref name="output"/> (of the same shape) by the
    /// resampler's output pass: the flips, the brightness blend and the rescale happen on each
    /// row as it is resampled, with the same float32 arithmetic, so the values are the same.
    /// Returns false, with <paramref name="output"/> holding nothing of use, wherever that does
    /// not hold: no affine part, other standardization steps (see <see cref="one_pass"/>), another
    /// layout, or, for the brightness blend, values outside [0, 255] (Keras rescales those first).
    /// A channel shift needs the min and max of the whole resampled image: then the shift, the
    /// flips and the per-value steps follow in passes over the output. Never writes <paramref name="x"/>.
    /// </summary>
    internal unsafe bool transform_into(torch.Tensor x, TransformParameters p, torch.Tensor output)
    {
        if (!one_pass(x.shape) || x.dtype != torch.ScalarType.Float32 || output.dtype != torch.ScalarType.Float32 ||
            x.device_type != DeviceType.CPU || output.device_type != DeviceType.CPU || !x.is_contiguous() || !output.is_contiguous() ||
            !x.shape.AsSpan().SequenceEqual(output.shape))
            return false;
        fixed (byte* source = x.bytes, target = output.bytes)
            return transform_into((float*)source, x.shape, p, (float*)target);
    }

    /// <summary>Whether the one-pass transform can compute the image of <paramref name="p"/> in bands of rows: not with a channel shift, which needs the whole image's range.</summary>
    internal static bool splits_rows(TransformParameters p) => p.channel_shift_intensity is null;

    /// <summary>Whether this generator's settings let <see cref="transform_into(torch.Tensor, TransformParameters, torch.Tensor)"/> work on images of <paramref name="shape"/>.</summary>
    internal bool one_pass(long[] shape) =>
        preprocessing_function is null && !samplewise_center && !samplewise_std_normalization && !featurewise_center &&
        !featurewise_std_normalization && !zca_whitening && channel_axis == 3 && shape.Length == 3 && shape[0] * shape[1] * shape[2] < int.MaxValue;

    /// <summary>
    /// The one-pass transform on raw buffers: a contiguous float32 channels_last image of
    /// <paramref name="shape"/> (see <see cref="one_pass"/>), or only the output rows of
    /// <paramref name="rows"/> where <see cref="splits_rows"/> allows it (bands of one image on
    /// several threads; a false result then asks for the whole image the general way).
    /// </summary>
    internal unsafe bool transform_into(float* x, long[] shape, TransformParameters p, float* output, Range? rows = null)
    {
        int h = (int)shape[0], w = (int)shape[1], channels = (int)shape[2];
        if (rows is not null && !splits_rows(p))
            throw new ArgumentException("A channel shift needs the whole image.", nameof(rows));
        if (p.brightness is not null && channels is not (1 or 3 or 4))
            return false;
        // Without a channel shift the flips are fused as in apply_transform (there, the shift's
        // min and max are of the unflipped image, which matters to the sign of a zero bound).
        bool shift = p.channel_shift_intensity is not null;
        if (keras.preprocessing.image.PlaneTransform(p.theta, p.tx, p.ty, p.shear, p.zx, p.zy, shape, row_axis - 1, col_axis - 1,
                !shift && p.flip_vertical, !shift && p.flip_horizontal) is not var (m, flipA, flipB))
            return false;
        float scale = rescale is double r && r != 0 ? (float)r : 0f;
        var map = p.brightness is double brightness ? new AffineResampler.OutputMap((float)brightness, scale) : new AffineResampler.OutputMap(scale);
        var mode = keras.preprocessing.image.ParseFillMode(fill_mode);
        var source = new AffineResampler.Plane<float>(x, h, w, channels, (long)w * channels, channels, 1);
        var target = new AffineResampler.Plane<float>(output, h, w, channels, (long)w * channels, channels, 1);
        if (p.channel_shift_intensity is not double intensity)
            return AffineResampler.Transform(source, target, m[0, 0], m[0, 1], m[0, 2], m[1, 0], m[1, 1], m[1, 2],
                mode, cval, interpolation_order, flipA, flipB, map, rows);
        AffineResampler.Transform(source, target, m[0, 0], m[0, 1], m[0, 2], m[1, 0], m[1, 1], m[1, 2], mode, cval, interpolation_order);
        var image = new Span<float>(output, h * w * channels);
        PixelOps.ChannelShift(image, (float)intensity);
        if (p.flip_horizontal)
            PixelOps.Flip(image, shape, col_axis - 1);
        if (p.flip_vertical)
            PixelOps.Flip(image, shape, row_axis - 1);
        return !map.active || map.Apply(image, channels);
    }

    /// <summary>
    /// Applies a random transformation to one image: <see cref="get_random_transform"/> on its
    /// shape, then <see cref="apply_transform"/>. Does not standardize (no rescale).
    /// </summary>
    public torch.Tensor random_transform(torch.Tensor x, long? seed = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        var p = get_random_transform(x.shape, seed);
        return apply_transform(x, p);
    }
}
