using System.Globalization;
using TorchSharp;

namespace KerasPort.Preprocessing.Image;

    /// <summary>
    /// Keras's <c>ImageDataGenerator</c> (<c>keras.preprocessing.image.ImageDataGenerator</c>, Keras 3's
    /// legacy module): real-time image augmentation and normalization, drawing its random numbers from
    /// <see cref="Utils.RandomState.Global"/> in Keras's order, so a seed gives Keras's images. Images
    /// are float tensors <c>[H, W, C]</c> (channels_last, the default) or <c>[C, H, W]</c>
    /// (channels_first); batches add a leading N.
    /// </summary>
    /// <remarks>
    /// Each image a flow hands out goes through <see cref="random_transform"/> (rotation, shifts,
    /// shear, zoom, channel shift, flips, brightness), then <see cref="standardize"/>
    /// (preprocessing_function, rescale, then the centring and normalization steps). The featurewise
    /// steps and ZCA need <see cref="fit"/> on sample data first.
    /// </remarks>
    /// <example>
    /// The Python lines
    /// <c>datagen = ImageDataGenerator(rotation_range=40, width_shift_range=0.2, ..., fill_mode="nearest")</c>
    /// and <c>model.fit(datagen.flow(x_train, y_train, batch_size=32), epochs=10)</c> port as:
    /// <code>
    /// var datagen = new ImageDataGenerator(rotation_range: 40, width_shift_range: 0.2,
    /// height_shift_range: 0.2, brightness_range: [0.5, 1.5], rescale: 1.0 / 255,
    /// shear_range: 0.2, zoom_range: 0.4, horizontal_flip: true, fill_mode: "nearest");
    /// model.fit(datagen.flow(x_train, y_train, batch_size: 32), epochs: 10);
    /// </code>
    /// </example>
public sealed partial class ImageDataGenerator
{
    private static readonly object WarningsLock = new();
    private static readonly HashSet<string> ShownWarnings = [];
    private static TextWriter? _warningsWriter;

    /// <summary>
    /// Where warnings go (Python shows them on stderr); null means <see cref="Console.Error"/>.
    /// As with Python's default filter, each warning is shown once; setting the writer starts
    /// afresh (as <c>warnings.catch_warnings</c> does).
    /// </summary>
    public static TextWriter? warnings_writer
    {
        get => _warningsWriter;
        set
        {
            lock (WarningsLock)
            {
                _warningsWriter = value;
                ShownWarnings.Clear();
            }
        }
    }

    /// <summary>Whether the dataset's mean is subtracted (possibly turned on by another setting; see the constructor).</summary>
    public bool featurewise_center { get; }
    /// <summary>Whether each image's own mean is subtracted.</summary>
    public bool samplewise_center { get; }
    /// <summary>Whether images are divided by the dataset's standard deviation.</summary>
    public bool featurewise_std_normalization { get; }
    /// <summary>Whether each image is divided by its own standard deviation.</summary>
    public bool samplewise_std_normalization { get; }
    /// <summary>Whether ZCA whitening is applied.</summary>
    public bool zca_whitening { get; }
    /// <summary>The epsilon of ZCA whitening.</summary>
    public double zca_epsilon { get; }
    /// <summary>Maximum rotation in degrees.</summary>
    public double rotation_range { get; }
    /// <summary>The horizontal shift range, in one of Keras's three forms.</summary>
    public ShiftRange width_shift_range { get; }
    /// <summary>The vertical shift range, in one of Keras's three forms.</summary>
    public ShiftRange height_shift_range { get; }
    /// <summary>[lower, upper] of the brightness factor; null for none.</summary>
    public double[]? brightness_range { get; }
    /// <summary>Maximum shear angle in degrees.</summary>
    public double shear_range { get; }

    /// <summary>The zoom range as Keras keeps it: [lower, upper].</summary>
    public double[] zoom_range { get; }

    /// <summary>Maximum channel shift.</summary>
    public double channel_shift_range { get; }
    /// <summary><c>"nearest"</c>, <c>"constant"</c>, <c>"reflect"</c> or <c>"wrap"</c>.</summary>
    public string fill_mode { get; }
    /// <summary>The fill value for <c>fill_mode: "constant"</c>.</summary>
    public double cval { get; }
    /// <summary>Whether images are flipped left to right at random.</summary>
    public bool horizontal_flip { get; }
    /// <summary>Whether images are flipped top to bottom at random.</summary>
    public bool vertical_flip { get; }

