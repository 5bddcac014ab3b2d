using KerasPort.Preprocessing.Image;
using KerasPort.Utils;
using TorchSharp;
using Tensor = TorchSharp.torch.Tensor;

namespace KerasPort;

public static partial class keras
{
    public static partial class preprocessing
    {
        /// <summary>
        /// Keras's legacy image module (<c>keras.preprocessing.image</c>): the affine, channel-shift
        /// and brightness functions that ImageDataGenerator is built on. Random variants draw from
        /// <see cref="RandomState.Global"/> exactly as Keras draws from <c>np.random</c>.
        /// </summary>
        public static partial class image
        {
            /// <summary>
            /// Applies the affine transformation given by the parameters, as Keras does: the matrix
            /// rotation·shift·shear·zoom about the image centre, resampled as
            /// <c>scipy.ndimage.affine_transform</c> does. Returns <paramref name="x"/> itself when
            /// every parameter is neutral.
            /// </summary>
            /// <param name="x">3-D image: float32 or float64, or an integer type, kept (rounded as scipy rounds), as Keras does.</param>
            /// <param name="theta">Rotation angle in degrees.</param>
            /// <param name="tx">Shift along the first image axis of Keras's matrix (moves columns, see Keras).</param>
            /// <param name="ty">Shift along the second image axis of Keras's matrix (moves rows).</param>
            /// <param name="shear">Shear angle in degrees.</param>
            /// <param name="zx">Zoom in x direction.</param>
            /// <param name="zy">Zoom in y direction.</param>
            /// <param name="row_axis">Index of the rows axis.</param>
            /// <param name="col_axis">Index of the columns axis.</param>
            /// <param name="channel_axis">Index of the channels axis (0 or 2).</param>
            /// <param name="fill_mode">One of "constant", "nearest", "reflect", "wrap".</param>
            /// <param name="cval">Value of points outside the boundaries when fill_mode is "constant".</param>
            /// <param name="order">Interpolation order: 0 (nearest) or 1 (bilinear).</param>
            public static Tensor apply_affine_transform(Tensor x, double theta = 0, double tx = 0, double ty = 0,
                double shear = 0, double zx = 1, double zy = 1, int row_axis = 1, int col_axis = 2, int channel_axis = 0,
                string fill_mode = "nearest", double cval = 0.0, int order = 1)
            {
                var mode = ValidateAffine(x, row_axis, col_axis, channel_axis, fill_mode, order);
                return AffineFlipped(x, theta, tx, ty, shear, zx, zy, row_axis, col_axis, channel_axis, mode, cval, order,
                    flip_row: false, flip_col: false) ?? x;
            }

            // apply_affine_transform's argument checks; returns the parsed fill mode.
            internal static FillMode ValidateAffine(Tensor x, int row_axis, int col_axis, int channel_axis, string fill_mode, int order)
            {
                ArgumentNullException.ThrowIfNull(x);
                if (row_axis == col_axis || row_axis == channel_axis || col_axis == channel_axis)
                    throw new ArgumentException($"'row_axis', 'col_axis', and 'channel_axis' must be distinct. Received: row_axis={row_axis}, col_axis={col_axis}, channel_axis={channel_axis}");
                foreach (var (name, axis) in new[] { ("row_axis", row_axis), ("col_axis", col_axis), ("channel_axis", channel_axis) })
                    if (axis is < 0 or > 2)
                        throw new ArgumentException($"Invalid value received for argument {name}. Expected 0, 1 or 2. Received: {name}={axis}", name);
                if (x.dim() != 3)
                    throw new ArgumentException($"Input arrays must be multi-channel 2D images. Received: x with shape [{string.Join(", ", x.shape)}]", nameof(x));
                if (channel_axis is not (0 or 2))
                    throw new ArgumentException($"Channels are allowed and the first and last dimensions. Received: channel_axis={channel_axis}", nameof(channel_axis));
                var mode = ParseFillMode(fill_mode);
                if (order is not (0 or 1))
                    throw new ArgumentException($"Invalid value received for argument order. Expected 0 or 1. Received: order={order}", nameof(order));
                return mode;
            }

