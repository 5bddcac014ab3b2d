using System.Globalization;
using TorchSharp;

namespace KerasPort.Preprocessing.Image;

/// <summary>
/// Keras's <c>ImageDataGenerator</c>: real-time image augmentation and normalization, drawing
/// its random numbers from <see cref="Utils.RandomState.Global"/> in Keras's order, so a seed
/// gives Keras's images. Images are float tensors <c>[H, W, C]</c> (channels_last, the default)
/// or <c>[C, H, W]</c> (channels_first); batches add a leading N.
/// <code>
/// var datagen = new ImageDataGenerator(rotation_range: 40, width_shift_range: 0.2,
///     height_shift_range: 0.2, brightness_range: [0.5, 1.5], rescale: 1.0 / 255,
///     shear_range: 0.2, zoom_range: 0.4, horizontal_flip: true, fill_mode: "nearest");
/// </code>
/// </summary>
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

    public bool featurewise_center { get; }
    public bool samplewise_center { get; }
    public bool featurewise_std_normalization { get; }
    public bool samplewise_std_normalization { get; }
    public bool zca_whitening { get; }
    public double zca_epsilon { get; }
    public double rotation_range { get; }
    public ShiftRange width_shift_range { get; }
    public ShiftRange height_shift_range { get; }
    public double[]? brightness_range { get; }
    public double shear_range { get; }

    /// <summary>The zoom range as Keras keeps it: [lower, upper].</summary>
    public double[] zoom_range { get; }

    public double channel_shift_range { get; }
    public string fill_mode { get; }
    public double cval { get; }
    public bool horizontal_flip { get; }
    public bool vertical_flip { get; }

    /// <summary>Rescaling factor; null or 0 means none.</summary>
    public double? rescale { get; }

    public Func<torch.Tensor, torch.Tensor>? preprocessing_function { get; }
    public string data_format { get; }

    /// <summary>Fraction of images reserved for validation (Keras's <c>_validation_split</c>).</summary>
    public double validation_split { get; }

    public int interpolation_order { get; }

    /// <summary>Dtype of the generated arrays: "float32" or "float64".</summary>
    public string dtype { get; }

    /// <summary>Axes of a batch, as Keras numbers them: channels_last → 3, 1, 2; channels_first → 1, 2, 3.</summary>
    public int channel_axis { get; }
    public int row_axis { get; }
    public int col_axis { get; }

    /// <summary>
    /// Creates a generator; every argument has Keras's name, default and meaning. KerasPort is
    /// stricter than Keras in one way: every numeric argument (<c>rotation_range</c>, the shift,
    /// shear, zoom, channel-shift and brightness ranges, <c>cval</c>, <c>rescale</c>,
    /// <c>zca_epsilon</c>) must be finite, and <c>zca_epsilon</c> non-negative; Keras takes NaN or
    /// infinity silently and then fails at the first batch (numpy's "Range exceeds valid bounds")
    /// or yields NaN images, where KerasPort raises an <see cref="ArgumentException"/> naming the argument. Keras's
    /// overrides apply: zca_whitening turns featurewise_center on and
    /// featurewise_std_normalization off; featurewise_std_normalization turns
    /// featurewise_center on; samplewise_std_normalization turns samplewise_center on (each with
    /// Keras's warning).
    /// </summary>
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