    /// <summary>Rescaling factor; null or 0 means none.</summary>
    public double? rescale { get; }

    /// <summary>The function applied to each image first in <see cref="standardize"/>; null for none.</summary>
    public Func<torch.Tensor, torch.Tensor>? preprocessing_function { get; }
    /// <summary><c>"channels_last"</c> or <c>"channels_first"</c>.</summary>
    public string data_format { get; }

    /// <summary>Fraction of images reserved for validation (Keras's <c>_validation_split</c>).</summary>
    public double validation_split { get; }

    /// <summary>The spline order of the affine resampling: 0 or 1.</summary>
    public int interpolation_order { get; }

    /// <summary>Dtype of the generated arrays: "float32" or "float64".</summary>
    public string dtype { get; }

    /// <summary>Axes of a batch, as Keras numbers them: channels_last → 3, 1, 2; channels_first → 1, 2, 3.</summary>
    public int channel_axis { get; }
    /// <summary>The row axis of a batch: 1 for channels_last, 2 for channels_first.</summary>
    public int row_axis { get; }
    /// <summary>The column axis of a batch: 2 for channels_last, 3 for channels_first.</summary>
    public int col_axis { get; }

        /// <summary>
        /// Creates a generator; every argument has Keras's name, default and meaning. Keras's overrides
        /// apply: zca_whitening turns featurewise_center on and featurewise_std_normalization off;
        /// featurewise_std_normalization turns featurewise_center on; samplewise_std_normalization turns
        /// samplewise_center on (each with Keras's warning).
        /// </summary>
        /// <param name="featurewise_center">Subtract the dataset's per-channel mean (learned by <see cref="fit"/>). Default false.</param>
        /// <param name="samplewise_center">Subtract each image's own mean. Default false.</param>
        /// <param name="featurewise_std_normalization">Divide by the dataset's per-channel standard deviation (learned by <see cref="fit"/>). Default false.</param>
        /// <param name="samplewise_std_normalization">Divide each image by its own standard deviation. Default false.</param>
        /// <param name="zca_whitening">Apply ZCA whitening (matrix learned by <see cref="fit"/>). Default false.</param>
        /// <param name="zca_epsilon">The epsilon added to the singular values in ZCA whitening; finite and &gt;= 0. Default 1e-6.</param>
        /// <param name="rotation_range">Maximum rotation in degrees: each image turns by an angle drawn from [-rotation_range, rotation_range]. Default 0.</param>
        /// <param name="width_shift_range">Horizontal shift: a float (a fraction of the width when &lt; 1, else pixels; drawn from [-r, r]), an int N (whole pixels in (-N, N)) or an array (one of its values, with a random sign). Default 0 (none).</param>
        /// <param name="height_shift_range">Vertical shift, with the same three forms as <paramref name="width_shift_range"/>. Default 0 (none).</param>
        /// <param name="brightness_range">Two numbers [lower, upper]: each image's brightness factor is drawn from that range (1 keeps it). Default null (none).</param>
        /// <param name="shear_range">Shear angle in degrees, counter-clockwise, drawn from [-shear_range, shear_range]. Default 0.</param>
        /// <param name="zoom_range">A float z (zoom drawn from [1 - z, 1 + z]) or [lower, upper]; values below 1 zoom in. Default 0 (none).</param>
        /// <param name="channel_shift_range">Maximum random shift added to every channel's values. Default 0.</param>
        /// <param name="fill_mode">How points outside the image are filled: <c>"nearest"</c> (default), <c>"constant"</c> (with <paramref name="cval"/>), <c>"reflect"</c> or <c>"wrap"</c>.</param>
        /// <param name="cval">The fill value for <c>fill_mode: "constant"</c>. Default 0.</param>
        /// <param name="horizontal_flip">Flip half of the images left to right, at random. Default false.</param>
        /// <param name="vertical_flip">Flip half of the images top to bottom, at random. Default false.</param>
        /// <param name="rescale">A factor every image is multiplied by (e.g. <c>1.0 / 255</c>), before the other normalization steps; null or 0 (default) for none.</param>
        /// <param name="preprocessing_function">A function applied to each image (rank 3) before any other normalization step, after augmentation; it must return an image of the same shape. Default null.</param>
        /// <param name="data_format"><c>"channels_last"</c> (default; null means the same) or <c>"channels_first"</c>.</param>
        /// <param name="validation_split">The fraction of images reserved for validation (select with <c>subset: "validation"</c> in <see cref="flow"/> or <see cref="flow_from_directory(string, int[], string, IReadOnlyList{string}, string, int, bool, long?, string, string, string, bool, string, string, bool)"/>); strictly between 0 and 1, or 0 (default) for none.</param>
        /// <param name="interpolation_order">The spline order of the affine resampling: 1 (default, bilinear) or 0 (nearest). Keras accepts orders up to 5 through scipy; KerasPort implements 0 and 1.</param>
        /// <param name="dtype">The dtype of the generated images: <c>"float32"</c> (default; null means the same) or <c>"float64"</c>.</param>
        /// <exception cref="ArgumentException">
        /// A value out of range, naming the argument. KerasPort is stricter than Keras here: every numeric
        /// argument (rotation_range, the shift, shear, zoom, channel-shift and brightness ranges, cval,
        /// rescale, zca_epsilon) must be finite, and zca_epsilon non-negative; Keras takes NaN or infinity
        /// silently and then fails at the first batch or yields NaN images.
        /// </exception>
    public ImageDataGenerator(
        bool featurewise_center = false,
        bool samplewise_center = false,
        bool featurewise_std_normalization = false,
        bool samplewise_std_normalization = false,
        bool zca_whitening = false,
        double zca_epsilon = 1e-6,
        double rotation_range = 0,
        ShiftRange width_shift_range = default,
        ShiftRange height_shift_range = default,
        double[]? brightness_range = null,
        double shear_range = 0.0,
        ZoomRange zoom_range = default,
        double channel_shift_range = 0.0,
        string fill_mode = "nearest",
        double cval = 0.0,
        bool horizontal_flip = false,
        bool vertical_flip = false,
        double? rescale = null,
        Func<torch.Tensor, torch.Tensor>? preprocessing_function = null,
        string? data_format = "channels_last",
        double validation_split = 0.0,
        int interpolation_order = 1,
        string? dtype = "float32")
    {
        // Validate everything first, so that nothing is half-built.
        data_format ??= "channels_last";
        if (data_format is not ("channels_last" or "channels_first"))
            throw new ArgumentException(
                "`data_format` should be `\"channels_last\"` (channel after row and column) or " +
                $"`\"channels_first\"` (channel before row and column). Received: {data_format}", nameof(data_format));
        if (validation_split != 0 && !(validation_split > 0 && validation_split < 1))
            throw new ArgumentException(
                $"`validation_split` must be strictly between 0 and 1.  Received: {Py(validation_split)}", nameof(validation_split));
        var zoom = zoom_range.Normalize();
        // Keras accepts non-finite values here and then fails on the first batch (OverflowException
        // in numpy's uniform) or yields NaN images; KerasPort refuses them at once.
        check_finite(nameof(zca_epsilon), zca_epsilon);
        if (zca_epsilon < 0)
            throw new ArgumentException(
                $"Invalid value received for argument zca_epsilon. Expected a non-negative number. Received: zca_epsilon={Py(zca_epsilon)}", nameof(zca_epsilon));
        check_finite(nameof(rotation_range), rotation_range);
        check_finite(nameof(width_shift_range), width_shift_range);
        check_finite(nameof(height_shift_range), height_shift_range);
        check_finite(nameof(shear_range), shear_range);
        check_finite(nameof(zoom_range), zoom, zoom_range.ToString());
        check_finite(nameof(channel_shift_range), channel_shift_range);
        check_finite(nameof(cval), cval);
        if (rescale is double r) check_finite(nameof(rescale), r);
        if (brightness_range is not null && brightness_range.Length != 2)
            throw new ArgumentException(
                $"`brightness_range should be tuple or list of two floats. Received: [{string.Join(", ", brightness_range.Select(Py))}]", nameof(brightness_range));
        if (brightness_range is not null) check_finite(nameof(brightness_range), brightness_range, $"[{string.Join(", ", brightness_range.Select(Py))}]");
        keras.preprocessing.image.ParseFillMode(fill_mode);
        if (interpolation_order is not (0 or 1))
            throw new ArgumentException(
                $"Invalid value received for argument interpolation_order. Expected 0 or 1. Received: interpolation_order={interpolation_order}", nameof(interpolation_order));
        dtype ??= "float32";
        if (dtype is not ("float32" or "float64"))
            throw new ArgumentException(
                $"Invalid value received for argument dtype. Expected \"float32\" or \"float64\". Received: dtype={dtype}", nameof(dtype));

        this.featurewise_center = featurewise_center;
        this.samplewise_center = samplewise_center;
        this.featurewise_std_normalization = featurewise_std_normalization;
        this.samplewise_std_normalization = samplewise_std_normalization;
        this.zca_whitening = zca_whitening;
        this.zca_epsilon = zca_epsilon;
        this.rotation_range = rotation_range;
        this.width_shift_range = width_shift_range;
        this.height_shift_range = height_shift_range;
        this.shear_range = shear_range;
        this.zoom_range = zoom;
        this.channel_shift_range = channel_shift_range;
        this.fill_mode = fill_mode;
        this.cval = cval;
        this.horizontal_flip = horizontal_flip;
        this.vertical_flip = vertical_flip;
        this.rescale = rescale;
        this.preprocessing_function = preprocessing_function;
        this.dtype = dtype;
        this.interpolation_order = interpolation_order;
        this.data_format = data_format;
        (channel_axis, row_axis, col_axis) = data_format == "channels_first" ? (1, 2, 3) : (3, 1, 2);
        this.validation_split = validation_split;
        this.brightness_range = brightness_range is null ? null : [brightness_range[0], brightness_range[1]];

        if (zca_whitening)
        {
            if (!featurewise_center)
            {
                this.featurewise_center = true;
                warn("This ImageDataGenerator specifies `zca_whitening`, which overrides setting of `featurewise_center`.");
            }
            if (featurewise_std_normalization)
            {
                this.featurewise_std_normalization = false;
                warn("This ImageDataGenerator specifies `zca_whitening` which overrides setting of`featurewise_std_normalization`.");
            }
        }
        if (featurewise_std_normalization && !featurewise_center)
        {
            this.featurewise_center = true;
            warn("This ImageDataGenerator specifies `featurewise_std_normalization`, which overrides setting of `featurewise_center`.");
        }
        if (samplewise_std_normalization && !samplewise_center)
        {
            this.samplewise_center = true;
            warn("This ImageDataGenerator specifies `samplewise_std_normalization`, which overrides setting of `samplewise_center`.");
        }
    }