            /// <summary>
            /// The affine transformation of validated arguments, followed by flips of the row and/or
            /// column axis done in the same pass; null (nothing done) when every affine parameter is neutral.
            /// </summary>
            internal static Tensor? AffineFlipped(Tensor x, double theta, double tx, double ty, double shear, double zx, double zy,
                int row_axis, int col_axis, int channel_axis, FillMode mode, double cval, int order, bool flip_row, bool flip_col)
            {
                if (PlaneTransform(theta, tx, ty, shear, zx, zy, x.shape, row_axis, col_axis, flip_row, flip_col) is not var (m, flipA, flipB))
                    return null;
                return Resample(x, channel_axis, m, mode, cval, order, flipA, flipB);
            }

            /// <summary>
            /// The resampler's matrix of the affine parameters for an image of <paramref name="shape"/>:
            /// it acts on the two spatial axes in memory order (the plane's first axis is the lower
            /// one), as do the flips it returns; null when every parameter is neutral.
            /// </summary>
            internal static (Matrix3 m, bool flipA, bool flipB)? PlaneTransform(double theta, double tx, double ty, double shear,
                double zx, double zy, long[] shape, int row_axis, int col_axis, bool flip_row, bool flip_col)
            {
                if (AffineMatrix.Compose(theta, tx, ty, shear, zx, zy) is not { } matrix)
                    return null;
                var m = AffineMatrix.OffsetCenter(matrix, shape[row_axis], shape[col_axis]);
                if (col_axis > row_axis)
                    m = AffineMatrix.SwapXY(m);
                return row_axis < col_axis ? (m, flip_row, flip_col) : (m, flip_col, flip_row);
            }

            /// <summary>Random rotation by <c>uniform(-rg, rg)</c> degrees (Keras's <c>random_rotation</c>).</summary>
            public static Tensor random_rotation(Tensor x, double rg, int row_axis = 1, int col_axis = 2, int channel_axis = 0,
                string fill_mode = "nearest", double cval = 0.0, int interpolation_order = 1)
            {
                double theta = RandomState.Global.uniform(-rg, rg);
                return apply_affine_transform(x, theta: theta, row_axis: row_axis, col_axis: col_axis, channel_axis: channel_axis,
                    fill_mode: fill_mode, cval: cval, order: interpolation_order);
            }

            /// <summary>
            /// Random shift (Keras's <c>random_shift</c>): <c>tx = uniform(-hrg, hrg)·h</c>, then
            /// <c>ty = uniform(-wrg, wrg)·w</c>, as fractions of height and width.
            /// </summary>
            public static Tensor random_shift(Tensor x, double wrg, double hrg, int row_axis = 1, int col_axis = 2, int channel_axis = 0,
                string fill_mode = "nearest", double cval = 0.0, int interpolation_order = 1)
            {
                long h = x.shape[row_axis], w = x.shape[col_axis];
                double tx = RandomState.Global.uniform(-hrg, hrg) * h;
                double ty = RandomState.Global.uniform(-wrg, wrg) * w;
                return apply_affine_transform(x, tx: tx, ty: ty, row_axis: row_axis, col_axis: col_axis, channel_axis: channel_axis,
                    fill_mode: fill_mode, cval: cval, order: interpolation_order);
            }

            /// <summary>Random shear by <c>uniform(-intensity, intensity)</c> degrees (Keras's <c>random_shear</c>).</summary>
            public static Tensor random_shear(Tensor x, double intensity, int row_axis = 1, int col_axis = 2, int channel_axis = 0,
                string fill_mode = "nearest", double cval = 0.0, int interpolation_order = 1)
            {
                double shear = RandomState.Global.uniform(-intensity, intensity);
                return apply_affine_transform(x, shear: shear, row_axis: row_axis, col_axis: col_axis, channel_axis: channel_axis,
                    fill_mode: fill_mode, cval: cval, order: interpolation_order);
            }

            /// <summary>
            /// Random zoom (Keras's <c>random_zoom</c>): <c>zx, zy = uniform(lower, upper, 2)</c>,
            /// no draw when the range is [1, 1].
            /// </summary>
            public static Tensor random_zoom(Tensor x, double[] zoom_range, int row_axis = 1, int col_axis = 2, int channel_axis = 0,
                string fill_mode = "nearest", double cval = 0.0, int interpolation_order = 1)
            {
                ArgumentNullException.ThrowIfNull(zoom_range);
                if (zoom_range.Length != 2)
                    throw new ArgumentException($"`zoom_range` should be a tuple or list of two floats. Received: zoom_range=[{string.Join(", ", zoom_range)}]", nameof(zoom_range));
                double zx = 1, zy = 1;
                if (!(zoom_range[0] == 1 && zoom_range[1] == 1))
                {
                    var z = RandomState.Global.uniform(zoom_range[0], zoom_range[1], 2);
                    (zx, zy) = (z[0], z[1]);
                }
                return apply_affine_transform(x, zx: zx, zy: zy, row_axis: row_axis, col_axis: col_axis, channel_axis: channel_axis,
                    fill_mode: fill_mode, cval: cval, order: interpolation_order);
            }

            /// <summary>
            /// Adds <paramref name="intensity"/> to every channel and clips to the min and max of the
            /// whole image (Keras's <c>apply_channel_shift</c>; as there, the result does not depend
            /// on <paramref name="channel_axis"/>, kept for Keras's signature).
            /// </summary>
            public static Tensor apply_channel_shift(Tensor x, double intensity, int channel_axis = 0)
            {
                ArgumentNullException.ThrowIfNull(x);
                if (x.dim() != 3)
                    throw new ArgumentException($"Expected image array to have rank 3 (single image). Received: x with shape [{string.Join(", ", x.shape)}]", nameof(x));
                var result = PixelOps.OwnedCopy(x);
                PixelOps.ChannelShiftInPlace(result, intensity);
                return PixelBuffer.OnDeviceOf(result, x);
            }

            /// <summary>Channel shift by <c>uniform(-intensity_range, intensity_range)</c> (Keras's <c>random_channel_shift</c>).</summary>
            public static Tensor random_channel_shift(Tensor x, double intensity_range, int channel_axis = 0)
            {
                double intensity = RandomState.Global.uniform(-intensity_range, intensity_range);
                return apply_channel_shift(x, intensity, channel_axis);
            }

            /// <summary>
            /// Keras's <c>apply_brightness_shift</c>: the image goes through PIL's uint8
            /// <c>ImageEnhance.Brightness</c> (channels on the last axis, as Keras's
            /// <c>array_to_img</c> assumes), min-max scaled to [0, 255] first when
            /// <paramref name="scale"/> is set or the values leave [0, 255], and mapped back to the
            /// original range when only the latter forced the scaling.
            /// </summary>
            public static Tensor apply_brightness_shift(Tensor x, double brightness, bool scale = true)
            {
                ArgumentNullException.ThrowIfNull(x);
                if (x.dim() != 3)
                    throw new ArgumentException($"Expected image array to have rank 3 (single image). Got array with shape: [{string.Join(", ", x.shape)}]", nameof(x));
                return PixelOps.BrightnessShift(x, brightness, scale, inPlace: false);
            }

            /// <summary>Brightness shift by <c>uniform(lower, upper)</c> (Keras's <c>random_brightness</c>).</summary>
            public static Tensor random_brightness(Tensor x, double[] brightness_range, bool scale = true)
            {
                ArgumentNullException.ThrowIfNull(brightness_range);
                if (brightness_range.Length != 2)
                    throw new ArgumentException($"`brightness_range should be tuple or list of two floats. Received: brightness_range=[{string.Join(", ", brightness_range)}]", nameof(brightness_range));
                double u = RandomState.Global.uniform(brightness_range[0], brightness_range[1]);
                return apply_brightness_shift(x, u, scale);
            }