    private static void check_finite(string argument, double value) => check_finite(argument, [value], Py(value));

    private static void check_finite(string argument, ShiftRange value) =>
        check_finite(argument, value.kind switch { ShiftRange.Kind.Float => [value.float_value], ShiftRange.Kind.Int => [], _ => value.values.ToArray() }, value.ToString());

    private static void check_finite(string argument, double[] values, string shown)
    {
        if (values.All(double.IsFinite)) return;
        throw new ArgumentException(
            $"Invalid value received for argument {argument}. Expected finite numbers (KerasPort refuses NaN and infinity here, which Keras accepts and then fails on, or yields NaN images, at the first batch). Received: {argument}={shown}", argument);
    }

    /// <summary>
    /// Writes a warning the way Python shows a <c>UserWarning</c>, the first time only (so that
    /// "hasn't been fit" does not repeat for every image of a flow, as in Keras).
    /// </summary>
    internal static void warn(string message)
    {
        lock (WarningsLock)
        {
            if (!ShownWarnings.Add(message))
                return;
            var writer = _warningsWriter ?? Console.Error;
            writer.WriteLine("UserWarning: " + message);
            writer.Flush();
        }
    }

    private torch.ScalarType scalar_type => dtype == "float64" ? torch.ScalarType.Float64 : torch.ScalarType.Float32;

    private static string Py(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