            /// <summary>
            /// scipy's affine_transform of an integer array: interpolated in double precision, then
            /// rounded as scipy writes integer outputs (half away from zero; negatives to 0 for
            /// unsigned types) and stored in the input's dtype, as Keras returns it.
            /// </summary>
            private static Tensor ResampleIntegers(Tensor x, int channel_axis, Matrix3 m, FillMode mode, double cval, int order, bool flipA, bool flipB)
            {
                using var scope = torch.NewDisposeScope();
                using var wide = x.to_type(torch.ScalarType.Float64);
                var result = Resample(wide, channel_axis, m, mode, cval, order, flipA, flipB);
                var rounded = x.dtype == torch.ScalarType.Byte
                    ? result.clamp_min(0).add_(0.5).floor_()
                    : result.sign().mul_(result.abs().add_(0.5).floor_());
                return rounded.to_type(x.dtype).MoveToOuterDisposeScope();
            }

            internal static FillMode ParseFillMode(string fill_mode) => fill_mode switch
            {
                "nearest" => FillMode.Nearest,
                "constant" => FillMode.Constant,
                "reflect" => FillMode.Reflect,
                "wrap" => FillMode.Wrap,
                _ => throw new ArgumentException($"Invalid value received for argument fill_mode. Expected one of {{\"constant\", \"nearest\", \"reflect\", \"wrap\"}}. Received: fill_mode={fill_mode}", nameof(fill_mode)),
            };

            private static unsafe Tensor Resample(Tensor x, int channel_axis, Matrix3 m, FillMode mode, double cval, int order, bool flipA, bool flipB)
            {
                if (!x.is_floating_point() && x.dtype != torch.ScalarType.Bool)
                    return ResampleIntegers(x, channel_axis, m, mode, cval, order, flipA, flipB);
                var input = PixelBuffer.Prepare(x, nameof(x));
                try
                {
                    var shape = input.shape;
                    var output = torch.empty(shape, input.dtype);
                    var (s0, s1, s2) = PixelBuffer.Strides(shape);
                    // The spatial axes are the other two, in their order; the matrix acts on them.
                    int lenA, lenB, channels = (int)shape[channel_axis];
                    long sa, sb, sc;
                    if (channel_axis == 0)
                        (lenA, lenB, sa, sb, sc) = ((int)shape[1], (int)shape[2], s1, s2, s0);
                    else
                        (lenA, lenB, sa, sb, sc) = ((int)shape[0], (int)shape[1], s0, s1, s2);
                    if (input.dtype == torch.ScalarType.Float32)
                    {
                        fixed (float* src = PixelBuffer.Span<float>(input), dst = PixelBuffer.Span<float>(output))
                            AffineResampler.Transform(new AffineResampler.Plane<float>(src, lenA, lenB, channels, sa, sb, sc),
                                new AffineResampler.Plane<float>(dst, lenA, lenB, channels, sa, sb, sc),
                                m[0, 0], m[0, 1], m[0, 2], m[1, 0], m[1, 1], m[1, 2], mode, cval, order, flipA, flipB);
                    }
                    else
                    {
                        fixed (double* src = PixelBuffer.Span<double>(input), dst = PixelBuffer.Span<double>(output))
                            AffineResampler.Transform(new AffineResampler.Plane<double>(src, lenA, lenB, channels, sa, sb, sc),
                                new AffineResampler.Plane<double>(dst, lenA, lenB, channels, sa, sb, sc),
                                m[0, 0], m[0, 1], m[0, 2], m[1, 0], m[1, 1], m[1, 2], mode, cval, order, flipA, flipB);
                    }
                    return PixelBuffer.OnDeviceOf(output, x);
                }
                finally
                {
                    if (!ReferenceEquals(input, x))
                        input.Dispose();
                }
            }
        }
    }
}
